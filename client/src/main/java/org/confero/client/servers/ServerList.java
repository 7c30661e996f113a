package org.confero.client.servers;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.confero.protocol.rest.ServersView;

/**
 * The servers of a deployment in the order to try them, and whether a load balancer is in front ({@code mode}, as
 * {@link ServersView} names it).
 */
public record ServerList(String mode, List<URI> urls) {

    public ServerList {
        Objects.requireNonNull(mode, "mode");
        urls = List.copyOf(new LinkedHashSet<>(urls));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a server list needs at least one URL");
        }
    }

    /** What a client knows before it has asked: the one server it was given. */
    public static ServerList single(URI server) {
        return new ServerList(ServersView.LOAD_BALANCER, List.of(base(server)));
    }

    /**
     * From the answer of {@code GET /api/v1/servers}.
     *
     * @throws IllegalArgumentException
     *             when it is not one (no URLs, a URL that is not absolute http(s))
     */
    public static ServerList parse(JsonObject json) {
        List<URI> urls = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("urls")) {
            URI url = URI.create(((JsonString) value).getString());
            if (url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL: " + url);
            }
            urls.add(base(url));
        }
        return new ServerList(json.getString("mode"), urls);
    }

    public boolean behindLoadBalancer() {
        return ServersView.LOAD_BALANCER.equals(mode);
    }

    /**
     * The order to try for the next call: {@code current} first (it answered last time), then the others in the list's
     * order. {@code current} need not be on the list (the URL the client was given, e.g. under another name).
     */
    public List<URI> from(URI current) {
        Set<URI> order = new LinkedHashSet<>();
        order.add(base(current));
        order.addAll(urls);
        return List.copyOf(order);
    }

    /** scheme://host:port, no path or trailing slash: two spellings of one server compare equal. */
    public static URI base(URI url) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }
}
