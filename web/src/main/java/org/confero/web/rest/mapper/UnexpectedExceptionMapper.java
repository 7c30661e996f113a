package org.confero.web.rest.mapper;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Whatever no other mapper knows is a bug or an outage: a 500 {@code internal-error} with an incident id, the details
 * in the server log only. Writing an answer that fails in JSON-B ends up here too (see {@link BodyReadingFailures}).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Context
    Request request;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        return Incidents.report(failure, request, uri);
    }
}
