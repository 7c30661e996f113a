package org.confero.web.rest.mapper;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.Problems;

/**
 * No resource at this path: 404 {@code not-found}. JAX-RS also answers a query or path parameter that cannot be
 * converted (an {@code int} parameter given {@code abc}) with a 404 caused by the conversion failure; that one is bad
 * input, so it becomes a 400 that names the parameter.
 */
@Provider
public class NotFoundMapper implements ExceptionMapper<NotFoundException> {

    // RESTEasy's message names the parameter as the annotation prints: jakarta.ws.rs.QueryParam("limit").
    private static final Pattern PARAMETER = Pattern
            .compile("(QueryParam|PathParam|MatrixParam)\\(\"([^\"]{1,80})\"\\)");
    private static final Map<String, String> KINDS = Map.of("QueryParam", "query parameter", "PathParam",
            "path parameter", "MatrixParam", "matrix parameter");

    @Override
    public Response toResponse(NotFoundException e) {
        if (e.getCause() != null) {
            return ExceptionAnswers.answer(e, Problems.of(ProblemType.INVALID_REQUEST, conversionDetail(e)));
        }
        return ExceptionAnswers.answer(e,
                Problems.of(ProblemType.NOT_FOUND, "there is no resource at this path; /openapi describes the API"));
    }

    private static String conversionDetail(NotFoundException e) {
        Matcher parameter = PARAMETER.matcher(String.valueOf(e.getMessage()));
        if (parameter.find()) {
            return KINDS.get(parameter.group(1)) + " '" + parameter.group(2) + "' has a value of the wrong type";
        }
        return "a path or query parameter has a value of the wrong type";
    }
}
