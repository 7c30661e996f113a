package org.confero.web.rest.mapper;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.Problems;

/** 406 {@code not-acceptable}: nothing in Accept can be produced. The problem itself is sent as problem+json anyway. */
@Provider
public class NotAcceptableMapper implements ExceptionMapper<NotAcceptableException> {

    @Override
    public Response toResponse(NotAcceptableException e) {
        return ExceptionAnswers.answer(e, Problems.of(ProblemType.NOT_ACCEPTABLE,
                "this operation cannot answer in any type the Accept header allows; accept application/json"));
    }
}
