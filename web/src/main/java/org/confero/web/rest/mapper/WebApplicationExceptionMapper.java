package org.confero.web.rest.mapper;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.confero.web.rest.ProblemView;
import org.confero.web.rest.Problems;

/**
 * Any other {@code WebApplicationException}: its status with a generic problem, and its headers (a 503's
 * {@code Retry-After}). Its message is not shown: code that throws one may have put anything in it. A redirection is
 * not an error and passes unchanged; a bare 500 is reported like any unexpected failure.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    Request request;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        if (status == 500 && !(e.getResponse().getEntity() instanceof ProblemView)) {
            return Incidents.report(e, request, uri);
        }
        return ExceptionAnswers.answer(e, Problems.forStatus(status, detail(status)));
    }

    private static String detail(int status) {
        return status >= 500 ? "the server cannot handle the request now" : "the request cannot be handled";
    }
}
