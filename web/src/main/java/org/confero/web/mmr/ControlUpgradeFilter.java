package org.confero.web.mmr;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.confero.common.api.ProblemType;
import org.confero.web.proxy.RequestOrigin;
import org.confero.web.rest.Problems;
import org.confero.web.socket.ClientAddressConfigurator;

/**
 * The control channel's upgrade requests, after the trusted-proxy filter (web.xml orders the two), so that the address
 * is the client's and not a load balancer's. A source that has its {@code confero.control.connections.per.source}
 * connections open already is refused here with {@code 429 too-many-connections} (problem+json), before a WebSocket
 * exists; otherwise the client address goes to the endpoint through {@link ClientAddressConfigurator}, and the endpoint
 * takes the place for good when the connection opens.
 */
@WebFilter(filterName = ControlUpgradeFilter.NAME, urlPatterns = "/api/v1/mmr/control", asyncSupported = true)
public class ControlUpgradeFilter extends HttpFilter {

    /** The name web.xml orders it by. */
    public static final String NAME = "ControlUpgradeFilter";

    private static final long serialVersionUID = 1L;

    @Inject
    transient ControlConnectionLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String source = RequestOrigin.clientAddress(request).getHostAddress();
        if (request.getHeader("Upgrade") != null && limits.full(source)) {
            limits.refusedAtUpgrade();
            refuse(response);
            return;
        }
        try (ClientAddressConfigurator.Scope upgrade = ClientAddressConfigurator.upgrading(source)) {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        ProblemType type = ProblemType.TOO_MANY_CONNECTIONS;
        byte[] body = Json.createObjectBuilder().add("type", type.uri()).add("title", type.title())
                .add("status", type.status())
                .add("detail", "this address has as many control connections open as a server allows; close one first")
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(type.status());
        response.setContentType(Problems.MEDIA_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
