package org.confero.web.proxy;

import java.util.Objects;

/**
 * Where a request really comes from, after trusted proxies are accounted for.
 *
 * @param address
 *            the client's IP address
 * @param scheme
 *            {@code http} or {@code https} as the client used it
 * @param host
 *            the host name the client addressed
 * @param port
 *            the port the client addressed
 * @param viaProxy
 *            whether a trusted proxy forwarded this request
 */
public record ClientOrigin(String address, String scheme, String host, int port, boolean viaProxy) {

    public ClientOrigin {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
    }

    public boolean secure() {
        return "https".equals(scheme);
    }
}
