package org.confero.client.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * An HTTPS proxy and the hosts that bypass it. Taken from {@code https.proxyHost}/{@code https.proxyPort} and
 * {@code http.nonProxyHosts} (Java's own names), else from the {@code HTTPS_PROXY}/{@code NO_PROXY} environment
 * variables (curl's names, either case). Only the basics: no authentication, no PAC files.
 *
 * @param noProxy
 *            host suffixes ({@code .corp.example}, {@code localhost}) or {@code *} for everything
 */
public record ProxyConfiguration(InetSocketAddress address, List<String> noProxy) {

    public ProxyConfiguration {
        noProxy = List.copyOf(noProxy);
    }

    public static Optional<ProxyConfiguration> detect() {
        return from(System.getProperties(), System.getenv());
    }

    public static Optional<ProxyConfiguration> from(Properties system, Map<String, String> environment) {
        String host = system.getProperty("https.proxyHost");
        if (host != null && !host.isBlank()) {
            int port = Integer.parseInt(system.getProperty("https.proxyPort", "443").trim());
            return Optional.of(new ProxyConfiguration(InetSocketAddress.createUnresolved(host.trim(), port),
                    split(system.getProperty("http.nonProxyHosts", ""), "\\|")));
        }
        String url = env(environment, "HTTPS_PROXY");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI proxy = URI.create(url.contains("://") ? url.trim() : "http://" + url.trim());
        int port = proxy.getPort() > 0 ? proxy.getPort() : "https".equals(proxy.getScheme()) ? 443 : 80;
        return Optional.of(new ProxyConfiguration(InetSocketAddress.createUnresolved(proxy.getHost(), port),
                split(Optional.ofNullable(env(environment, "NO_PROXY")).orElse(""), ",")));
    }

    /** Whether a connection to {@code host} goes through the proxy. */
    public boolean appliesTo(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String rule : noProxy) {
            String r = rule.toLowerCase(Locale.ROOT);
            if (r.equals("*") || h.equals(r) || h.equals(r.replaceFirst("^\\*?\\.", ""))
                    || (r.startsWith("*") || r.startsWith(".")) && h.endsWith(r.replaceFirst("^\\*", ""))) {
                return false;
            }
        }
        return true;
    }

    public ProxySelector selector() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, address);
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return uri.getHost() != null && appliesTo(uri.getHost()) ? List.of(proxy) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // Nothing to remember: one proxy, no alternatives to rotate through.
            }
        };
    }

    private static String env(Map<String, String> environment, String name) {
        String upper = environment.get(name);
        return upper != null ? upper : environment.get(name.toLowerCase(Locale.ROOT));
    }

    private static List<String> split(String list, String separator) {
        return java.util.Arrays.stream(list.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
