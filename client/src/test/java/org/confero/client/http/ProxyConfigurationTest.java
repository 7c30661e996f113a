package org.confero.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ProxyConfigurationTest {

    @Test
    void javaPropertiesWinOverTheEnvironment() {
        Properties system = new Properties();
        system.setProperty("https.proxyHost", "proxy.corp");
        system.setProperty("https.proxyPort", "3128");
        system.setProperty("http.nonProxyHosts", "localhost|*.corp");

        ProxyConfiguration proxy = ProxyConfiguration.from(system, Map.of("HTTPS_PROXY", "http://other:8080"))
                .orElseThrow();

        assertThat(proxy.address().getHostString()).isEqualTo("proxy.corp");
        assertThat(proxy.address().getPort()).isEqualTo(3128);
        assertThat(proxy.appliesTo("meet.example.com")).isTrue();
        assertThat(proxy.appliesTo("localhost")).isFalse();
        assertThat(proxy.appliesTo("zc1.corp")).isFalse();
    }

    @Test
    void environmentInCurlsSpelling() {
        ProxyConfiguration proxy = ProxyConfiguration
                .from(new Properties(), Map.of("https_proxy", "proxy.corp:3128", "NO_PROXY", ".internal,10.0.0.1"))
                .orElseThrow();

        assertThat(proxy.address().getPort()).isEqualTo(3128);
        assertThat(proxy.appliesTo("a.internal")).isFalse();
        assertThat(proxy.appliesTo("internal")).isFalse();
        assertThat(proxy.appliesTo("10.0.0.1")).isFalse();
        assertThat(proxy.appliesTo("meet.example.com")).isTrue();
        assertThat(proxy.selector().select(URI.create("https://a.internal/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(proxy.selector().select(URI.create("https://meet.example.com/x"))).extracting(Proxy::type)
                .containsExactly(Proxy.Type.HTTP);
    }

    @Test
    void noneConfiguredMeansDirect() {
        assertThat(ProxyConfiguration.from(new Properties(), Map.of())).isEmpty();
    }
}
