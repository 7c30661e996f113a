package org.confero.web.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunnelTargetsTest {

    private final TunnelTargets targets = TunnelTargets.of(
            List.of("https://zc.example.com/api/v1/zc", "https://ZC2.example.com:8443/api/v1/zc/",
                    "http://10.0.0.5:8080/zc"),
            List.of("https://mmr1.example.com/api/v1/mmr", "http://10.0.0.7:8080/api/v1/mmr"));

    @Test
    void theZoneControllersEndpointsAreAllowedAndRebuiltFromTheConfiguredUrl() {
        assertThat(targets.httpTarget("https://zc.example.com/api/v1/zc/probe"))
                .hasValue(URI.create("https://zc.example.com/api/v1/zc/probe"));
        assertThat(targets.httpTarget("https://zc.example.com/api/v1/zc/probe?seq=3"))
                .hasValue(URI.create("https://zc.example.com/api/v1/zc/probe?seq=3"));
        assertThat(targets.httpTarget("https://zc.example.com:443/api/v1/zc/assign"))
                .hasValue(URI.create("https://zc.example.com/api/v1/zc/assign"));
        assertThat(targets.httpTarget("HTTPS://Zc.Example.COM/api/v1/zc/network-test"))
                .hasValue(URI.create("https://zc.example.com/api/v1/zc/network-test"));
        assertThat(targets.httpTarget("https://zc2.example.com:8443/api/v1/zc/assign"))
                .as("a trailing slash in the configured URL").isPresent();
        assertThat(targets.httpTarget("http://10.0.0.5:8080/zc/probe?seq=1")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://zc.example.com.evil.org/api/v1/zc/probe",
            "https://evil.org/https://zc.example.com/api/v1/zc/probe",
            "https://zc.example.com@evil.org/api/v1/zc/probe", "https://user:pw@zc.example.com/api/v1/zc/probe",
            "https://zc.example.com/api/v1/zc/probe#frag", "https://zc.example.com/api/v1/zc/../../admin",
            "https://zc.example.com/api/v1/zc/../zc/probe", "https://zc.example.com/api/v1/zc/./probe",
            "https://zc.example.com/api/v1/zc//probe", "https://zc.example.com/api/v1/zc/%70robe",
            "https://zc.example.com/api/v1/zc/probe%2F..%2Fadmin", "https://zc.example.com/api/v1/zc",
            "https://zc.example.com/api/v1/zc/", "https://zc.example.com/", "https://zc.example.com/api/v1/zc/probe/",
            "https://zc.example.com/api/v1/zc/probes", "https://zc.example.com/api/v1/zc/assign?x=1",
            "https://zc.example.com/api/v1/users", "https://zc.example.com./api/v1/zc/probe",
            "https://zc.example.com:8443/api/v1/zc/probe", "https://zc.example.com:0/api/v1/zc/probe",
            "http://zc.example.com/api/v1/zc/probe", "wss://zc.example.com/api/v1/zc/probe",
            "ftp://zc.example.com/api/v1/zc/probe", "file:///etc/passwd", "//zc.example.com/api/v1/zc/probe",
            "/api/v1/zc/probe", "https:zc.example.com/api/v1/zc/probe",
            "https://zc.example.com\\@evil.org/api/v1/zc/probe", "https://zc.example.com%2eevil.org/api/v1/zc/probe",
            "http://169.254.169.254/", "http://169.254.169.254/latest/meta-data/",
            "https://127.0.0.1:8543/api/v1/users", "https://mmr1.example.com/api/v1/mmr/control", "",
            " https://zc.example.com/api/v1/zc/probe" })
    void everythingElseIsRefused(String url) {
        assertThat(targets.httpTarget(url)).isEmpty();
    }

    @Test
    void theRoutersControlAndMediaWebSocketsAreAllowed() {
        assertThat(targets.webSocketTarget("wss://mmr1.example.com/api/v1/mmr/control"))
                .hasValue(URI.create("wss://mmr1.example.com/api/v1/mmr/control"));
        assertThat(targets.webSocketTarget("wss://mmr1.example.com:443/api/v1/mmr/media"))
                .hasValue(URI.create("wss://mmr1.example.com/api/v1/mmr/media"));
        assertThat(targets.webSocketTarget("ws://10.0.0.7:8080/api/v1/mmr/media"))
                .hasValue(URI.create("ws://10.0.0.7:8080/api/v1/mmr/media"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ws://mmr1.example.com/api/v1/mmr/control", "https://mmr1.example.com/api/v1/mmr/control",
            "wss://mmr1.example.com/api/v1/mmr/control?x=1", "wss://mmr1.example.com/api/v1/mmr/chat",
            "wss://mmr1.example.com/api/v1/mmr/../mmr/control", "wss://mmr1.example.com.evil.org/api/v1/mmr/control",
            "wss://a@mmr1.example.com/api/v1/mmr/control", "wss://mmr1.example.com/api/v1/mmr/control#x",
            "wss://mmr1.example.com:8443/api/v1/mmr/control", "wss://zc.example.com/api/v1/zc/probe",
            "wss://10.0.0.7:8080/api/v1/mmr/media" })
    void otherWebSocketsAreRefused(String url) {
        assertThat(targets.webSocketTarget(url)).isEmpty();
    }

    @Test
    void unusableConfiguredUrlsAllowNothing() {
        TunnelTargets odd = TunnelTargets.of(
                List.of("not a url", "https://a@zc.example.com/zc", "https://zc.example.com/a/../zc", "ftp://x/zc"),
                List.of("wss://mmr.example.com/api/v1/mmr"));
        assertThat(odd.httpTarget("https://zc.example.com/zc/probe")).isEmpty();
        assertThat(odd.httpTarget("https://zc.example.com/a/../zc/probe")).isEmpty();
        assertThat(odd.httpTarget("ftp://x/zc/probe")).isEmpty();
        assertThat(odd.webSocketTarget("wss://mmr.example.com/api/v1/mmr/control")).as("router URLs are http(s)")
                .isEmpty();
        assertThat(TunnelTargets.of(List.of(), List.of()).httpTarget("https://zc.example.com/api/v1/zc/probe"))
                .isEmpty();
    }
}
