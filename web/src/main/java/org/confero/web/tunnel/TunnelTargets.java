package org.confero.web.tunnel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an HTTP tunnel may go on its client's behalf — never an open proxy. Allowed are exactly:
 * <ul>
 * <li>HTTP(S): {@code <controllerUrl>/probe} (with or without a query), {@code <controllerUrl>/assign} and
 * {@code <controllerUrl>/network-test} of the zone controllers of enabled or draining zones;</li>
 * <li>WebSocket: {@code <router controlUrl, http→ws>/control} and {@code /media} of the routers in the registry.</li>
 * </ul>
 * A candidate is parsed and compared as scheme, host, port and raw path, never as a string prefix (which
 * {@code https://zc.example.com.evil.org} or {@code …/zc/../../admin} would pass). User info, fragments, dot segments,
 * percent-encoded paths and anything {@link URI} cannot parse as a server authority are refused. The URI to call is
 * rebuilt from the allowed endpoint, so what is called is what the administrator configured, not the client's spelling
 * of it.
 */
public final class TunnelTargets {

    private static final List<String> CONTROLLER_PATHS = List.of("/probe", "/assign", "/network-test");
    private static final String QUERY_ALLOWED_PATH = "/probe";
    private static final List<String> ROUTER_PATHS = List.of("/control", "/media");
    private static final int MAX_URL_CHARS = 2048;

    /** An exact target: scheme and host in lower case, the port made explicit, the raw path. */
    private record Endpoint(String scheme, String host, int port, String path) {
        URI toUri(String rawQuery) {
            String query = rawQuery == null ? "" : "?" + rawQuery;
            String authority = port == defaultPort(scheme) ? host : host + ":" + port;
            return URI.create(scheme + "://" + authority + path + query);
        }
    }

    private final Set<Endpoint> http = new HashSet<>();
    private final Set<Endpoint> webSockets = new HashSet<>();

    private TunnelTargets() {
    }

    /**
     * @param controllerUrls
     *            zone controller base URLs ({@code https://host/api/v1/zc}); unusable ones are skipped
     * @param routerControlUrls
     *            routers' control base URLs ({@code https://host/api/v1/mmr}); unusable ones are skipped
     */
    public static TunnelTargets of(Collection<String> controllerUrls, Collection<String> routerControlUrls) {
        TunnelTargets targets = new TunnelTargets();
        for (String url : controllerUrls) {
            base(url, Set.of("http", "https")).ifPresent(base -> {
                for (String path : CONTROLLER_PATHS) {
                    targets.http.add(new Endpoint(base.scheme(), base.host(), base.port(), base.path() + path));
                }
            });
        }
        for (String url : routerControlUrls) {
            base(url, Set.of("http", "https")).ifPresent(base -> {
                String scheme = base.scheme().equals("https") ? "wss" : "ws";
                for (String path : ROUTER_PATHS) {
                    targets.webSockets.add(new Endpoint(scheme, base.host(), base.port(), base.path() + path));
                }
            });
        }
        return targets;
    }

    /** The URI to call for an HTTP request through the tunnel, if {@code url} names an allowed target. */
    public Optional<URI> httpTarget(String url) {
        return parse(url, Set.of("http", "https")).flatMap(candidate -> {
            Endpoint endpoint = candidate.endpoint();
            if (!http.contains(endpoint)) {
                return Optional.empty();
            }
            if (candidate.rawQuery() != null && !endpoint.path().endsWith(QUERY_ALLOWED_PATH)) {
                return Optional.empty();
            }
            return Optional.of(endpoint.toUri(candidate.rawQuery()));
        });
    }

    /** The URI to connect to for a WebSocket channel through the tunnel, if {@code url} names an allowed target. */
    public Optional<URI> webSocketTarget(String url) {
        return parse(url, Set.of("ws", "wss")).filter(candidate -> candidate.rawQuery() == null)
                .map(Candidate::endpoint).filter(webSockets::contains).map(endpoint -> endpoint.toUri(null));
    }

    private record Candidate(Endpoint endpoint, String rawQuery) {
    }

    private static Optional<Candidate> parse(String text, Set<String> schemes) {
        if (text == null || text.isEmpty() || text.length() > MAX_URL_CHARS) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        // A registry-based authority (no parsable host), user info ("https://zc.example.com@evil.org") and fragments
        // are never part of a real target.
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return Optional.empty();
        }
        String path = uri.getRawPath();
        if (path == null || !cleanPath(path)) {
            return Optional.empty();
        }
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(new Endpoint(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path),
                uri.getRawQuery()));
    }

    /** A base URL an administrator configured, its path without a trailing slash. */
    private static Optional<Endpoint> base(String text, Set<String> schemes) {
        return parse(text, schemes).filter(candidate -> candidate.rawQuery() == null).map(candidate -> {
            Endpoint endpoint = candidate.endpoint();
            String path = endpoint.path();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new Endpoint(endpoint.scheme(), endpoint.host(), endpoint.port(), path);
        });
    }

    /** No dot segments, no empty segments, no percent-encoding: one spelling per path, so equality means equality. */
    private static boolean cleanPath(String path) {
        if (path.isEmpty()) {
            return true;
        }
        if (!path.startsWith("/") || path.contains("%") || path.contains("\\")) {
            return false;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..") || (segment.isEmpty() && !last)) {
                return false;
            }
        }
        return true;
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
        case "http", "ws" -> 80;
        default -> 443;
        };
    }
}
