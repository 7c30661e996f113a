package org.confero.web.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.confero.protocol.net.Cidr;
import org.confero.protocol.net.CidrList;

/**
 * Resolves a request's {@link ClientOrigin} from its peer and forwarded headers.
 *
 * <p>
 * The client is found by walking the hop list from the right (the hop nearest to us) past every trusted proxy: the
 * first untrusted hop is the client. Anything left of it was written by the client itself and is ignored. RFC 7239
 * {@code Forwarded} wins over {@code X-Forwarded-*} when both are present.
 */
public final class ForwardedHeaders {

    private final CidrList trustedProxies;

    public ForwardedHeaders(CidrList trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * @param headers
     *            the request's header values by (case-insensitive) name; a repeated header joined with commas
     */
    public ClientOrigin resolve(ClientOrigin peer, Function<String, String> headers) {
        if (!trustedProxies.contains(peer.address())) {
            return peer;
        }
        String forwarded = headers.apply("Forwarded");
        List<Hop> hops = forwarded != null ? parseForwarded(forwarded) : parseXForwarded(headers);
        if (hops.isEmpty()) {
            return peer;
        }
        int clientIndex = hops.size() - 1;
        while (clientIndex > 0 && trustedProxies.contains(hops.get(clientIndex).address)) {
            clientIndex--;
        }
        Hop client = hops.get(clientIndex);
        Hop nearest = hops.get(hops.size() - 1);
        String address = Cidr.literalAddress(client.address).isPresent() ? unbracket(client.address) : peer.address();
        String scheme = Optional.ofNullable(nearest.proto).map(p -> p.toLowerCase(Locale.ROOT))
                .filter(p -> p.equals("http") || p.equals("https")).orElse(peer.scheme());
        String host = peer.host();
        int port = peer.port();
        if (nearest.host != null && !nearest.host.isBlank()) {
            HostPort hostPort = HostPort.parse(nearest.host, scheme);
            host = hostPort.host();
            port = hostPort.port();
        }
        if (nearest.port != null) {
            port = parsePort(nearest.port).orElse(port);
        } else if (nearest.host == null && !scheme.equals(peer.scheme())) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return new ClientOrigin(address, scheme, host, port, true);
    }

    private static List<Hop> parseForwarded(String header) {
        List<Hop> hops = new ArrayList<>();
        for (String element : header.split(",")) {
            Hop hop = new Hop();
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).trim());
                switch (key) {
                case "for" -> hop.address = stripPort(value);
                case "proto" -> hop.proto = value;
                case "host" -> hop.host = value;
                default -> {
                    // "by" and extensions are not needed to find the client.
                }
                }
            }
            hops.add(hop);
        }
        return hops;
    }

    private static List<Hop> parseXForwarded(Function<String, String> headers) {
        List<Hop> hops = new ArrayList<>();
        String forwardedFor = headers.apply("X-Forwarded-For");
        if (forwardedFor != null) {
            for (String address : forwardedFor.split(",")) {
                Hop hop = new Hop();
                hop.address = stripPort(address.trim());
                hops.add(hop);
            }
        }
        if (hops.isEmpty()) {
            hops.add(new Hop());
        }
        Hop nearest = hops.get(hops.size() - 1);
        nearest.proto = lastValue(headers.apply("X-Forwarded-Proto"));
        nearest.host = lastValue(headers.apply("X-Forwarded-Host"));
        nearest.port = lastValue(headers.apply("X-Forwarded-Port"));
        if (nearest.address == null && nearest.proto == null && nearest.host == null && nearest.port == null) {
            return List.of();
        }
        return hops;
    }

    private static String lastValue(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] values = header.split(",");
        return values[values.length - 1].trim();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    // "192.0.2.1:4711" → "192.0.2.1"; "[2001:db8::1]:4711" → "[2001:db8::1]"; a bare IPv6 address is left alone.
    private static String stripPort(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 ? value.substring(0, close + 1) : value;
        }
        int colon = value.indexOf(':');
        return colon > 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
    }

    private static String unbracket(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    static Optional<Integer> parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static final class Hop {
        String address;
        String proto;
        String host;
        String port;
    }

    record HostPort(String host, int port) {
        static HostPort parse(String value, String scheme) {
            int defaultPort = "https".equals(scheme) ? 443 : 80;
            int colon = value.lastIndexOf(':');
            boolean ipv6Literal = value.startsWith("[");
            if (colon > 0 && (!ipv6Literal || value.lastIndexOf(']') < colon)) {
                return new HostPort(value.substring(0, colon),
                        parsePort(value.substring(colon + 1)).orElse(defaultPort));
            }
            return new HostPort(value, defaultPort);
        }
    }
}
