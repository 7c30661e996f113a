package org.confero.web.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Finishes every problem answer, wherever it was built (exception mapper, aborting filter, resource): sets
 * {@code instance} to the request path and the content type to {@code application/problem+json}. The query string is
 * left out: it is the client's, and may hold what does not belong in an error body.
 */
@Provider
public class ProblemInstance implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ProblemView problem) {
            ProblemView finished = problem.instance() != null ? problem
                    : problem.withInstance(request.getUriInfo().getRequestUri().getRawPath());
            response.setEntity(finished, response.getEntityAnnotations(), Problems.PROBLEM_JSON);
        }
    }
}
