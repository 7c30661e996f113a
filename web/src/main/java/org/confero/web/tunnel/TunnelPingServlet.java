package org.confero.web.tunnel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.confero.common.ServerIdentity;
import org.confero.common.api.ProblemType;

/**
 * {@code GET /tunnel/ping}: what a client that reached no zone controller sends to every tunnel of its lookup, taking
 * the first to answer. So it costs nothing: a servlet, no JSON library, no database — {@code 204}, never cached. On a
 * server without the {@code tunnel} role, {@code 404} with a problem.
 */
@WebServlet(urlPatterns = "/tunnel/ping")
public class TunnelPingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] NOT_A_TUNNEL = ("{\"type\":\"" + ProblemType.NOT_FOUND.uri() + "\",\"title\":\""
            + ProblemType.NOT_FOUND.title() + "\",\"status\":404,\"detail\":\"this server is not an HTTP tunnel\"}")
                    .getBytes(StandardCharsets.UTF_8);

    @Inject
    private ServerIdentity identity;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (identity.plays("tunnel")) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/problem+json");
        response.setContentLength(NOT_A_TUNNEL.length);
        response.getOutputStream().write(NOT_A_TUNNEL);
    }
}
