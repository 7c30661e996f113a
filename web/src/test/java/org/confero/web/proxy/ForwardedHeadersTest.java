package org.confero.web.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.confero.protocol.net.CidrList;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

    private final ForwardedHeaders headers = new ForwardedHeaders(CidrList.parse("127.0.0.1/32, 10.0.0.0/8"));
    private final ClientOrigin fromProxy = new ClientOrigin("127.0.0.1", "http", "node1", 8080, false);

    @Test
    void untrustedPeersCannotChooseTheirAddress() {
        ClientOrigin attacker = new ClientOrigin("203.0.113.9", "http", "node1", 8080, false);

        ClientOrigin origin = headers.resolve(attacker,
                header("X-Forwarded-For", "198.51.100.1", "X-Forwarded-Proto", "https"));

        assertThat(origin).isEqualTo(attacker);
    }

    @Test
    void trustedLoadBalancerGivesClientAddressSchemeAndHost() {
        ClientOrigin origin = headers.resolve(fromProxy, header("X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto",
                "https", "X-Forwarded-Host", "meet.example.com"));

        assertThat(origin).isEqualTo(new ClientOrigin("198.51.100.7", "https", "meet.example.com", 443, true));
    }

    @Test
    void spoofedLeftmostEntriesAreSkipped() {
        // The client wrote "1.2.3.4" itself; our LB appended the address it saw, then an inner proxy of ours.
        ClientOrigin origin = headers.resolve(fromProxy, header("X-Forwarded-For", "1.2.3.4, 198.51.100.7, 10.1.1.1"));

        assertThat(origin.address()).isEqualTo("198.51.100.7");
    }

    @Test
    void rfc7239ForwardedWinsAndHandlesIpv6AndPorts() {
        ClientOrigin origin = headers.resolve(fromProxy,
                header("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=meet.example.com:8443",
                        "X-Forwarded-For", "192.0.2.1"));

        assertThat(origin).isEqualTo(new ClientOrigin("2001:db8:cafe::17", "https", "meet.example.com", 8443, true));
    }

    @Test
    void garbageIsIgnoredNotTrusted() {
        ClientOrigin origin = headers.resolve(fromProxy, header("X-Forwarded-For", "not-an-address",
                "X-Forwarded-Proto", "gopher", "X-Forwarded-Port", "99999"));

        assertThat(origin.address()).as("a host name is never taken as the client address").isEqualTo("127.0.0.1");
        assertThat(origin.scheme()).isEqualTo("http");
        assertThat(origin.port()).isEqualTo(8080);
    }

    @Test
    void noHeadersFromATrustedPeerIsTheDirectRequest() {
        assertThat(headers.resolve(fromProxy, name -> null)).isEqualTo(fromProxy);
    }

    @Test
    void emptyTrustListTrustsNobody() {
        ForwardedHeaders none = new ForwardedHeaders(CidrList.parse(""));

        assertThat(none.resolve(fromProxy, header("X-Forwarded-For", "198.51.100.7"))).isEqualTo(fromProxy);
    }

    private static java.util.function.Function<String, String> header(String... namesAndValues) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map::get;
    }
}
