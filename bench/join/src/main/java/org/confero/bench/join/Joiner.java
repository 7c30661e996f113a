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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Pacer;
import org.confero.cli.media.Reception;
import org.confero.cli.media.TestParticipant;
import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.MeetingSession;
import org.confero.client.http.TlsTrust;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;

/**
 * Times one thing per command line read from standard input, and answers with one JSON line:
 * <ul>
 * <li>{@code join LABEL}: a fresh participant (a new {@link ConferoClient}, so a new HTTP client and TLS session, as
 * a client that has just started) joins, waits for the peer's first audio packet (at most 3 s after {@code join}
 * returns) and leaves;</li>
 * <li>{@code join-tunnel LABEL}: the same with HTTP tunnels allowed, for a network where no zone controller answers
 * (the seed's rule: none within 5.5 s → the tunnels, first to answer wins);</li>
 * <li>{@code join-stay LABEL}: the same, but the participant stays, sending test audio and video; then
 * {@code await-udp MILLIS} (sent once the driver let UDP through) waits until every media type is back on UDP, keeps
 * the media flowing two more seconds, and answers with how long each move took after the command and what was lost
 * across it (sequence gaps in the peer's test audio); then it leaves;</li>
 * <li>{@code baseline}: one HTTPS request on a new HTTP client to the zone controller's probe servlet, the cheapest
 * request the server answers (no JSON, no database): the cost of "one fresh HTTPS round trip" that the join's phases
 * are compared with, measured in the same process between the joins;</li>
 * <li>{@code quit}.</li>
 * </ul>
 * The driver changes the firewall between commands; this process never sleeps between them.
 */
final class Joiner {

    private static final long FIRST_AUDIO_WAIT_MS = 3000;
    /** After the last media type is back on UDP: media keeps flowing this long, so a loss in the move would show. */
    private static final long AFTER_UPGRADE_MS = 2000;

    private final URI server;
    private final String meeting;
    private final ClientOptions options;
    private final ClientOptions tunnelOptions;
    private final SSLContext tls;
    private int joins;
    private Staying staying;

    /** A participant kept in the meeting by {@code join-stay} until {@code await-udp}. */
    private record Staying(ConferoClient client, MeetingSession session, TimedJoin timed, TestParticipant participant,
            AtomicBoolean sending, Thread sender) {
    }

    Joiner(URI server, String meeting, ClientOptions options, ClientOptions tunnelOptions, Path ca)
            throws IOException {
        this.server = server;
        this.meeting = meeting;
        this.options = options;
        this.tunnelOptions = tunnelOptions;
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
                answer = join(words.length > 1 ? words[1] : "", options);
                break;
            case "join-tunnel":
                answer = join(words.length > 1 ? words[1] : "", tunnelOptions);
                break;
            case "join-stay":
                answer = joinAndStay(words.length > 1 ? words[1] : "");
                break;
            case "await-udp":
                answer = awaitUdp(Long.parseLong(words.length > 1 ? words[1] : "10000"));
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

    private JsonObject join(String label, ClientOptions options) throws IOException, InterruptedException {
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
            timed.listenTo(session);
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

    private JsonObject joinAndStay(String label) throws IOException, InterruptedException {
        joins++;
        long t0 = System.nanoTime();
        TimedJoin timed = new TimedJoin(t0);
        ConferoClient client = new ConferoClient(options, timed);
        try {
            MeetingSession session = client.join(server, meeting, "bench-stayer-" + joins, null);
            long returned = System.nanoTime();
            timed.listenTo(session);
            timed.awaitFirstAudio(FIRST_AUDIO_WAIT_MS);
            JsonObject joined = timed.toJson(label, returned, "");
            TestParticipant participant = new TestParticipant(session, List.of(MediaProfile.AUDIO, MediaProfile.VIDEO));
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread sender = new Thread(() -> new Pacer(participant.streams()).run(sending::get), "stayer-pacer");
            sender.start();
            staying = new Staying(client, session, timed, participant, sending, sender);
            return joined;
        } catch (IOException | RuntimeException e) {
            client.close();
            return timed.toJson(label, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private JsonObject awaitUdp(long limitMillis) throws InterruptedException {
        if (staying == null) {
            return Json.createObjectBuilder().add("event", "error").add("error", "no join-stay before").build();
        }
        Staying s = staying;
        staying = null;
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        Map<MediaType, Long> back = new EnumMap<>(MediaType.class);
        Map<MediaType, String> from = new EnumMap<>(MediaType.class);
        for (MediaType type : MediaType.values()) {
            s.session().media(type).ifPresent(m -> from.put(type, m.transport().name()));
        }
        while (back.size() < from.size() && System.nanoTime() < deadline) {
            for (MediaType type : from.keySet()) {
                if (!back.containsKey(type) && s.session().media(type).orElseThrow().transport() == Transport.UDP) {
                    back.put(type, System.nanoTime());
                }
            }
            Thread.sleep(5);
        }
        Thread.sleep(AFTER_UPGRADE_MS);
        s.sending().set(false);
        s.sender().join(1000);
        Reception.Snapshot audio = s.participant().receptions().get(MediaType.AUDIO).snapshot();
        Reception.Snapshot video = s.participant().receptions().get(MediaType.VIDEO).snapshot();
        JsonObjectBuilder moves = Json.createObjectBuilder();
        back.forEach((type, at) -> moves.add(type.name().toLowerCase(Locale.ROOT), (at - t0) / 1e6));
        JsonObjectBuilder before = Json.createObjectBuilder();
        from.forEach((type, transport) -> before.add(type.name().toLowerCase(Locale.ROOT), transport));
        boolean all = back.size() == from.size();
        long last = back.values().stream().mapToLong(Long::longValue).max().orElse(t0);
        JsonObject answer = Json.createObjectBuilder().add("event", "upgrade").add("ok", all)
                .add("error", all ? "" : "still not on UDP after " + limitMillis + " ms: " + from.keySet())
                .add("from", before).add("backOnUdpMs", moves).add("allBackMs", all ? (last - t0) / 1e6 : -1)
                .add("audioTestPackets", audio.testPackets()).add("audioLoss", audio.loss())
                .add("videoTestPackets", video.testPackets()).add("videoLoss", video.loss())
                .add("audioSent", s.participant().sent(MediaType.AUDIO)).build();
        s.session().leave();
        s.client().close();
        return answer;
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
