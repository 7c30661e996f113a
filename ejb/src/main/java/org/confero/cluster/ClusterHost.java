package org.confero.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of {@code confero.cluster.hosts} (JGroups TCPPING syntax {@code host[port]}): a server of the cluster, in
 * the admin's order.
 */
public record ClusterHost(String host, int port) {

    /** The JGroups port a {@code host} written without {@code [port]} listens on. */
    public static final int DEFAULT_PORT = 7600;

    /** {@code "a[7600],b[7600]"} → its entries in order; malformed entries are refused with the reason. */
    public static List<ClusterHost> parseList(String text) {
        List<ClusterHost> hosts = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                hosts.add(parse(entry.trim()));
            }
        }
        return List.copyOf(hosts);
    }

    public static ClusterHost parse(String entry) {
        int open = entry.indexOf('[');
        if (open < 0) {
            return new ClusterHost(entry, DEFAULT_PORT);
        }
        if (!entry.endsWith("]") || open == 0) {
            throw new IllegalArgumentException("not host[port]: " + entry);
        }
        try {
            int port = Integer.parseInt(entry.substring(open + 1, entry.length() - 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + entry);
            }
            return new ClusterHost(entry.substring(0, open), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not host[port]: " + entry, e);
        }
    }

    /**
     * Whether this entry names the JGroups physical address {@code ip:port} (as JGroups prints it, e.g.
     * {@code 10.0.0.5:7600}): same port, and the host is or resolves to that address.
     */
    public boolean names(String physicalAddress) {
        int colon = physicalAddress.lastIndexOf(':');
        if (colon < 0 || !physicalAddress.substring(colon + 1).equals(Integer.toString(port))) {
            return false;
        }
        String ip = physicalAddress.substring(0, colon).replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress)
                    .anyMatch(a -> a.equalsIgnoreCase(ip));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The entry of {@code hosts} that names one of {@code physicalAddresses}. */
    public static Optional<ClusterHost> find(List<ClusterHost> hosts, List<String> physicalAddresses) {
        return hosts.stream().filter(h -> physicalAddresses.stream().anyMatch(h::names)).findFirst();
    }

    @Override
    public String toString() {
        return host + "[" + port + "]";
    }
}
