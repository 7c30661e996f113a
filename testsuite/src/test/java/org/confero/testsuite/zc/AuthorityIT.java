package org.confero.testsuite.zc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.health.DatabaseHangServlet;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.ConnectionSteps.Joined;
import org.confero.testsuite.support.ControlClient;
import org.confero.testsuite.support.DatabaseHoldingServlet;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.UdpMediaClient;
import org.confero.testsuite.support.WebSocketMediaClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Meeting authority on every path (issue 18), tried as an attacker would against the real server: each test is one
 * attack, and asserts both the refusal and that the victim's state is unchanged. The test server allows
 * {@code confero.meeting.max.participants=10} and lets a meeting without participants go after
 * {@code confero.control.empty.meeting.grace.seconds=10} (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorityIT {

    private static final int MAX_PARTICIPANTS = 10;
    private static final byte[] RTP = { (byte) 0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 3, 9 };

    @ArquillianResource
    @OperateOnDeployment("confero")
    private URL base;

    private final Http http = new Http();
    private URI api;
    private URI control;
    private URI mediaSocket;
    private InetSocketAddress udp;
    private String admin;
    private ConnectionSteps steps;

    @Deployment(name = "confero", order = 1, testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    /** The database-hang fixture, for the chat that waits on a database that stopped answering. */
    @Deployment(name = "faults", order = 2, testable = false)
    static WebArchive faults() {
        return ShrinkWrap.create(WebArchive.class, "authority-faults.war").addClasses(DatabaseHangServlet.class,
                DatabaseHoldingServlet.class);
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        control = ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control");
        mediaSocket = ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/media");
        udp = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.getInteger("confero.test.media.port", 8901));
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        steps = new ConnectionSteps(http, api, admin);
    }

    @Test
    @Timeout(60)
    void aResumeWithOwnSessionButTheHostsIdIsRefusedAndTheHostKeepsItsSeat() throws Exception {
        String meeting = steps.newMeeting("Impersonation");
        try (Joined host = ConnectionSteps.join(control, hostToken(meeting));
                Joined mallory = ConnectionSteps.join(control, steps.joinToken(meeting, "Mallory"))) {
            String malloryId = mallory.participantId();
            host.control().awaitRoster("joined", malloryId);
            mallory.control().abort();
            host.control().awaitRoster("updated", malloryId);

            try (ControlClient forged = new ControlClient(control)) {
                forged.send(resume(meeting, host.participantId(), mallory.welcome()));
                assertThat(forged.await("error").getString("code")).isEqualTo("resume-failed");
                forged.send("{\"type\":\"mute\",\"participantId\":\"" + host.participantId()
                        + "\",\"media\":\"audio\",\"muted\":true}");
                assertThat(forged.await("error").getString("code")).as("still nobody").isEqualTo("unauthenticated");
                forged.send("{\"type\":\"end\"}");
                assertThat(forged.await("error").getString("code")).isEqualTo("unauthenticated");
            }

            host.control().send("{\"type\":\"chat\",\"text\":\"still the host\"}");
            assertThat(host.control().await("chat").getString("from")).isEqualTo(host.participantId());
            JsonObject roster = rosterOf(meeting, host);
            assertThat(roster.toString()).contains("\"state\":\"in_meeting\"").doesNotContain("\"audioMuted\":true");

            try (ControlClient own = new ControlClient(control)) {
                own.send(resume(meeting, malloryId, mallory.welcome()));
                assertThat(own.await("resumed").getString("participantId")).as("her own seat she resumes")
                        .isEqualTo(malloryId);
            }
        }
    }

    @Test
    @Timeout(60)
    void aJoinTokenAloneOrTheWaitingRoomGetsNoMedia() throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"),
                "{\"topic\":\"Waiting\",\"waitingRoom\":true}", "Authorization", admin);
        String meeting = Http.json(created).getString("id");
        String eveToken = steps.joinToken(meeting, "Eve");

        JsonObject assignment = steps.assign(eveToken);
        assertThat(assignment.getJsonObject("credentials")).as("the zone controller issues no media").isEmpty();

        try (Joined host = ConnectionSteps.join(control, hostToken(meeting));
                ControlClient eve = new ControlClient(control)) {
            eve.send(join(eveToken));
            JsonObject waiting = eve.await("waiting");
            assertThat(waiting.containsKey("media")).isFalse();
            eve.send("{\"type\":\"media-credentials\"}");
            assertThat(eve.await("error").getString("code")).isEqualTo("forbidden");

            // The host's media still flows to nobody but admitted participants.
            try (UdpMediaClient hostUdp = new UdpMediaClient(udp, host.credentials("audio"), MediaType.AUDIO)) {
                hostUdp.bind();
                hostUdp.send(RTP);
            }
            host.control().awaitRoster("waiting", waiting.getString("participantId"));
            assertThat(rosterOf(meeting, host).getJsonArray("roster")).hasSize(1);
        }
    }

    @Test
    @Timeout(90)
    void credentialsRevokedByLeaveBindOnNoTransport() throws Exception {
        String meeting = steps.newMeeting("Revoked");
        String bobToken = steps.joinToken(meeting, "Bob");
        AssignmentView.MediaEndpoints endpoints = endpoints(steps.assign(bobToken));
        try (Joined ann = ConnectionSteps.join(control, steps.joinToken(meeting, "Ann"));
                UdpMediaClient annUdp = new UdpMediaClient(udp, ann.credentials("audio"), MediaType.AUDIO)) {
            annUdp.bind();
            MediaCredentials bobAudio;
            try (Joined bob = ConnectionSteps.join(control, bobToken)) {
                bobAudio = bob.credentials("audio");
                bob.control().send("{\"type\":\"leave\"}");
                ann.control().awaitRoster("left", bob.participantId());
            }

            try (UdpMediaClient bobUdp = new UdpMediaClient(udp, bobAudio, MediaType.AUDIO)) {
                assertThatThrownBy(bobUdp::bind).as("UDP").isInstanceOf(IOException.class);
            }
            MediaOutcome tcp = connector().connect(List.of(Transport.TCP), endpoints, bobAudio, MediaType.AUDIO);
            assertThat(tcp.connection()).as("TCP: %s", tcp.attempts()).isEmpty();
            try (WebSocketMediaClient bobSocket = new WebSocketMediaClient(mediaSocket)) {
                assertThat(bobSocket.authenticate(bobAudio)).as("WebSocket").isEmpty();
                assertThat(bobSocket.closedWith(5000)).hasValue(1008);
            }

            // Ann, who is still in the meeting, still gets media from those in it.
            try (Joined cid = ConnectionSteps.join(control, steps.joinToken(meeting, "Cid"));
                    UdpMediaClient cidUdp = new UdpMediaClient(udp, cid.credentials("audio"), MediaType.AUDIO)) {
                cidUdp.bind();
                cidUdp.send(RTP);
                assertThat(annUdp.receiveMedia(3000)).hasValue(RTP);
            }
        }
    }

    @Test
    @Timeout(90)
    void removalStopsMediaOnEveryTransportAtOnceAndTheTokenWaitsForTheHost() throws Exception {
        String meeting = steps.newMeeting("Removal");
        String bobToken = steps.joinToken(meeting, "Bob");
        try (Joined host = ConnectionSteps.join(control, hostToken(meeting));
                Joined bob = ConnectionSteps.join(control, bobToken);
                UdpMediaClient hostUdp = new UdpMediaClient(udp, host.credentials("audio"), MediaType.AUDIO);
                UdpMediaClient bobUdp = new UdpMediaClient(udp, bob.credentials("audio"), MediaType.AUDIO);
                WebSocketMediaClient bobVideo = new WebSocketMediaClient(mediaSocket);
                UdpMediaClient hostVideo = new UdpMediaClient(udp, host.credentials("video"), MediaType.VIDEO)) {
            hostUdp.bind();
            bobUdp.bind();
            hostVideo.bind();
            assertThat(bobVideo.authenticate(bob.credentials("video"))).isPresent();
            hostUdp.send(RTP);
            assertThat(bobUdp.receiveMedia(3000)).hasValue(RTP);
            hostVideo.send(RTP);
            assertThat(bobVideo.receive(3000)).hasValue(RTP);

            host.control().send("{\"type\":\"remove\",\"participantId\":\"" + bob.participantId() + "\"}");
            bob.control().await("removed");
            assertThat(bobVideo.closedWith(1000)).as("the router closes the WebSocket media at once").hasValue(1008);
            hostUdp.send(RTP);
            assertThat(bobUdp.receiveMedia(1000)).as("UDP stops within 1 s").isEmpty();

            // The same join token comes back: it waits for the host, without media.
            try (ControlClient again = new ControlClient(control)) {
                again.send(join(bobToken));
                JsonObject waiting = again.await("waiting");
                assertThat(waiting.getString("reason")).isEqualTo("removed");
                assertThat(waiting.containsKey("media")).isFalse();
                host.control().awaitRoster("waiting", bob.participantId());
                assertThat(rosterOf(meeting, host).getJsonArray("roster")).hasSize(1);

                host.control().send("{\"type\":\"admit\",\"participantId\":\"" + bob.participantId() + "\"}");
                JsonObject admitted = again.await("admitted");
                try (UdpMediaClient readmitted = new UdpMediaClient(udp, ConnectionSteps.credentials(admitted, "audio"),
                        MediaType.AUDIO)) {
                    readmitted.bind();
                    hostUdp.send(RTP);
                    assertThat(readmitted.receiveMedia(3000)).as("admitted again by the host").hasValue(RTP);
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void aJoinTokenThatLeftIsSpent() throws Exception {
        String meeting = steps.newMeeting("Left");
        String annToken = steps.joinToken(meeting, "Ann");
        try (Joined host = ConnectionSteps.join(control, hostToken(meeting))) {
            try (Joined ann = ConnectionSteps.join(control, annToken)) {
                ann.control().send("{\"type\":\"leave\"}");
                host.control().awaitRoster("left", ann.participantId());
            }
            try (ControlClient again = new ControlClient(control)) {
                again.send(join(annToken));
                assertThat(again.await("error").getString("code")).isEqualTo("left");
                assertThat(again.closedWithin(5000)).isTrue();
            }
            assertThat(rosterOf(meeting, host).getJsonArray("roster")).hasSize(1);
        }
    }

    @Test
    @Timeout(90)
    void endedAndDeletedMeetingsGetNoRouterAndTheirMediaStops() throws Exception {
        String ended = steps.newMeeting("Ended");
        String lateToken = steps.joinToken(ended, "Late");
        try (Joined host = ConnectionSteps.join(control, hostToken(ended));
                Joined ann = ConnectionSteps.join(control, steps.joinToken(ended, "Ann"));
                UdpMediaClient hostUdp = new UdpMediaClient(udp, host.credentials("audio"), MediaType.AUDIO);
                UdpMediaClient annUdp = new UdpMediaClient(udp, ann.credentials("audio"), MediaType.AUDIO)) {
            hostUdp.bind();
            annUdp.bind();
            host.control().send("{\"type\":\"end\"}");
            ann.control().await("ended");
            hostUdp.send(RTP);
            assertThat(annUdp.receiveMedia(1000)).isEmpty();
        }
        HttpResponse<String> afterEnd = http.send("POST", api.resolve("zc/assign"),
                "{\"joinToken\":\"" + lateToken + "\"}");
        assertThat(afterEnd.statusCode()).isEqualTo(409);
        assertThat(Http.json(afterEnd).getString("type")).endsWith("/meeting-ended");

        String deleted = steps.newMeeting("Deleted");
        String laterToken = steps.joinToken(deleted, "Later");
        try (Joined ann = ConnectionSteps.join(control, steps.joinToken(deleted, "Ann"));
                Joined bob = ConnectionSteps.join(control, steps.joinToken(deleted, "Bob"));
                UdpMediaClient annUdp = new UdpMediaClient(udp, ann.credentials("audio"), MediaType.AUDIO);
                WebSocketMediaClient bobSocket = new WebSocketMediaClient(mediaSocket)) {
            annUdp.bind();
            assertThat(bobSocket.authenticate(bob.credentials("audio"))).isPresent();
            annUdp.send(RTP);
            assertThat(bobSocket.receive(3000)).hasValue(RTP);

            HttpResponse<String> gone = http.send("DELETE", api.resolve("meetings/" + deleted), null, "Authorization",
                    admin);
            assertThat(gone.statusCode()).isEqualTo(204);

            bob.control().await("ended");
            assertThat(bobSocket.closedWith(1000)).as("WebSocket media closed at once").hasValue(1008);
            assertThat(bob.control().closedWithin(5000)).isTrue();
        }
        HttpResponse<String> afterDelete = http.send("POST", api.resolve("zc/assign"),
                "{\"joinToken\":\"" + laterToken + "\"}");
        assertThat(afterDelete.statusCode()).isEqualTo(404);
        assertThat(afterDelete.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    @Timeout(90)
    void pastTheParticipantLimitTheNextJoinIsRefusedAndTheOthersStay() throws Exception {
        String meeting = steps.newMeeting("Full");
        List<Joined> in = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_PARTICIPANTS; i++) {
                in.add(ConnectionSteps.join(control, steps.joinToken(meeting, "P" + i)));
            }
            try (ControlClient extra = new ControlClient(control)) {
                extra.send(join(steps.joinToken(meeting, "Extra")));
                JsonObject refused = extra.await("error");
                assertThat(refused.getString("code")).isEqualTo("meeting-full");
                assertThat(refused.getString("message")).contains(String.valueOf(MAX_PARTICIPANTS));
                assertThat(extra.closedWithin(5000)).isTrue();
            }
            try (Joined host = ConnectionSteps.join(control, hostToken(meeting))) {
                assertThat(host.welcome().getJsonArray("roster")).as("a host always gets in")
                        .hasSize(MAX_PARTICIPANTS + 1);
            }
            in.get(0).control().send("{\"type\":\"ping\"}");
            assertThat(in.get(0).control().await("pong")).isNotNull();
        } finally {
            in.forEach(Joined::close);
        }
    }

    @Test
    @Timeout(90)
    void aChatWaitingOnAHungDatabaseDoesNotStallTheRoom(@ArquillianResource @OperateOnDeployment("faults") URL faults)
            throws Exception {
        String meeting = steps.newMeeting("Slow database");
        try (Joined host = ConnectionSteps.join(control, hostToken(meeting));
                Joined ann = ConnectionSteps.join(control, steps.joinToken(meeting, "Ann"))) {
            host.control().awaitRoster("joined", ann.participantId());
            HttpResponse<String> hung = http.post(faults.toURI().resolve("hang-database?seconds=6"));
            assertThat(hung.statusCode()).isEqualTo(202);

            long start = System.nanoTime();
            ann.control().send("{\"type\":\"chat\",\"text\":\"stored once the database is back\"}");
            host.control().send("{\"type\":\"mute\",\"participantId\":\"" + ann.participantId()
                    + "\",\"media\":\"audio\",\"muted\":true}");
            JsonObject muted = ann.control().awaitRoster("updated", ann.participantId());
            long muteMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(muted.getJsonObject("participant").getBoolean("audioMuted")).isTrue();
            assertThat(muteMillis).as("the host's mute went through while the chat waited").isLessThan(3000);
            JsonObject chat = awaitLong(host.control(), "chat", 20);
            assertThat(chat.getString("text")).isEqualTo("stored once the database is back");
        }
    }

    @Test
    @Timeout(90)
    void aMeetingThatEmptiesIsLetGoAndItsOldCredentialsStayRefusedWhenItReopens() throws Exception {
        String meeting = steps.newMeeting("Emptied");
        String annToken = steps.joinToken(meeting, "Ann");
        steps.assign(annToken);
        MediaCredentials old;
        try (Joined ann = ConnectionSteps.join(control, annToken);
                UdpMediaClient annUdp = new UdpMediaClient(udp, ann.credentials("audio"), MediaType.AUDIO)) {
            annUdp.bind();
            old = ann.credentials("video");
            ann.control().send("{\"type\":\"leave\"}");
            assertThat(ann.control().closedWithin(5000)).isTrue();
        }
        assertThat(placementOf(meeting)).as("placed while in use").isPresent();

        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (placementOf(meeting).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertThat(placementOf(meeting)).as("let go after the grace period").isEmpty();

        // The next participant places it anew; credentials from before it was let go bind nowhere.
        String bobToken = steps.joinToken(meeting, "Bob");
        steps.assign(bobToken);
        try (Joined bob = ConnectionSteps.join(control, bobToken);
                UdpMediaClient bobUdp = new UdpMediaClient(udp, bob.credentials("video"), MediaType.VIDEO);
                UdpMediaClient stale = new UdpMediaClient(udp, old, MediaType.VIDEO)) {
            bobUdp.bind();
            assertThatThrownBy(stale::bind).as("issued before the close").isInstanceOf(IOException.class);
        }
    }

    /** The routers the meeting is placed on, from the admin's cluster view; empty when it has no placement. */
    private java.util.Optional<JsonObject> placementOf(String meeting) throws Exception {
        HttpResponse<String> cluster = http.send("GET", api.resolve("cluster"), null, "Authorization", admin);
        assertThat(cluster.statusCode()).as(cluster.body()).isEqualTo(200);
        JsonObject placements = Http.json(cluster).getJsonObject("placements");
        return placements.containsKey(meeting) ? java.util.Optional.of(placements) : java.util.Optional.empty();
    }

    /**
     * The meeting's roster as a newly joined host sees it, without that host: the control channel has no roster
     * request, so a second host joins, reads its welcome, and leaves again.
     */
    private JsonObject rosterOf(String meeting, Joined participant) throws Exception {
        try (Joined look = ConnectionSteps.join(control, hostToken(meeting))) {
            jakarta.json.JsonArrayBuilder others = jakarta.json.Json.createArrayBuilder();
            look.welcome().getJsonArray("roster").getValuesAs(JsonObject.class).stream()
                    .filter(p -> !p.getString("id").equals(look.participantId())).forEach(others::add);
            look.control().send("{\"type\":\"leave\"}");
            participant.control().awaitRoster("left", look.participantId());
            return jakarta.json.Json.createObjectBuilder().add("roster", others).build();
        }
    }

    private static JsonObject awaitLong(ControlClient client, String type, int seconds) throws InterruptedException {
        AssertionError last = null;
        for (int i = 0; i < seconds / 5 + 1; i++) {
            try {
                return client.await(type);
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    private String hostToken(String meeting) throws Exception {
        HttpResponse<String> info = http.send("GET", api.resolve("meetings/" + meeting + "/join-info?name=Hana"), null,
                "Authorization", admin);
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return Http.json(info).getString("joinToken");
    }

    private static MediaConnector connector() {
        return new MediaConnector(MediaConnector.standardDialers(HttpClient.newHttpClient(), type -> 0),
                transport -> Duration.ofSeconds(2));
    }

    private static AssignmentView.MediaEndpoints endpoints(JsonObject assignment) {
        JsonObject media = assignment.getJsonObject("media");
        return new AssignmentView.MediaEndpoints(media.getString("host"), media.getInt("udpPort"),
                media.getInt("tcpPort"), media.getString("wssUrl"));
    }

    private static String join(String token) {
        return "{\"type\":\"join\",\"joinToken\":\"" + token + "\"}";
    }

    private static String resume(String meeting, String participantId, JsonObject welcome) {
        return "{\"type\":\"resume\",\"meetingId\":\"" + meeting + "\",\"participantId\":\"" + participantId
                + "\",\"sessionId\":\"" + welcome.getString("sessionId") + "\",\"resumeToken\":\""
                + welcome.getString("resumeToken") + "\"}";
    }
}
