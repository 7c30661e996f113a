package org.confero.web.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

import org.confero.protocol.net.Cidr;
import org.confero.protocol.rest.JoinInfoView.PathView;

/**
 * Where a request came from, as the lookup and the network test report it: the client address (the trusted-proxy filter
 * has already replaced the peer by the forwarded client where it may) and the proxy headers seen on the way.
 */
public final class RequestOrigin {

    private static final int MAX_HEADER_ECHO = 500;

    private RequestOrigin() {
    }

    // The filter already resolved trusted proxies; the address is a literal, so no lookup happens here.
    public static InetAddress clientAddress(HttpServletRequest request) {
        try {
            byte[] bytes = Cidr.literalAddress(request.getRemoteAddr())
                    .orElseThrow(() -> new IllegalStateException("peer address is not a literal"));
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PathView path(HttpServletRequest request) {
        Object attribute = request.getAttribute(TrustedProxyFilter.ORIGIN_ATTRIBUTE);
        boolean trusted = attribute instanceof ClientOrigin origin && origin.viaProxy();
        String via = abbreviate(request.getHeader("Via"));
        String forwarded = abbreviate(request.getHeader("Forwarded"));
        String forwardedFor = abbreviate(request.getHeader("X-Forwarded-For"));
        boolean detected = via != null || forwarded != null || forwardedFor != null;
        return new PathView(request.getRemoteAddr(), detected, trusted, via, forwarded, forwardedFor);
    }

    /** Header values echoed back are cut, so that a client cannot make the answer arbitrarily large. */
    public static String abbreviate(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= MAX_HEADER_ECHO ? value : value.substring(0, MAX_HEADER_ECHO) + "…";
    }
}
