package org.confero.web.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import org.confero.common.api.ProblemType;

/**
 * Cross-site request forgery protection for {@link CrossSiteProtected} operations. A browser sends a cross-site request
 * with the user's cached HTTP Basic credentials without asking the server first (no CORS preflight) only when it is a
 * "simple" request: GET, HEAD or POST, a content type of {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data}, {@code text/plain} or none, and no custom header. So a marked operation demands what no
 * simple request has: {@code Content-Type: application/json} (any {@code +json} type too) or the header
 * {@value #HEADER} (any value). Anything else is a 415 {@code unsupported-media-type} problem, before the operation has
 * changed anything. It runs after authorization, so that a caller without the role learns only that.
 */
@Provider
@CrossSiteProtected
@Priority(Priorities.HEADER_DECORATOR)
public class CrossSiteRequestFilter implements ContainerRequestFilter {

    /** The header that a script (the client library, the CLI, curl) sends with a bodyless state-changing call. */
    public static final String HEADER = "Confero-Request";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!allowed(request.getHeaderString(HttpHeaders.CONTENT_TYPE), request.getHeaderString(HEADER))) {
            request.abortWith(Problems.response(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send this request with Content-Type: application/json or, without a body, with the header "
                            + HEADER + ": 1; cross-site forms cannot reach it"));
        }
    }

    /** Whether a request with this content type and {@value #HEADER} header (either may be null) may go on. */
    static boolean allowed(String contentType, String requestHeader) {
        if (requestHeader != null) {
            return true;
        }
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return "application".equalsIgnoreCase(type.getType()) && ("json".equalsIgnoreCase(type.getSubtype())
                    || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
