package org.confero.web.rest.mapper;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.Problems;

/**
 * 403 {@code forbidden}. RESTEasy's {@code @RolesAllowed} check throws this for a guest too; a guest is told to
 * authenticate instead (401 with the challenge), since logging in may well be all that is missing.
 */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

    @Context
    SecurityContext security;

    @Override
    public Response toResponse(ForbiddenException e) {
        if (security == null || security.getUserPrincipal() == null) {
            return Problems.response(ProblemType.UNAUTHENTICATED,
                    "this operation needs an authenticated user (HTTP Basic or an API token)");
        }
        return ExceptionAnswers.answer(e, Problems.of(ProblemType.FORBIDDEN, "this user may not do this"));
    }
}
