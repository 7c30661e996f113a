package org.confero.client.servers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.confero.client.http.JsonBodies;

/** Asks a server how its deployment fails over: {@code GET /api/v1/servers}. */
public final class ServerDirectory {

    private final HttpClient http;
    private final Duration timeout;

    public ServerDirectory(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * @throws IOException
     *             the server could not be asked, or answered something that is no server list (an older server without
     *             the resource answers 404)
     */
    public ServerList ask(URI server) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(ServerList.base(server).resolve("/api/v1/servers"))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        try {
            return ServerList
                    .parse(JsonBodies.successOrProblem(http.send(request, HttpResponse.BodyHandlers.ofString())));
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new IOException("not a server list from " + server + ": " + e.getMessage(), e);
        }
    }
}
