package bench.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.confero.cli.media.TestPacket;
import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.control.ControlListener;
import org.confero.protocol.media.MediaType;

/**
 * Against a running local domain (routers of capacity 2): Ann and Bob on one router, Cid overflowed to the other.
 * (1) Ann sends chat messages; their delivery time to Bob (same router, the baseline) and to Cid (the other router,
 * through the replicated event cache) is measured in this one JVM with one clock. (2) Ann and Cid send test audio, the
 * router of Ann and Bob is killed with SIGKILL, and the time until each hears the other again is measured.
 *
 * <p>
 * Arguments: web-https-url web-http-url admin-password ca-cert messages output.json
 */
public final class ClusterBench {

    private static final int WARM_UP = 300;

    public static void main(String[] args) throws Exception {
        URI web = URI.create(args[0]);
        String http = args[1];
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + args[2]).getBytes());
        Path ca = Path.of(args[3]);
        int messages = Integer.parseInt(args[4]);
        Path output = Path.of(args[5]);
        HttpClient plain = HttpClient.newHttpClient();
        String meeting = Json.createReader(new java.io.StringReader(send(plain, "POST", http + "/api/v1/meetings",
                "{\"topic\":\"cluster bench\",\"durationMinutes\":30}", admin))).readObject().getString("id");

        List<String> moves = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void relocated(String fromRouter, String toRouter, Duration took) {
                moves.add(toRouter + " " + took.toMillis());
            }
        };
        ClientOptions options = ClientOptions.builder().trustStore(ca, new char[0]).proxy(Optional.empty()).build();
        Arrivals atBob = new Arrivals();
        Arrivals atCid = new Arrivals();
        try (ConferoClient client = new ConferoClient(options, listener)) {
            MeetingSession ann = client.join(web, meeting, "Ann", null, m -> {
            });
            MeetingSession bob = client.join(web, meeting, "Bob", null, atBob);
            String home = ann.assignment().router();
            awaitParticipants(plain, http, admin, home, 2);
            MeetingSession cid = client.join(web, meeting, "Cid", null, atCid);
            String other = cid.assignment().router();
            if (other.equals(home) || !bob.assignment().router().equals(home)) {
                throw new IllegalStateException("expected Ann and Bob on one router, Cid on the other");
            }
            Thread.sleep(2000); // cascade link and seats settled

            // Warm-up, not measured: the servers' JIT compiles the chat path (a freshly started domain is cold).
            for (int i = 0; i < WARM_UP; i++) {
                ann.control().chat("warm-up " + i);
                Thread.sleep(20);
            }
            Thread.sleep(2000);
            long[] sentAt = new long[messages];
            for (int i = 0; i < messages; i++) {
                sentAt[i] = System.nanoTime();
                ann.control().chat("bench " + i);
                Thread.sleep(20);
            }
            Thread.sleep(3000);
            List<Double> sameRouter = atBob.latenciesMillis(sentAt);
            List<Double> otherRouter = atCid.latenciesMillis(sentAt);

            Hearing annHears = new Hearing();
            Hearing cidHears = new Hearing();
            ann.media(MediaType.AUDIO).orElseThrow().deliverTo(annHears::accept);
            cid.media(MediaType.AUDIO).orElseThrow().deliverTo(cidHears::accept);
            Sender fromAnn = new Sender(ann, 1);
            Sender fromCid = new Sender(cid, 3);
            Thread.sleep(2000);
            long killed = kill(home);
            long deadline = killed + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && (annHears.firstAfter(killed + 50_000_000L) < 0 || cidHears.firstAfter(killed + 50_000_000L) < 0)) {
                Thread.sleep(20);
            }
            fromAnn.stop();
            fromCid.stop();
            long annBack = annHears.firstAfter(killed + 50_000_000L);
            long cidBack = cidHears.firstAfter(killed + 50_000_000L);
            JsonObject result = Json.createObjectBuilder().add("messages", messages)
                    .add("chatSameRouter", summary(sameRouter)).add("chatOtherRouter", summary(otherRouter))
                    .add("killed", home).add("survivor", other)
                    .add("killToAnnHearsCidMs", annBack < 0 ? -1 : (annBack - killed) / 1e6)
                    .add("killToCidHearsAnnMs", cidBack < 0 ? -1 : (cidBack - killed) / 1e6)
                    .add("relocations", Json.createArrayBuilder(moves)).build();
            Files.writeString(output, result.toString());
            System.out.println(result);
            for (MeetingSession s : List.of(ann, bob, cid)) {
                s.close();
            }
        }
    }

    private static JsonObject summary(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return Json.createObjectBuilder().add("received", sorted.size()).add("p50", at(sorted, 0.50))
                .add("p99", at(sorted, 0.99)).add("max", sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1))
                .build();
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    private static void awaitParticipants(HttpClient plain, String http, String admin, String router, int n)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject cluster = Json.createReader(new java.io.StringReader(
                    send(plain, "GET", http + "/api/v1/cluster", null, admin))).readObject();
            if (cluster.getJsonArray("routers").stream().map(JsonValue::asJsonObject)
                    .anyMatch(r -> r.getString("node").equals(router) && r.getInt("participants") >= n)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(router + " never reported " + n + " participants");
    }

    private static String send(HttpClient client, String method, String url, String body, String auth)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(20));
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static long kill(String node) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "--",
                "-D\\[Server:" + node.substring(node.indexOf(':') + 1) + "\\]").start();
        String pid = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip()
                .split("\\s+")[0];
        pgrep.waitFor();
        long killed = System.nanoTime();
        new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor();
        return killed;
    }

    /** When each "bench i" chat message arrived. */
    private static final class Arrivals implements ControlListener {
        private final Map<Integer, Long> at = new ConcurrentHashMap<>();

        @Override
        public void onMessage(JsonObject message) {
            long now = System.nanoTime();
            String text = message.getString("text", "");
            if ("chat".equals(message.getString("type", "")) && text.startsWith("bench ")) {
                at.putIfAbsent(Integer.parseInt(text.substring(6)), now);
            }
        }

        List<Double> latenciesMillis(long[] sentAt) {
            List<Double> latencies = new ArrayList<>();
            at.forEach((i, arrived) -> latencies.add((arrived - sentAt[i]) / 1e6));
            return latencies;
        }
    }

    /** The arrival times of test packets. */
    private static final class Hearing {
        private final java.util.Queue<Long> arrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();

        void accept(byte[] packet) {
            if (TestPacket.parse(packet).isPresent()) {
                arrivals.add(System.nanoTime());
            }
        }

        long firstAfter(long nanos) {
            return arrivals.stream().mapToLong(Long::longValue).filter(t -> t > nanos).min().orElse(-1);
        }
    }

    /** Test audio at 50 packets/s through the session's (failover-stable) audio connection. */
    private static final class Sender {
        private final Thread thread;
        private volatile boolean running = true;

        Sender(MeetingSession session, int ssrc) {
            AtomicLong sequence = new AtomicLong();
            thread = new Thread(() -> {
                while (running) {
                    try {
                        session.media(MediaType.AUDIO).orElseThrow().send(TestPacket.build(111, ssrc,
                                (int) sequence.getAndIncrement(), System.currentTimeMillis() * 1000, 160));
                    } catch (IOException e) {
                        // the router is gone: this gap is what is measured
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sender-" + ssrc);
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(2000);
        }
    }
}
