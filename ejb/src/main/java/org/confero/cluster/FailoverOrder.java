package org.confero.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.confero.protocol.rest.ServersView;

/**
 * What clients are told to fail over along (CAMServer: {@code cam.serverURLDomain} compared with the domains of
 * {@code cam.clusterHosts} tells whether a load balancer is in front).
 *
 * <ul>
 * <li>The public URL is one of the servers' own URLs: no load balancer. Clients get every server's URL, ordered as the
 * servers' entries in {@code confero.cluster.hosts}; servers whose JGroups address is not listed follow, by node
 * name.</li>
 * <li>Otherwise a load balancer is in front and moves clients itself: the public URL is the only one.</li>
 * </ul>
 * Two URLs are the same server when scheme and port match and the host names are equal or resolve to a common address
 * ({@code localhost} and {@code 127.0.0.1}).
 */
public final class FailoverOrder {

    private final Function<String, Set<String>> resolver;

    /**
     * @param resolver
     *            a host name → its addresses (empty when it does not resolve)
     */
    public FailoverOrder(Function<String, Set<String>> resolver) {
        this.resolver = resolver;
    }

    public ServersView plan(String publicUrl, List<ClusterNode> nodes, List<ClusterHost> clusterHosts) {
        String base = trimmed(publicUrl);
        boolean behindLoadBalancer = nodes.stream().noneMatch(n -> sameServer(base, trimmed(n.url())));
        if (behindLoadBalancer) {
            return new ServersView(ServersView.LOAD_BALANCER, base, List.of(base));
        }
        List<ClusterNode> ordered = new ArrayList<>(nodes);
        ordered.sort(
                Comparator.comparingInt((ClusterNode n) -> position(n, clusterHosts)).thenComparing(ClusterNode::node));
        Set<String> urls = new LinkedHashSet<>();
        ordered.forEach(n -> urls.add(trimmed(n.url())));
        return new ServersView(ServersView.CLUSTER, base, List.copyOf(urls));
    }

    private static int position(ClusterNode node, List<ClusterHost> clusterHosts) {
        int index = node.clusterHost().map(clusterHosts::indexOf).orElse(-1);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    boolean sameServer(String a, String b) {
        URI x = URI.create(a);
        URI y = URI.create(b);
        if (x.getScheme() == null || y.getScheme() == null || x.getHost() == null || y.getHost() == null
                || !x.getScheme().equalsIgnoreCase(y.getScheme()) || port(x) != port(y)) {
            return false;
        }
        String hx = x.getHost().toLowerCase(Locale.ROOT);
        String hy = y.getHost().toLowerCase(Locale.ROOT);
        if (hx.equals(hy)) {
            return true;
        }
        Set<String> addresses = resolver.apply(hx);
        return resolver.apply(hy).stream().anyMatch(addresses::contains);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
