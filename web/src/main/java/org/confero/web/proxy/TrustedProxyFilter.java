package org.confero.web.proxy;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;

import org.confero.protocol.net.CidrList;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies {@link ForwardedHeaders} to every request, so that everything downstream ({@code getRemoteAddr},
 * {@code getScheme}, {@code isSecure}, {@code getRequestURL}) sees the client and not the load balancer. Undertow's own
 * {@code proxy-address-forwarding} stays off: it would trust anyone.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class TrustedProxyFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The request attribute under which the resolved {@link ClientOrigin} is kept. */
    public static final String ORIGIN_ATTRIBUTE = ClientOrigin.class.getName();

    /** The request attribute under which the TCP peer (before forwarded headers) is kept, as a {@link ClientOrigin}. */
    public static final String PEER_ATTRIBUTE = ClientOrigin.class.getName() + ".peer";

    @Inject
    @ConfigProperty(name = "confero.trusted.proxies", defaultValue = " ")
    String trustedProxies;

    private transient ForwardedHeaders forwardedHeaders;

    @Override
    public void init() {
        forwardedHeaders = new ForwardedHeaders(CidrList.parse(trustedProxies));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ClientOrigin peer = new ClientOrigin(request.getRemoteAddr(), request.getScheme(), request.getServerName(),
                request.getServerPort(), false);
        ClientOrigin origin = forwardedHeaders.resolve(peer, name -> joined(request, name));
        request.setAttribute(ORIGIN_ATTRIBUTE, origin);
        request.setAttribute(PEER_ATTRIBUTE, peer);
        chain.doFilter(origin.viaProxy() ? new ForwardedRequest(request, origin) : request, response);
    }

    private static String joined(HttpServletRequest request, String name) {
        var values = Collections.list(request.getHeaders(name));
        return values.isEmpty() ? null : String.join(",", values);
    }

    /** The request as the client made it. */
    static final class ForwardedRequest extends HttpServletRequestWrapper {

        private final ClientOrigin origin;

        ForwardedRequest(HttpServletRequest request, ClientOrigin origin) {
            super(request);
            this.origin = origin;
        }

        @Override
        public String getRemoteAddr() {
            return origin.address();
        }

        @Override
        public String getRemoteHost() {
            return origin.address();
        }

        @Override
        public String getScheme() {
            return origin.scheme();
        }

        @Override
        public boolean isSecure() {
            return origin.secure();
        }

        @Override
        public String getServerName() {
            return origin.host();
        }

        @Override
        public int getServerPort() {
            return origin.port();
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(origin.scheme()).append("://").append(origin.host());
            boolean defaultPort = origin.secure() ? origin.port() == 443 : origin.port() == 80;
            if (!defaultPort) {
                url.append(':').append(origin.port());
            }
            return url.append(getRequestURI());
        }
    }
}
