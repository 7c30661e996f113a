package org.confero.testsuite.zc;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.UdpMediaClient;
import org.confero.testsuite.support.WebSocketMediaClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection process as a client runs it, against the real server: lookup → zone controller assignment → control
 * channel (which hands the admitted participant its media credentials) → media binding on the assigned router's UDP
 * port → media both ways.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectionProcessIT {

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private URI api;
    private String admin;
    private ConnectionSteps steps;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        steps = new ConnectionSteps(http, api, admin);
    }

    @Test
    @Timeout(90)
    void lookupAssignmentAndMediaBindingLetTwoParticipantsExchangeMedia() throws Exception {
        String meeting = steps.newMeeting("Media");
        String aliceToken = steps.joinToken(meeting, "Alice");
        String bobToken = steps.joinToken(meeting, "Bob");
        JsonObject alice = steps.assign(aliceToken);
        JsonObject bob = steps.assign(bobToken);

        assertThat(alice.getString("router")).isEqualTo(bob.getString("router"));
        assertThat(alice.getString("controlUrl")).startsWith("wss://").endsWith("/api/v1/mmr/control");
        assertThat(alice.getJsonObject("media").getString("wssUrl")).startsWith("wss://").endsWith("/api/v1/mmr/media");
        assertThat(alice.getJsonObject("credentials")).as("a join token alone gets no media").isEmpty();
        assertThat(alice.getString("participantId")).isNotEqualTo(bob.getString("participantId"));
        JsonObject endpoints = alice.getJsonObject("media");
        InetSocketAddress udp = new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoints.getInt("udpPort"));
        URI control = ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control");
        try (ConnectionSteps.Joined aliceIn = ConnectionSteps.join(control, aliceToken);
                ConnectionSteps.Joined bobIn = ConnectionSteps.join(control, bobToken);
                UdpMediaClient a = new UdpMediaClient(udp, aliceIn.credentials("audio"), MediaType.AUDIO);
                UdpMediaClient b = new UdpMediaClient(udp, bobIn.credentials("audio"), MediaType.AUDIO)) {
            assertThat(aliceIn.welcome().getJsonObject("media").keySet()).containsExactlyInAnyOrder("audio", "video",
                    "content");
            a.bind();
            b.bind();
            byte[] rtp = { (byte) 0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9, 42, 43 };
            a.send(rtp);
            assertThat(b.receiveMedia(3000)).hasValue(rtp);
            b.send(rtp);
            assertThat(a.receiveMedia(3000)).hasValue(rtp);
        }
    }

    @Test
    @Timeout(90)
    void mediaOverWebSocketReachesUdpParticipantsAndBack() throws Exception {
        String meeting = steps.newMeeting("Media");
        String aliceToken = steps.joinToken(meeting, "Alice");
        String bobToken = steps.joinToken(meeting, "Bob");
        JsonObject alice = steps.assign(aliceToken);
        steps.assign(bobToken);
        InetSocketAddress udp = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                alice.getJsonObject("media").getInt("udpPort"));
        URI ws = ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/media");
        URI control = ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control");

        try (ConnectionSteps.Joined aliceIn = ConnectionSteps.join(control, aliceToken);
                ConnectionSteps.Joined bobIn = ConnectionSteps.join(control, bobToken);
                UdpMediaClient a = new UdpMediaClient(udp, aliceIn.credentials("video"), MediaType.VIDEO);
                WebSocketMediaClient b = new WebSocketMediaClient(ws)) {
            a.bind();
            assertThat(b.authenticate(bobIn.credentials("video"))).hasValueSatisfying(
                    bound -> assertThat(bound).contains("\"type\":\"bound\"").contains("\"mediaType\":\"video\""));
            byte[] fromUdp = { (byte) 0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 1, 2, 3 };
            a.send(fromUdp);
            assertThat(b.receive(3000)).hasValue(fromUdp);
            byte[] fromWebSocket = { (byte) 0x80, 96, 0, 2, 0, 0, 0, 2, 0, 0, 0, 8, 4, 5, 6 };
            b.send(fromWebSocket);
            assertThat(a.receiveMedia(3000)).hasValue(fromWebSocket);
        }
    }

    @Test
    @Timeout(60)
    void aWebSocketWithForgedCredentialsIsClosedWithoutMedia() throws Exception {
        URI wss = base.toURI().resolve("/api/v1/mmr/media");
        try (WebSocketMediaClient forged = new WebSocketMediaClient(
                URI.create("ws://" + wss.getHost() + ":" + wss.getPort() + wss.getPath()))) {
            forged.authenticate(new MediaCredentials("forged.token", "nope"));
            assertThat(forged.closedWith(5000)).as("closed for a policy violation").hasValue(1008);
        }
    }

    @Test
    @Timeout(120)
    void aBurstOfJoinsToOneNewMeetingLandsOnOneRouter() throws Exception {
        String meeting = steps.newMeeting("Media");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(steps.joinToken(meeting, "P" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<JsonObject>> answers = new ArrayList<>();
            for (String token : tokens) {
                answers.add(pool.submit(() -> steps.assign(token)));
            }
            Set<String> routers = new HashSet<>();
            Set<String> participants = new HashSet<>();
            for (Future<JsonObject> answer : answers) {
                JsonObject assignment = answer.get(60, TimeUnit.SECONDS);
                routers.add(assignment.getString("router"));
                participants.add(assignment.getString("participantId"));
            }
            assertThat(routers).hasSize(1);
            assertThat(participants).hasSize(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(30)
    void aForgedJoinTokenIsRefused() throws Exception {
        HttpResponse<String> answer = http.send("POST", api.resolve("zc/assign"), "{\"joinToken\":\"abc.def\"}");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(Http.json(answer).getString("type")).endsWith("/unauthenticated");
    }
}
