package org.confero.web.rest.mapper;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.Problems;

/** 405 {@code method-not-allowed}; the {@code Allow} header JAX-RS computed is kept. */
@Provider
public class NotAllowedMapper implements ExceptionMapper<NotAllowedException> {

    @Override
    public Response toResponse(NotAllowedException e) {
        return ExceptionAnswers.answer(e, Problems.of(ProblemType.METHOD_NOT_ALLOWED,
                "this resource does not support the method; the Allow header lists those it does"));
    }
}
