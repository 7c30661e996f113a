package org.confero.web.rest.mapper;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.Problems;

/**
 * 400. A refused body ({@link BodyReadingFailures}) already carries its problem. A JSON failure otherwise is
 * {@code malformed-json}; anything else is JAX-RS refusing a header, cookie or form parameter it could not convert.
 */
@Provider
public class BadRequestMapper implements ExceptionMapper<BadRequestException> {

    @Override
    public Response toResponse(BadRequestException e) {
        if (JsonFailures.isJson(e)) {
            return ExceptionAnswers.answer(e, Problems.of(ProblemType.MALFORMED_JSON, JsonFailures.describe(e)));
        }
        return ExceptionAnswers.answer(e, Problems.of(ProblemType.INVALID_REQUEST, e.getCause() != null
                ? "a header, cookie or form parameter has a value of the wrong type" : "the request is not valid"));
    }
}
