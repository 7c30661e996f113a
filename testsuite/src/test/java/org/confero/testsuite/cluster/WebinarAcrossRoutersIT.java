package org.confero.testsuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.confero.cli.media.TestPacket;
import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.control.ControlListener;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.ControlClient;
import org.confero.testsuite.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 23 on the local domain (mmr-1 and mmr-2 take two participants each, CONFERO_LOCAL_MMR_CAPACITY=2): a webinar's
 * host and three attendees. The zone controllers spread the attendees over both routers; every attendee hears the
 * host's audio and video, each of the host's packets crossed the cascade link once (the relays' cascade counters in
 * {@code GET /api/v1/cluster}); a question from an attendee on the other router reaches the host; then the router
 * holding only attendees is killed with SIGKILL, its attendees move to the host's router and hear the host again within
 * 3 s of the kill.
 */
class WebinarAcrossRoutersIT {

    private static final int PHASE_ONE_PACKETS = 100;
    private static final int AUDIO_SSRC = 1;
    private static final int VIDEO_SSRC = 2;

    private static LocalDomain domain;
    private static String admin;
    private final Http http = new Http();

    @BeforeAll
    static void startTheDomain() throws Exception {
        domain = LocalDomain.start();
        admin = Http.basic("admin", domain.adminPassword());
    }

    @AfterAll
    static void stopTheDomain() throws Exception {
        if (domain != null) {
            domain.close();
        }
    }

    @Test
    @Timeout(300)
    void theAudienceSpreadsOverBothRoutersHearsTheStageOnceAsksAcrossAndSurvivesARouter() throws Exception {
        String webinar = createWebinar();

        // The host: looked up signed in (role host), assigned by mmr-1's zone controller, joined on raw control.
        String hostToken = Http.json(http.send("GET",
                URI.create(domain.http("web-1") + "/api/v1/meetings/" + webinar + "/join-info?name=Hana"), null,
                "Authorization", admin)).getString("joinToken");
        JsonObject hostAssignment = Http.json(http.send("POST", URI.create(domain.http("mmr-1") + "/api/v1/zc/assign"),
                Json.createObjectBuilder().add("joinToken", hostToken).build().toString()));
        String home = hostAssignment.getString("router");
        String other = home.endsWith("mmr-1") ? "primary:mmr-2" : "primary:mmr-1";
        List<MeetingSession> attendees = new ArrayList<>();
        Map<MeetingSession, Inbox> inboxes = new LinkedHashMap<>();
        List<String> moves = new CopyOnWriteArrayList<>();
        ConnectionListener moved = new ConnectionListener() {
            @Override
            public void relocated(String fromRouter, String toRouter, Duration took) {
                moves.add(fromRouter + "->" + toRouter + " in " + took.toMillis() + " ms");
            }
        };
        try (ControlClient host = new ControlClient(
                URI.create(domain.http(serverOf(home)).replace("http:", "ws:") + "/api/v1/mmr/control"));
                ConferoClient client = new ConferoClient(options(), moved)) {
            host.send("{\"type\":\"join\",\"joinToken\":\"" + hostToken + "\"}");
            JsonObject welcome = host.await("joined");
            assertThat(welcome.getString("role")).isEqualTo("host");
            MediaConnection hostAudio = connect(hostAssignment, welcome, MediaType.AUDIO);
            MediaConnection hostVideo = connect(hostAssignment, welcome, MediaType.VIDEO);
            awaitParticipantsInTotal(1);

            // Three attendees, one after the other once the heartbeats count the last (capacity 2 is tight).
            for (String name : List.of("Ann", "Bob", "Cid")) {
                Inbox inbox = new Inbox();
                MeetingSession attendee = client.join(web(), webinar, name, null, inbox);
                assertThat(attendee.control().welcome().getString("role")).isEqualTo("attendee");
                attendees.add(attendee);
                inboxes.put(attendee, inbox);
                awaitParticipantsInTotal(1 + attendees.size());
                host.send("{\"type\":\"ping\"}"); // the raw control channel's keep-alive (60 s idle closes it)
            }
            List<MeetingSession> onOther = attendees.stream().filter(a -> a.assignment().router().equals(other))
                    .toList();
            assertThat(onOther).as("attendees spread to the router without the host: " + routersOf(attendees))
                    .hasSize(2);
            assertThat(onOther.get(0).assignment().reason()).contains("webinar attendee");
            for (JsonObject router : routers()) {
                assertThat(router.getInt("participants")).as(router.toString())
                        .isLessThanOrEqualTo(router.getInt("capacity"));
            }
            assertThat(cluster("web-1").getJsonObject("placements").getJsonArray(webinar)
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .toList()).as("the webinar's placement grew to both routers").containsExactlyInAnyOrder(home,
                            other);
            awaitCascadeLink(webinar, home, other);

            // Phase one: 100 audio and 100 video packets from the host reach every attendee once.
            Map<MeetingSession, Hearing> audio = new LinkedHashMap<>();
            Map<MeetingSession, Hearing> video = new LinkedHashMap<>();
            for (MeetingSession a : attendees) {
                audio.put(a, hear(a, MediaType.AUDIO));
                video.put(a, hear(a, MediaType.VIDEO));
            }
            Traffic before = traffic(home, other);
            try (StageSender stage = new StageSender(hostAudio, hostVideo, 0, PHASE_ONE_PACKETS)) {
                stage.finish();
            }
            Await.until(Duration.ofSeconds(10),
                    () -> attendees.stream()
                            .allMatch(a -> audio.get(a).from(AUDIO_SSRC, 0, PHASE_ONE_PACKETS) >= PHASE_ONE_PACKETS - 2
                                    && video.get(a).from(VIDEO_SSRC, 0, PHASE_ONE_PACKETS) >= PHASE_ONE_PACKETS - 2),
                    ok -> ok, "every attendee hearing the host's audio and video");
            Thread.sleep(500); // a duplicate would come right behind its original
            for (MeetingSession a : attendees) {
                String who = a.control().welcome().getString("participantId") + " on " + a.assignment().router();
                assertThat(audio.get(a).packets()).as(who + ": no audio packet twice")
                        .isEqualTo(audio.get(a).distinct());
                assertThat(video.get(a).packets()).as(who + ": no video packet twice")
                        .isEqualTo(video.get(a).distinct());
            }
            Traffic after = Await.until(Duration.ofSeconds(10), () -> traffic(home, other),
                    t -> t.otherIn(before, "audio") >= t.homeOut(before, "audio")
                            && t.otherIn(before, "video") >= t.homeOut(before, "video"),
                    "the link's far end counting what the near end sent");
            String crossings = String.format(java.util.Locale.ROOT,
                    "cascade %s -> %s: audio out %d in %d, video out %d in %d (host sent %d of each)", home, other,
                    after.homeOut(before, "audio"), after.otherIn(before, "audio"), after.homeOut(before, "video"),
                    after.otherIn(before, "video"), PHASE_ONE_PACKETS);
            System.out.println("WebinarAcrossRoutersIT: " + crossings);
            assertThat(after.homeOut(before, "audio")).as("each audio packet into the one link once: " + crossings)
                    .isEqualTo(PHASE_ONE_PACKETS);
            assertThat(after.homeOut(before, "video")).as(crossings).isEqualTo(PHASE_ONE_PACKETS);
            assertThat(after.otherIn(before, "audio")).as(crossings).isEqualTo(PHASE_ONE_PACKETS);
            assertThat(after.otherIn(before, "video")).as(crossings).isEqualTo(PHASE_ONE_PACKETS);

            // Q&A across routers: an attendee on the other router asks, the host (on the home router) sees it.
            MeetingSession asker = onOther.get(0);
            asker.control()
                    .send(Json.createObjectBuilder().add("type", "question").add("text", "Is this recorded?").build());
            JsonObject question = host.await(m -> "question".equals(m.getString("type", "")), "the question");
            assertThat(question.getString("text")).isEqualTo("Is this recorded?");
            assertThat(question.getString("from")).isEqualTo(asker.control().participantId());
            host.send("{\"type\":\"answer\",\"questionId\":" + question.getJsonNumber("id").longValue()
                    + ",\"text\":\"Yes.\",\"private\":true}");
            Await.until(Duration.ofSeconds(10), () -> inboxes.get(asker).answers(), n -> n == 1,
                    "the private answer at the asker on the other router");
            assertThat(attendees.stream().filter(a -> a != asker).mapToInt(a -> inboxes.get(a).answers()).sum())
                    .as("a private answer is the asker's").isZero();

            // Kill the router holding only attendees; they move to the host's router and hear the host again.
            host.send("{\"type\":\"ping\"}");
            try (StageSender stage = new StageSender(hostAudio, hostVideo, PHASE_ONE_PACKETS, 3000)) {
                Await.until(Duration.ofSeconds(10),
                        () -> onOther.stream()
                                .allMatch(a -> audio.get(a).from(AUDIO_SSRC, PHASE_ONE_PACKETS, 3000) > 0),
                        ok -> ok, "media before the kill");
                long killed = domain.kill(serverOf(other));
                long after100ms = killed + 100_000_000L;
                Await.until(Duration.ofSeconds(20), () -> onOther.stream().allMatch(
                        a -> audio.get(a).firstAfter(after100ms) > 0 && video.get(a).firstAfter(after100ms) > 0),
                        ok -> ok, "the moved attendees hearing the host again");
                List<Long> backMillis = new ArrayList<>();
                for (MeetingSession a : onOther) {
                    backMillis.add((Math.max(audio.get(a).firstAfter(after100ms), video.get(a).firstAfter(after100ms))
                            - killed) / 1_000_000L);
                    assertThat(a.assignment().router()).as("moved to the host's router").isEqualTo(home);
                }
                String figures = String.format(java.util.Locale.ROOT,
                        "kill -9 %s -> its attendees hear the host (audio and video) again on %s after %s ms; moves: %s%n",
                        other, home, backMillis, moves);
                java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("confero.test.server"))
                        .getParent().resolve("webinar-failover.txt"), figures);
                System.out.print("WebinarAcrossRoutersIT: " + figures);
                assertThat(backMillis).as(figures).allMatch(ms -> ms < 3000);
            }
            Thread.sleep(500); // the host stopped sending: what is in flight lands, then count
            for (MeetingSession a : attendees) {
                assertThat(audio.get(a).packets()).as("no duplicates after the move either")
                        .isEqualTo(audio.get(a).distinct());
                assertThat(video.get(a).packets()).isEqualTo(video.get(a).distinct());
            }
            for (MeetingSession a : attendees) {
                a.leave();
            }
            hostAudio.close();
            hostVideo.close();
        }
    }

    /** What a participant is told on its control channel: how many answers it saw. */
    private static final class Inbox implements ControlListener {
        private final AtomicInteger answers = new AtomicInteger();

        @Override
        public void onMessage(JsonObject message) {
            if ("answer".equals(message.getString("type", ""))) {
                answers.incrementAndGet();
            }
        }

        int answers() {
            return answers.get();
        }
    }

    /**
     * The host's test audio and video at 50 packets/s each on its own thread, sequence numbers from {@code first},
     * until closed or {@code count} of each are sent (bounded).
     */
    private static final class StageSender implements AutoCloseable {
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);

        StageSender(MediaConnection audio, MediaConnection video, int first, int count) {
            thread = new Thread(() -> {
                long next = System.nanoTime();
                for (int seq = first; seq < first + count && running.get(); seq++) {
                    try {
                        audio.send(TestPacket.build(111, AUDIO_SSRC, seq, System.currentTimeMillis() * 1000, 160));
                        video.send(TestPacket.build(96, VIDEO_SSRC, seq, System.currentTimeMillis() * 1000, 900));
                    } catch (java.io.IOException | RuntimeException e) {
                        // counted as not heard by the attendees
                    }
                    next += 20_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "webinar-stage");
            thread.setDaemon(true);
            thread.start();
        }

        void finish() throws InterruptedException {
            thread.join(120_000);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }

    /** The cascade counters of the host's router and of the other router at one moment. */
    private record Traffic(JsonObject home, JsonObject other) {
        long homeOut(Traffic since, String media) {
            return count(home, media, "packetsOut") - count(since.home, media, "packetsOut");
        }

        long otherIn(Traffic since, String media) {
            return count(other, media, "packetsIn") - count(since.other, media, "packetsIn");
        }

        private static long count(JsonObject traffic, String media, String field) {
            return traffic.containsKey(media) ? traffic.getJsonObject(media).getJsonNumber(field).longValue() : 0;
        }
    }

    private Traffic traffic(String home, String other) throws Exception {
        return new Traffic(cluster(serverOf(home)).getJsonObject("cascadeTraffic"),
                cluster(serverOf(other)).getJsonObject("cascadeTraffic"));
    }

    /** A media connection of the host with the credentials of its welcome, UDP first as every client. */
    private static MediaConnection connect(JsonObject assignment, JsonObject welcome, MediaType type) throws Exception {
        JsonObject media = assignment.getJsonObject("media");
        MediaConnector connector = new MediaConnector(MediaConnector.standardDialers(null, t -> 0),
                t -> Duration.ofSeconds(2));
        MediaOutcome outcome = connector.connect(List.of(Transport.UDP, Transport.TCP),
                new AssignmentView.MediaEndpoints(media.getString("host"), media.getInt("udpPort"),
                        media.getInt("tcpPort"), null),
                ConnectionSteps.credentials(welcome, type.name().toLowerCase(java.util.Locale.ROOT)), type);
        return outcome.connection().orElseThrow(() -> new AssertionError("host " + type + ": " + outcome.attempts()));
    }

    private static Hearing hear(MeetingSession session, MediaType type) {
        Hearing hearing = new Hearing();
        session.media(type).orElseThrow().deliverTo(hearing::accept);
        return hearing;
    }

    private static List<String> routersOf(List<MeetingSession> sessions) {
        return sessions.stream().map(s -> s.assignment().router()).toList();
    }

    private String createWebinar() throws Exception {
        HttpResponse<String> created = http.send("POST", URI.create(domain.http("web-1") + "/api/v1/meetings"),
                "{\"topic\":\"all hands\",\"durationMinutes\":30,\"webinar\":true}", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getString("id");
    }

    private ClientOptions options() {
        return ClientOptions.builder().trustStore(domain.certificate(), new char[0]).proxy(Optional.empty()).build();
    }

    private URI web() {
        return URI.create(domain.https("web-1"));
    }

    /** The heartbeats count every participant with bound media; until they do, a controller still sees room. */
    private void awaitParticipantsInTotal(int participants) throws Exception {
        Await.until(Duration.ofSeconds(15), () -> routers().stream().mapToInt(r -> r.getInt("participants")).sum(),
                n -> n == participants, participants + " participants in the routers' heartbeats");
    }

    private List<JsonObject> routers() throws Exception {
        return cluster("web-1").getJsonArray("routers").stream().map(JsonValue::asJsonObject).toList();
    }

    /** The router whose name sorts first dials the link; it reports it. */
    private void awaitCascadeLink(String meeting, String a, String b) throws Exception {
        String dialler = a.compareTo(b) < 0 ? a : b;
        String peer = dialler.equals(a) ? b : a;
        Await.until(Duration.ofSeconds(15), () -> {
            JsonObject links = cluster(serverOf(dialler)).getJsonObject("cascadeLinks");
            return links.containsKey(meeting) && links.getJsonArray(meeting).getString(0).equals(peer);
        }, ok -> ok, "cascade link " + dialler + " -> " + peer + " for webinar " + meeting);
    }

    private JsonObject cluster(String server) throws Exception {
        HttpResponse<String> view = http.send("GET", URI.create(domain.http(server) + "/api/v1/cluster"), null,
                "Authorization", admin);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        return Http.json(view);
    }

    /** A router's node name is {@code <host>:<server>} ({@code primary:mmr-1}); the domain knows servers. */
    private static String serverOf(String node) {
        return node.substring(node.indexOf(':') + 1);
    }
}
