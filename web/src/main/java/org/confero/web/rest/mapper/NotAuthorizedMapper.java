package org.confero.web.rest.mapper;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.Problems;

/** 401 {@code unauthenticated}, with the Basic challenge unless the exception brought its own. */
@Provider
public class NotAuthorizedMapper implements ExceptionMapper<NotAuthorizedException> {

    @Override
    public Response toResponse(NotAuthorizedException e) {
        return ExceptionAnswers.answer(e, Problems.of(ProblemType.UNAUTHENTICATED,
                "this operation needs an authenticated user (HTTP Basic or an API token)"));
    }
}
