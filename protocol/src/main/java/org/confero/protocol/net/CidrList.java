package org.confero.protocol.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated list of {@link Cidr}s, as settings such as {@code confero.trusted.proxies} hold them. Blank means
 * empty.
 */
public record CidrList(List<Cidr> networks) {

    public CidrList {
        networks = List.copyOf(networks);
    }

    public static CidrList parse(String text) {
        List<Cidr> networks = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    networks.add(Cidr.parse(item));
                }
            }
        }
        return new CidrList(networks);
    }

    /** True when {@code address} is a literal IP address inside any of the networks. */
    public boolean contains(String address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }
}
