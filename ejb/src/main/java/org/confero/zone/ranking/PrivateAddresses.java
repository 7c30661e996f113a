package org.confero.zone.ranking;

import org.confero.protocol.net.Cidr;

import java.net.InetAddress;
import java.util.List;

/**
 * Addresses that are not on the public internet, so a Geo-IP database cannot place them (it would answer with the
 * registry's country of the block, or with nothing): such clients are ranked by CIDR rules and load alone.
 */
final class PrivateAddresses {

    private static final List<Cidr> NETWORKS = List.of(Cidr.parse("0.0.0.0/8"), // "this network" (RFC 791)
            Cidr.parse("10.0.0.0/8"), // RFC 1918
            Cidr.parse("100.64.0.0/10"), // carrier-grade NAT shared space (RFC 6598)
            Cidr.parse("127.0.0.0/8"), // loopback
            Cidr.parse("169.254.0.0/16"), // link-local (RFC 3927)
            Cidr.parse("172.16.0.0/12"), // RFC 1918
            Cidr.parse("192.168.0.0/16"), // RFC 1918
            Cidr.parse("::/128"), // unspecified
            Cidr.parse("::1/128"), // loopback
            Cidr.parse("fc00::/7"), // unique local (RFC 4193)
            Cidr.parse("fe80::/10")); // link-local

    private PrivateAddresses() {
    }

    static boolean contains(InetAddress address) {
        for (Cidr network : NETWORKS) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
