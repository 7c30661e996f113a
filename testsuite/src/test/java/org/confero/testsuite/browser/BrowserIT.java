package org.confero.testsuite.browser;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.DefaultZone;
import org.confero.testsuite.support.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web client as guests use it: headless Chromium with fake camera and microphone opens
 * {@code https://localhost:8543/join/<meeting>} (TLS, the test server's self-signed certificate), runs the connection
 * process in the page — lookup, zone-controller probes, assignment, control channel and media over WebSocket/TLS — and
 * exchanges real VP8 and Opus with the others. Every assertion reads the client's own counters: frames decoded from
 * each remote participant, not a connected state. The {@code default} zone's controller is pointed at the TLS port for
 * each test and restored afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    private static final String TLS_BASE = "https://localhost:8543";
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(60);

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private final List<Browser> browsers = new ArrayList<>();
    private URI api;
    private String admin;
    private ConnectionSteps steps;
    private JsonObject originalZone;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        steps = new ConnectionSteps(http, api, admin);
        HttpResponse<String> current = http.send("GET", api.resolve("zones/default"), null, "Authorization", admin);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        originalZone = Http.json(current);
        putDefaultZone(TLS_BASE + "/api/v1/zc");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Browser b : browsers) {
            b.close();
        }
        putDefaultZone(null);
    }

    @Test
    @Timeout(240)
    void twoBrowsersDecodeEachOthersVideoAndAudioChatAndResumeAfterADrop() throws Exception {
        String meeting = steps.newMeeting("Browser meeting");
        Browser ann = browser("ann");
        Browser bob = browser("bob");
        ann.open(TLS_BASE + "/join/" + meeting);
        Await.until(Duration.ofSeconds(10), () -> ann.script("return document.getElementById('preview').readyState"),
                state -> state instanceof Long n && n >= 2, "Ann's camera preview playing");
        ann.screenshot("lobby-ann.png");
        String annId = joined(ann, meeting, "Ann Example");
        String bobId = joined(bob, meeting, "Bob Example");

        try {
            // Each decodes the other's camera (Chromium's fake 640×360 pattern) and the other's microphone.
            JsonObject fromBob = decoding(ann, bobId, 30, 100);
            JsonObject fromAnn = decoding(bob, annId, 30, 100);
            assertThat(fromBob.getJsonObject("video").getInt("width")).isPositive();
            assertThat(fromAnn.getJsonObject("video").getInt("height")).isPositive();
            assertThat(fromAnn.getString("name")).isEqualTo("Ann Example");
            assertThat(ann.stats().getJsonObject("sent").getJsonObject("video").getInt("framesEncoded"))
                    .isGreaterThan(30);

            // Issue 22: the browser times each media socket's own round trip (a probe the router echoes on it) and
            // reports it; the admins' view shows it as a web client's, plausible for loopback.
            Await.until(Duration.ofSeconds(15),
                    () -> ann.stats().getJsonObject("media").getJsonObject("audio").get("rttMs"),
                    rtt -> rtt instanceof jakarta.json.JsonNumber, "Ann's audio socket timing its round trip");
            JsonObject annRow = Await.until(Duration.ofSeconds(20), () -> {
                HttpResponse<String> view = http.send("GET", api.resolve("meetings/" + meeting + "/participants"), null,
                        "Authorization", admin);
                assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
                return Http.json(view).getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                        .filter(p -> p.getString("id").equals(annId)).findFirst().orElse(null);
            }, row -> row != null && "web".equals(row.getString("clientKind"))
                    && row.getJsonObject("media").getJsonObject("video").containsKey("rttMs"),
                    "Ann's report, as a web client, with a round trip per media type");
            for (String type : new String[] { "audio", "video", "content" }) {
                assertThat(annRow.getJsonObject("media").getJsonObject(type).getJsonNumber("rttMs").doubleValue())
                        .as(type).isBetween(0.0, 500.0);
            }

            // Chat round trip through the page's own form; each side shows it once, with the sender's name.
            ann.click("chat-button");
            ann.type("chat-input", "Hello from Ann\n");
            JsonObject chat = Await.until(Duration.ofSeconds(15), () -> bob.stats(),
                    s -> !s.getJsonArray("chat").isEmpty(), "Bob receiving Ann's chat").getJsonArray("chat")
                    .getJsonObject(0);
            assertThat(chat.getString("text")).isEqualTo("Hello from Ann");
            assertThat(chat.getString("from")).isEqualTo(annId);
            bob.click("chat-button");
            bob.type("chat-input", "Hi Ann, Bob here\n");
            Await.until(Duration.ofSeconds(15), () -> ann.stats().getJsonArray("chat").size(), n -> n == 2,
                    "Ann seeing her message and Bob's answer");
            assertThat(ann.text("messages")).contains("Hello from Ann").contains("Hi Ann, Bob here");
            bob.click("people-button");
            Await.until(Duration.ofSeconds(5), () -> bob.text("people"), t -> t.contains("Ann Example"),
                    "Bob's participant list naming Ann");

            // Mute: everyone's roster says so and Ann's encoder stops; unmute: Bob hears her again.
            ann.click("mic");
            Await.until(Duration.ofSeconds(10), () -> participant(bob.stats(), annId), p -> p.getBoolean("audioMuted"),
                    "Bob's roster showing Ann muted");
            Await.until(Duration.ofSeconds(5), () -> List.of(sentAudio(ann), sentAudio(ann)),
                    pair -> pair.get(0).equals(pair.get(1)), "Ann's audio encoder stopping while muted");
            long heard = decoded(bob, annId, "audio");
            ann.click("mic");
            Await.until(MEDIA_WAIT, () -> decoded(bob, annId, "audio"), n -> n >= heard + 50,
                    "Bob hearing Ann again after she unmuted");
            assertThat(participant(bob.stats(), annId).getBoolean("audioMuted")).isFalse();

            // Camera off: Bob's roster and Ann's tile show it; on again: Bob decodes her video again.
            bob.click("cam");
            Await.until(Duration.ofSeconds(10), () -> participant(ann.stats(), bobId), p -> p.getBoolean("videoMuted"),
                    "Ann's roster showing Bob's camera off");
            Await.until(Duration.ofSeconds(5),
                    () -> ann.script("return document.querySelector('[data-participant=\"" + bobId
                            + "\"]').classList.contains('camera-off')"),
                    Boolean.TRUE::equals, "Bob's tile showing his initials instead of video");
            long seen = decoded(ann, bobId, "video");
            bob.click("cam");
            Await.until(MEDIA_WAIT, () -> decoded(ann, bobId, "video"), n -> n >= seen + 30,
                    "Ann decoding Bob's video again after he turned his camera on");

            Path annShot = ann.screenshot("two-party-ann.png");
            Path bobShot = bob.screenshot("two-party-bob.png");
            assertThat(Files.size(annShot)).isGreaterThan(10_000);
            assertThat(Files.size(bobShot)).isGreaterThan(10_000);

            // A dropped connection: Ann's control channel and all three media sockets go down at once; the seat is
            // resumed and the media re-bound by themselves, and Bob decodes Ann's video again.
            long before = decoded(bob, annId, "video");
            ann.script("window.conferoClient.dropConnections()");
            Await.until(
                    Duration.ofSeconds(30), () -> ann.stats(), s -> s.getInt("controlReconnects") >= 1
                            && s.getBoolean("controlConnected") && allBound(s) && reboundAll(s),
                    "Ann's connections back");
            Await.until(MEDIA_WAIT, () -> decoded(bob, annId, "video"), n -> n >= before + 30,
                    "Bob decoding Ann's video again after her reconnect (had " + before + ")");
            assertThat(bob.stats().getJsonArray("participants").getValuesAs(JsonObject.class))
                    .anySatisfy(p -> assertThat(p.getString("id")).isEqualTo(annId));

            // Screen sharing: Ann's screen (Chromium's fake capture) goes out as the content media type, and Bob
            // decodes it and shows it large.
            ann.click("share");
            Await.until(MEDIA_WAIT, () -> decoded(bob, annId, "content"), n -> n >= 10,
                    "Bob decoding Ann's shared screen");
            bob.screenshot("screen-share-bob.png");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + consoles(), e);
        }
    }

    @Test
    @Timeout(180)
    void theBrowserDecodesTheClipOfAConferoCommandLineParticipant() throws Exception {
        String meeting = steps.newMeeting("Clip meeting");
        Browser cat = browser("cat");
        joined(cat, meeting, "Cat Example");
        CliProcess cli = CliProcess.start(Duration.ofSeconds(90), "join", meeting, "--name", "Clip Sender", "--clip",
                "builtin", "--duration", "25", "--server", TLS_BASE, "--ca-cert",
                Path.of(System.getProperty("confero.test.data"), "tls", "confero.crt").toString());
        try {
            JsonObject stats = Await.until(MEDIA_WAIT, cat::stats,
                    s -> clipRemote(s).map(r -> r.getJsonObject("video").getInt("framesDecoded") >= 30).orElse(false),
                    "the browser decoding 30 frames of the command line's clip");
            JsonObject clip = clipRemote(stats).orElseThrow();
            // The built-in clip is 320×240 (ClipSender): the browser decoded the clip itself, not some other video.
            assertThat(clip.getJsonObject("video").getInt("width")).isEqualTo(320);
            assertThat(clip.getJsonObject("video").getInt("height")).isEqualTo(240);
            cat.screenshot("clip-from-cli.png");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + consoles() + "\nconfero: " + cli.kill(), e);
        }
        List<JsonObject> events = cli.finish();
        JsonObject summary = events.stream().filter(e -> "summary".equals(e.getString("event", ""))).findFirst()
                .orElseThrow(() -> new AssertionError("no summary from confero: " + events));
        // And the other way: the command line received the browser's RTP (audio and video) over UDP.
        assertThat(summary.getJsonObject("media").getJsonObject("video").getInt("received")).isPositive();
        assertThat(summary.getJsonObject("media").getJsonObject("audio").getInt("received")).isPositive();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getString("event", "")).isEqualTo("clip");
            assertThat(e.getInt("framesSent")).isGreaterThan(100);
        });
    }

    @Test
    @Timeout(30)
    void theJoinPageIsServedWithItsPolicyAndOtherPathsAreProblems() throws Exception {
        for (String path : List.of("/join/84512963301", "/join/845-1296-3301", "/join")) {
            HttpResponse<String> page = http.get(base.toURI().resolve(path));
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).contains("id=\"join-form\"").contains("/webclient/js/app.js");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'none'").contains("script-src 'self'")
                            .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
            assertThat(page.headers().firstValue("Permissions-Policy"))
                    .hasValueSatisfying(p -> assertThat(p).contains("camera=(self)").contains("microphone=(self)"));
        }
        HttpResponse<String> script = http.get(base.toURI().resolve("/webclient/js/rtp.js"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
        HttpResponse<String> notAMeeting = http.get(base.toURI().resolve("/join/not-a-meeting"));
        assertThat(notAMeeting.statusCode()).isEqualTo(404);
        assertThat(notAMeeting.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // The zone controller answers the page's cross-origin probes and assignments, never with credentials.
        HttpResponse<String> preflight = http.send("OPTIONS", api.resolve("zc/assign"), null, "Origin",
                "https://web.example", "Access-Control-Request-Method", "POST");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    private Browser browser(String name) {
        Browser b = new Browser(name);
        browsers.add(b);
        return b;
    }

    /** Opens the meeting's join link, joins, and waits until control and all three media sockets are up. */
    private static String joined(Browser browser, String meeting, String name) throws Exception {
        browser.open(TLS_BASE + "/join/" + meeting);
        browser.join(name);
        JsonObject stats = Await.until(Duration.ofSeconds(40), browser::stats,
                s -> "in-meeting".equals(s.getString("state", "")) && allBound(s), name + " in the meeting");
        return stats.getString("participantId");
    }

    private static boolean allBound(JsonObject stats) {
        JsonObject media = stats.getJsonObject("media");
        return media != null && List.of("audio", "video", "content").stream()
                .allMatch(k -> media.get(k) instanceof JsonObject m && m.getBoolean("bound"));
    }

    private static boolean reboundAll(JsonObject stats) {
        JsonObject media = stats.getJsonObject("media");
        return List.of("audio", "video", "content").stream()
                .allMatch(k -> media.getJsonObject(k).getInt("reconnects") >= 1);
    }

    private static JsonObject decoding(Browser browser, String remoteId, int videoFrames, int audioFrames)
            throws Exception {
        JsonObject stats = Await.until(MEDIA_WAIT, browser::stats, s -> {
            JsonObject r = remote(s, remoteId);
            return r != null && r.getJsonObject("video").getInt("framesDecoded") >= videoFrames
                    && r.getJsonObject("audio").getInt("framesDecoded") >= audioFrames;
        }, videoFrames + " video and " + audioFrames + " audio frames decoded from " + remoteId);
        return remote(stats, remoteId);
    }

    private static long decoded(Browser browser, String remoteId, String kind) {
        JsonObject r = remote(browser.stats(), remoteId);
        return r == null ? 0 : r.getJsonObject(kind).getInt("framesDecoded");
    }

    private static JsonObject participant(JsonObject stats, String id) {
        return stats.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> id.equals(p.getString("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not in the roster: " + stats));
    }

    private static int sentAudio(Browser browser) throws InterruptedException {
        int frames = browser.stats().getJsonObject("sent").getJsonObject("audio").getInt("framesEncoded");
        Thread.sleep(300); // two readings 300 ms apart: 15 Opus frames would be encoded in between if it still ran
        return frames;
    }

    private static JsonObject remote(JsonObject stats, String id) {
        JsonObject remotes = stats.getJsonObject("remotes");
        return remotes != null && remotes.get(id) instanceof JsonObject r ? r : null;
    }

    private static Optional<JsonObject> clipRemote(JsonObject stats) {
        return stats.getJsonObject("remotes").values().stream().map(JsonValue::asJsonObject)
                .filter(r -> "Clip Sender".equals(r.isNull("name") ? null : r.getString("name"))).findFirst();
    }

    private String consoles() {
        StringBuilder all = new StringBuilder();
        for (Browser b : browsers) {
            all.append(b.console()).append('\n');
            try {
                all.append("stats: ").append(b.stats()).append('\n');
            } catch (RuntimeException e) {
                all.append("stats not readable: ").append(e).append('\n');
            }
        }
        return all.toString();
    }

    /** The default zone as it was, with these controller URLs (null: the original ones). */
    private void putDefaultZone(String controllerUrl) throws Exception {
        DefaultZone.put(http, api, admin, originalZone, controllerUrl);
    }

    /** The real {@code confero} command line (cli/target) in a process of its own, with --json. */
    private static final class CliProcess {
        private final Process process;
        private final Duration limit;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;

        private CliProcess(Process process, Duration limit) {
            this.process = process;
            this.limit = limit;
            this.out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            this.err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        }

        static CliProcess start(Duration limit, String... args) throws IOException {
            List<String> command = new ArrayList<>(
                    List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-Djava.net.preferIPv4Stack=true", "-cp",
                            System.getProperty("confero.cli.jar") + ":" + System.getProperty("confero.cli.lib") + "/*",
                            "org.confero.cli.Confero"));
            command.addAll(List.of(args));
            command.add("--json");
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().remove("HTTPS_PROXY");
            builder.environment().remove("https_proxy");
            return new CliProcess(builder.start(), limit);
        }

        List<JsonObject> finish() throws Exception {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("confero did not finish within " + limit);
            }
            String stdout = out.get(10, TimeUnit.SECONDS);
            assertThat(process.exitValue()).as(stdout + err.get(10, TimeUnit.SECONDS)).isZero();
            List<JsonObject> events = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{")) {
                    try (var reader = Json.createReader(new StringReader(line))) {
                        events.add(reader.readObject());
                    }
                }
            }
            return events;
        }

        /** Ends the process; what it printed. */
        String kill() {
            process.destroyForcibly();
            try {
                return out.get(10, TimeUnit.SECONDS) + err.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return "(output not readable: " + e + ")";
            }
        }

        private static String read(java.io.InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
