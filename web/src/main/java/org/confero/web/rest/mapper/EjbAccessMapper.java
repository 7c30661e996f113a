package org.confero.web.rest.mapper;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.confero.common.api.ProblemType;
import org.confero.web.rest.Problems;

/** An EJB's {@code @RolesAllowed} refused the caller: 403, not the 500 an unmapped EJB exception would be. */
@Provider
public class EjbAccessMapper implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException e) {
        return Problems.response(ProblemType.FORBIDDEN, "this user may not do this");
    }
}
