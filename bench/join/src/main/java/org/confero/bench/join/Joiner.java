package org.confero.bench.join;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.MeetingSession;
import org.confero.client.http.TlsTrust;

/**
 * Times one thing per command line read from standard input, and answers with one JSON line:
 * <ul>
 * <li>{@code join LABEL}: a fresh participant (a new {@link ConferoClient}, so a new HTTP client and TLS session, as
 * a client that has just started) joins, waits for the peer's first audio packet (at most 3 s after {@code join}
 * returns) and leaves;</li>
 * <li>{@code baseline}: one HTTPS request on a new HTTP client to the zone controller's probe servlet, the cheapest
 * request the server answers (no JSON, no database): the cost of "one fresh HTTPS round trip" that the join's phases
 * are compared with, measured in the same process between the joins;</li>
 * <li>{@code quit}.</li>
 * </ul>
 * The driver changes the firewall between commands; this process never sleeps between them.
 */
final class Joiner {

    private static final long FIRST_AUDIO_WAIT_MS = 3000;

    private final URI server;
    private final String meeting;
    private final ClientOptions options;
    private final SSLContext tls;
    private int joins;

    Joiner(URI server, String meeting, ClientOptions options, Path ca) throws IOException {
        this.server = server;
        this.meeting = meeting;
        this.options = options;
        this.tls = TlsTrust.context(false, Optional.of(ca), new char[0])
                .orElseThrow(() -> new IOException("no TLS context for " + ca));
    }

    void run() throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split("\\s+", 2);
            JsonObject answer;
            switch (words[0]) {
            case "join":
                answer = join(words.length > 1 ? words[1] : "");
                break;
            case "baseline":
                answer = baseline();
                break;
            case "quit":
                return;
            default:
                answer = Json.createObjectBuilder().add("event", "error").add("error", "unknown command " + line)
                        .build();
            }
            System.out.println(answer);
            System.out.flush();
        }
    }

    private JsonObject join(String label) throws IOException, InterruptedException {
        joins++;
        long t0 = System.nanoTime();
        TimedJoin timed = new TimedJoin(t0);
        long returned = 0;
        String error = "";
        // t0 comes before the client is built: building it (read the trust store, create an HTTP client) is part of
        // what a freshly started client does before its first request. It does no network I/O.
        try (ConferoClient client = new ConferoClient(options, timed)) {
            MeetingSession session = client.join(server, meeting, "bench-joiner-" + joins, null);
            returned = System.nanoTime();
            try {
                timed.awaitFirstAudio(FIRST_AUDIO_WAIT_MS);
            } finally {
                session.leave();
            }
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return timed.toJson(label, returned, error);
    }

    private JsonObject baseline() throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "baseline-http");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        String error = "";
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(tls).executor(executor)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(server.resolve("/api/v1/zc/probe?seq=1")).timeout(Duration.ofSeconds(5))
                            .GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                error = "HTTP " + response.statusCode();
            }
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            executor.shutdownNow();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        return Json.createObjectBuilder().add("event", "baseline").add("ok", error.isEmpty()).add("error", error)
                .add("ms", ms).build();
    }
}
