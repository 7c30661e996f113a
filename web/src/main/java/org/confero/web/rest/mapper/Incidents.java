package org.confero.web.rest.mapper;

import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

import org.confero.web.rest.Problems;
import org.jboss.logging.Logger;

/**
 * A server-side failure: logged at ERROR with its stack trace under a random incident id, answered with a 500 that
 * carries only that id. The exception's message stays in the log: it may hold SQL, paths, or another user's data.
 */
final class Incidents {

    private static final Logger LOG = Logger.getLogger(Incidents.class);

    private Incidents() {
    }

    static Response report(Throwable failure, Request request, UriInfo uri) {
        String incidentId = UUID.randomUUID().toString();
        LOG.errorf(failure, "Incident %s: %s %s failed", incidentId, method(request), path(uri));
        return Problems.response(Problems.internalError(incidentId));
    }

    // The request may be gone (a failure outside a request's scope): log what is known rather than fail again.
    private static String method(Request request) {
        try {
            return request.getMethod();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String path(UriInfo uri) {
        try {
            return uri.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
