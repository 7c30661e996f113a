package org.confero.protocol.rest;

import java.util.List;

/**
 * Where clients reach this deployment, in the order to try them ({@code GET /api/v1/servers}).
 *
 * @param mode
 *            {@value #LOAD_BALANCER} when {@code confero.public.url} is none of the servers' own URLs — a load balancer
 *            is in front and fails over itself, so {@code urls} is the public URL alone; {@value #CLUSTER} otherwise —
 *            {@code urls} are the servers' own URLs in {@code confero.cluster.hosts} order (CAMServer
 *            {@code cam.clusterHosts})
 * @param publicUrl
 *            {@code confero.public.url}
 * @param urls
 *            base URLs to try in order when a call to the current one fails because that server is gone
 */
public record ServersView(String mode, String publicUrl, List<String> urls) {

    public static final String LOAD_BALANCER = "load-balancer";
    public static final String CLUSTER = "cluster";

    public ServersView {
        urls = List.copyOf(urls);
    }
}
