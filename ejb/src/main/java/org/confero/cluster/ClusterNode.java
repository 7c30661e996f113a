package org.confero.cluster;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.StringReader;
import java.util.Objects;
import java.util.Optional;

/**
 * A server of the cluster as the replicated {@code nodes} cache holds it: its node name, its own base URL
 * ({@code confero.node.url}) and the {@code confero.cluster.hosts} entry that is its JGroups address, when one is.
 */
public record ClusterNode(String node, String url, Optional<ClusterHost> clusterHost) {

    public ClusterNode {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clusterHost, "clusterHost");
    }

    public String encode() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("node", node).add("url", url);
        clusterHost.ifPresent(h -> json.add("clusterHost", h.toString()));
        return json.build().toString();
    }

    /**
     * @throws IllegalArgumentException
     *             for a record that is not one
     */
    public static ClusterNode decode(String text) {
        try {
            JsonObject json = Json.createReader(new StringReader(text)).readObject();
            return new ClusterNode(json.getString("node"), json.getString("url"),
                    Optional.ofNullable(json.getString("clusterHost", null)).map(ClusterHost::parse));
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a node record: " + e.getMessage(), e);
        }
    }
}
