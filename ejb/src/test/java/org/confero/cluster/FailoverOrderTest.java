package org.confero.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.confero.protocol.rest.ServersView;
import org.junit.jupiter.api.Test;

class FailoverOrderTest {

    // A resolver with fixed answers: no DNS in unit tests.
    private final FailoverOrder order = new FailoverOrder(host -> Map.of("localhost", Set.of("127.0.0.1", "::1"),
            "127.0.0.1", Set.of("127.0.0.1"), "cam1.example.com", Set.of("10.0.0.1"), "10.0.0.1", Set.of("10.0.0.1"))
            .getOrDefault(host, Set.of()));

    private final List<ClusterHost> hosts = ClusterHost
            .parseList("cam1.example.com[7600],cam2.example.com[7600]," + "cam3.example.com[7600]");

    private static ClusterNode node(String name, String url, String clusterHost) {
        return new ClusterNode(name, url, Optional.ofNullable(clusterHost).map(ClusterHost::parse));
    }

    @Test
    void aPublicUrlThatIsNoServersUrlMeansALoadBalancerAndOnlyItsUrl() {
        ServersView view = order.plan("https://meet.example.com/",
                List.of(node("cam2", "https://cam2.example.com:8443", "cam2.example.com[7600]"),
                        node("cam1", "https://cam1.example.com:8443", "cam1.example.com[7600]")),
                hosts);
        assertThat(view.mode()).isEqualTo(ServersView.LOAD_BALANCER);
        assertThat(view.urls()).containsExactly("https://meet.example.com");
        assertThat(view.publicUrl()).isEqualTo("https://meet.example.com");
    }

    @Test
    void withoutALoadBalancerTheServersComeInClusterHostsOrderUnlistedOnesLastByName() {
        ServersView view = order.plan("https://cam1.example.com:8443",
                List.of(node("zeta", "https://zeta.example.com:8443", null),
                        node("cam3", "https://cam3.example.com:8443", "cam3.example.com[7600]"),
                        node("alpha", "https://alpha.example.com:8443", null),
                        node("cam1", "https://cam1.example.com:8443/", "cam1.example.com[7600]"),
                        node("cam2", "https://cam2.example.com:8443", "cam2.example.com[7600]")),
                hosts);
        assertThat(view.mode()).isEqualTo(ServersView.CLUSTER);
        assertThat(view.urls()).containsExactly("https://cam1.example.com:8443", "https://cam2.example.com:8443",
                "https://cam3.example.com:8443", "https://alpha.example.com:8443", "https://zeta.example.com:8443");
    }

    @Test
    void theSameServerUnderAnotherNameOrItsDefaultPortIsNoLoadBalancer() {
        ServersView byAddress = order.plan("https://localhost:8443",
                List.of(node("one", "https://127.0.0.1:8443", "127.0.0.1[7600]")), ClusterHost.parseList("127.0.0.1"));
        assertThat(byAddress.mode()).isEqualTo(ServersView.CLUSTER);
        assertThat(byAddress.urls()).containsExactly("https://127.0.0.1:8443");

        ServersView defaultPort = order.plan("https://cam1.example.com",
                List.of(node("cam1", "https://cam1.example.com:443", "cam1.example.com[7600]")), hosts);
        assertThat(defaultPort.mode()).isEqualTo(ServersView.CLUSTER);
    }

    @Test
    void anotherPortOrSchemeOnTheSameHostIsAnotherServer() {
        assertThat(order.plan("https://cam1.example.com:9443",
                List.of(node("cam1", "https://cam1.example.com:8443", "cam1.example.com[7600]")), hosts).mode())
                        .isEqualTo(ServersView.LOAD_BALANCER);
        assertThat(order.plan("http://cam1.example.com:8443",
                List.of(node("cam1", "https://cam1.example.com:8443", "cam1.example.com[7600]")), hosts).mode())
                        .isEqualTo(ServersView.LOAD_BALANCER);
    }

    @Test
    void serversSharingOneUrlAreListedOnce() {
        ServersView view = order.plan("https://cam1.example.com:8443",
                List.of(node("a", "https://cam1.example.com:8443", "cam1.example.com[7600]"),
                        node("b", "https://cam1.example.com:8443", "cam2.example.com[7600]")),
                hosts);
        assertThat(view.urls()).containsExactly("https://cam1.example.com:8443");
    }

    @Test
    void clusterHostsEntriesAreParsedAndMatchedToJGroupsAddresses() {
        assertThat(ClusterHost.parseList(" 10.0.0.1[7600], 10.0.0.2 ,"))
                .containsExactly(new ClusterHost("10.0.0.1", 7600), new ClusterHost("10.0.0.2", 7600));
        assertThat(new ClusterHost("127.0.0.1", 8700).names("127.0.0.1:8700")).isTrue();
        assertThat(new ClusterHost("localhost", 8700).names("127.0.0.1:8700")).isTrue();
        assertThat(new ClusterHost("127.0.0.1", 8700).names("127.0.0.1:8600")).isFalse();
        assertThat(
                ClusterHost.find(ClusterHost.parseList("127.0.0.1[8600],127.0.0.1[8700]"), List.of("127.0.0.1:8700")))
                        .contains(new ClusterHost("127.0.0.1", 8700));
        assertThatThrownBy(() -> ClusterHost.parse("host[port]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterHost.parse("host[70000]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterHost.parse("[7600]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeRecordsSurviveTheCacheAndGarbageIsRefused() {
        ClusterNode node = node("primary:mmr-1", "https://localhost:9543", "127.0.0.1[8700]");
        assertThat(ClusterNode.decode(node.encode())).isEqualTo(node);
        ClusterNode unlisted = node("x", "https://x:8443", null);
        assertThat(ClusterNode.decode(unlisted.encode())).isEqualTo(unlisted);
        assertThatThrownBy(() -> ClusterNode.decode("{\"node\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterNode.decode("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }
}
