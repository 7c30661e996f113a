package org.confero.testsuite.support;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

import org.confero.client.ClientOptions;
import org.confero.testsuite.api.FirstStartCredentials;

/**
 * The loopback test server as the client-library tests reach it: its base and API URIs, the first-start admin, its zone
 * pointed at a controller URL the tests can reach, and client options that map the router's public WebSocket URLs
 * ({@code confero.mmr.url}, {@code wss://localhost:8543} in arquillian.xml) to the server's plain HTTP port.
 */
public final class LoopbackServer {

    private final Http http = new Http();
    private final URI base;
    private final URI api;
    private final String admin;

    private LoopbackServer(URI base) throws Exception {
        this.base = base;
        this.api = base.resolve("/api/v1/");
        this.admin = Http.basic("admin", FirstStartCredentials.adminPassword());
    }

    /** The server of an Arquillian deployment's URL, with its default zone pointed at itself. */
    public static LoopbackServer at(URL deployment) throws Exception {
        LoopbackServer server = new LoopbackServer(deployment.toURI().resolve("/"));
        DefaultZone.put(server.http, server.api, server.admin, DefaultZone.read(server.http, server.api, server.admin),
                server.api.resolve("zc").toString());
        return server;
    }

    public URI base() {
        return base;
    }

    public URI api() {
        return api;
    }

    /** The first-start admin's Authorization header value. */
    public String admin() {
        return admin;
    }

    /** Client options for this server: no proxy, the router's public URLs served here on HTTP. */
    public ClientOptions.Builder clientOptions() {
        String reachable = "ws://" + base.getHost() + ":" + base.getPort();
        return ClientOptions.builder().proxy(Optional.empty()).rewrite("wss://localhost:8543", reachable);
    }

    /** A new meeting's id. */
    public String newMeeting(String topic) throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"), "{\"topic\":\"" + topic + "\"}",
                "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getString("id");
    }
}
