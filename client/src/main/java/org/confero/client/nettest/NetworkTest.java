package org.confero.client.nettest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.json.JsonObject;

import org.confero.client.assign.AssignmentParser;
import org.confero.client.http.JsonBodies;
import org.confero.client.lookup.JoinInfoParser;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaDialer;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;

/**
 * Asks a deployment for its zones ({@code GET /api/v1/network-test}) and a router for a throwaway test meeting
 * ({@code POST <controller>/network-test}), then binds audio over each transport in turn. A binding proves the path
 * both ways — the relay's answer only comes back to an address that receives — so it is the honest test of a transport,
 * not a port scan.
 */
public final class NetworkTest {

    private final HttpClient http;
    private final Duration timeout;
    private final UnaryOperator<String> rewrite;
    private final MediaConnector connector;

    public NetworkTest(HttpClient http, Duration timeout, UnaryOperator<String> rewrite,
            java.util.Map<Transport, MediaDialer> dialers, Function<Transport, Duration> transportTimeouts) {
        this.http = http;
        this.timeout = timeout;
        this.rewrite = rewrite;
        this.connector = new MediaConnector(dialers, transportTimeouts);
    }

    public NetworkTestInfo info(URI server) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/network-test")).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        JsonObject json = JsonBodies.successOrProblem(http.send(request, HttpResponse.BodyHandlers.ofString()));
        return new NetworkTestInfo(JsonBodies.optionalString(json, "clientAddress"), JoinInfoParser.zones(json),
                JoinInfoParser.tunnels(json), JoinInfoParser.path(json));
    }

    /** A router of the controller's zone with credentials for a throwaway meeting. */
    public AssignmentView testRouter(String controllerUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(rewrite.apply(controllerUrl) + "/network-test"))
                .timeout(timeout).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return AssignmentParser
                .parse(JsonBodies.successOrProblem(http.send(request, HttpResponse.BodyHandlers.ofString())), rewrite);
    }

    /** Binds the router's audio credentials over each transport, one after another (each binding replaces the last). */
    public List<TransportCheck> checkTransports(AssignmentView router, List<Transport> transports)
            throws InterruptedException {
        MediaCredentials audio = router.credentials().get("audio");
        List<TransportCheck> checks = new ArrayList<>();
        for (Transport transport : transports) {
            if (audio == null) {
                checks.add(
                        new TransportCheck(transport, Duration.ZERO, Optional.of("the router issued no credentials")));
                continue;
            }
            long start = System.nanoTime();
            MediaOutcome outcome = connector.connect(List.of(transport), router.media(), audio, MediaType.AUDIO);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            outcome.connection().ifPresent(MediaConnection::close);
            Optional<String> failure = outcome.connection().isPresent() ? Optional.empty() : Optional.of(
                    outcome.attempts().isEmpty() ? "not tried" : outcome.attempts().get(0).failure().orElse("failed"));
            checks.add(new TransportCheck(transport, took, failure));
        }
        return checks;
    }
}
