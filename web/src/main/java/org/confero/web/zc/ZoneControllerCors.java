package org.confero.web.zc;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Cross-origin access to the zone controller ({@code /api/v1/zc/*}) for the web client: its page comes from the web
 * servers (or the load balancer) while a zone's controllers are other servers, so every probe and assignment is a
 * cross-origin request. Any origin may call, without cookies or HTTP authentication ({@code Allow-Credentials} is never
 * sent): these endpoints are open or take the join token in the body, so a page of another site learns nothing it could
 * not ask for itself. Preflights ({@code OPTIONS} with {@code Access-Control-Request-Method}) are answered here.
 */
@WebFilter(urlPatterns = "/api/v1/zc/*")
public class ZoneControllerCors extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getHeader("Origin") == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST");
            response.setHeader("Access-Control-Allow-Headers", "Content-Type");
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }
}
