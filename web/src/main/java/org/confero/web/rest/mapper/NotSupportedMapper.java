package org.confero.web.rest.mapper;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.Problems;

/** 415 {@code unsupported-media-type}: the body's Content-Type is not one this operation reads. */
@Provider
public class NotSupportedMapper implements ExceptionMapper<NotSupportedException> {

    @Override
    public Response toResponse(NotSupportedException e) {
        return ExceptionAnswers.answer(e, Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "this operation does not read a body of this Content-Type; send application/json"));
    }
}
