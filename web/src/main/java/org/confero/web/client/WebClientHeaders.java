package org.confero.web.client;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The headers of every web client resource. The Content Security Policy allows scripts, styles and worklets from this
 * origin only (no inline script, no eval); {@code connect-src} allows HTTPS and WSS anywhere because a meeting's zone
 * controllers and routers are other servers of the cluster, named by the lookup and the assignment at run time. Camera,
 * microphone and screen capture are allowed for this origin, never for frames of other sites; the page is never framed.
 */
@WebFilter(urlPatterns = { "/join", "/join/*", "/webclient/*" })
public class WebClientHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'none'", "script-src 'self'",
            "style-src 'self'", "img-src 'self' data: blob:", "media-src 'self' blob: mediastream:",
            "connect-src 'self' https: wss:", "worker-src 'self'", "base-uri 'none'", "form-action 'self'",
            "frame-ancestors 'none'");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self)");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        // A new release must reach browsers at once: revalidate (ETag / Last-Modified make that cheap).
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
