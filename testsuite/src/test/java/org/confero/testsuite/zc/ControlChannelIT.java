package org.confero.testsuite.zc;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.ControlClient;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.UdpMediaClient;
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
 * The control channel with several real clients: waiting room and admission, roster events, chat, mute rules, bad
 * messages, resume after a dropped connection, removal (media stops being forwarded) and the end of the meeting.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ControlChannelIT {

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private URI api;
    private URI control;
    private String admin;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        URI endpoint = base.toURI().resolve("/api/v1/mmr/control");
        control = URI.create("ws://" + endpoint.getHost() + ":" + endpoint.getPort() + endpoint.getPath());
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
    }

    @Test
    @Timeout(120)
    void aMeetingRunsOnTheControlChannel() throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"),
                "{\"topic\":\"Control\",\"waitingRoom\":true}", "Authorization", admin);
        String meeting = Http.json(created).getString("id");
        String hostToken = lookup(meeting, "Hana", true);
        String annToken = lookup(meeting, "Ann", false);
        String bobToken = lookup(meeting, "Bob", false);

        try (ControlClient host = new ControlClient(control); ControlClient ann = new ControlClient(control);
                ControlClient bob = new ControlClient(control)) {
            // Bad input first: answered with errors, nothing changes.
            host.send("not json");
            assertThat(host.await("error").getString("code")).isEqualTo("invalid-message");
            host.send("{\"type\":\"chat\",\"text\":\"too early\"}");
            assertThat(host.await("error").getString("code")).isEqualTo("unauthenticated");
            host.send("{\"type\":\"join\",\"joinToken\":\"forged.token\"}");
            assertThat(host.await("error").getString("code")).isEqualTo("unauthenticated");

            host.send(join(hostToken));
            JsonObject hostJoined = host.await("joined");
            assertThat(hostJoined.getString("role")).isEqualTo("host");

            // The waiting room holds attendees until the host admits them.
            ann.send(join(annToken));
            JsonObject annWaiting = ann.await("waiting");
            String annId = annWaiting.getString("participantId");
            host.awaitRoster("waiting", annId);
            host.send("{\"type\":\"admit\",\"participantId\":\"" + annId + "\"}");
            JsonObject annAdmitted = ann.await("admitted");
            assertThat(annAdmitted.getJsonArray("roster")).hasSize(2);
            bob.send(join(bobToken));
            String bobId = bob.await("waiting").getString("participantId");
            host.send("{\"type\":\"admit\",\"participantId\":\"" + bobId + "\"}");
            JsonObject bobAdmitted = bob.await("admitted");
            ann.awaitRoster("joined", bobId);

            // Chat reaches everyone; mute rules hold.
            ann.send("{\"type\":\"chat\",\"text\":\"hello all\"}");
            assertThat(bob.await("chat").getString("text")).isEqualTo("hello all");
            assertThat(host.await("chat").getString("name")).isEqualTo("Ann");
            bob.send("{\"type\":\"mute\",\"participantId\":\"" + annId + "\",\"media\":\"audio\",\"muted\":true}");
            assertThat(bob.await("error").getString("code")).isEqualTo("forbidden");
            host.send("{\"type\":\"mute\",\"participantId\":\"" + bobId + "\",\"media\":\"audio\",\"muted\":true}");
            assertThat(bob.awaitRoster("updated", bobId).getJsonObject("participant").getBoolean("audioMuted"))
                    .isTrue();
            ann.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(3000) + "\"}");
            assertThat(ann.await("error").getString("code")).isEqualTo("invalid-message");
            ann.send("{\"type\":\"" + "y".repeat(9000) + "\"}");
            assertThat(ann.await("error").getString("code")).isEqualTo("message-too-large");

            // Media: Ann and Bob bind over UDP with the credentials their admission brought.
            assertThat(annWaiting.containsKey("media")).as("no media in the waiting room").isFalse();
            MediaCredentials annMedia = ConnectionSteps.credentials(annAdmitted, "audio");
            MediaCredentials bobMedia = ConnectionSteps.credentials(bobAdmitted, "audio");
            InetSocketAddress udp = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.getInteger("confero.test.media.port", 8901));
            try (UdpMediaClient annUdp = new UdpMediaClient(udp, annMedia, MediaType.AUDIO);
                    UdpMediaClient bobUdp = new UdpMediaClient(udp, bobMedia, MediaType.AUDIO)) {
                annUdp.bind();
                bobUdp.bind();
                byte[] rtp = { (byte) 0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 3, 9 };
                annUdp.send(rtp);
                assertThat(bobUdp.receiveMedia(3000)).hasValue(rtp);

                // Removal: Bob is told, closed, and his media is no longer forwarded.
                host.send("{\"type\":\"remove\",\"participantId\":\"" + bobId + "\"}");
                bob.await("removed");
                assertThat(bob.closedWithin(5000)).isTrue();
                ann.awaitRoster("left", bobId);
                annUdp.send(rtp);
                assertThat(bobUdp.receiveMedia(1000)).isEmpty();
            }

            // Resume: Ann's connection drops; she comes back without a new join.
            ann.abort();
            host.awaitRoster("updated", annId);
            try (ControlClient annAgain = new ControlClient(control)) {
                annAgain.send("{\"type\":\"resume\",\"meetingId\":\"" + meeting + "\",\"participantId\":\"" + annId
                        + "\",\"sessionId\":\"" + annAdmitted.getString("sessionId") + "\",\"resumeToken\":\""
                        + annAdmitted.getString("resumeToken") + "\"}");
                annAgain.await("resumed");

                // The host ends the meeting: everyone is told, and the lookup refuses it from now on.
                host.send("{\"type\":\"end\"}");
                annAgain.await("ended");
                assertThat(annAgain.closedWithin(5000)).isTrue();
            }
            HttpResponse<String> after = http.send("GET", api.resolve("meetings/" + meeting + "/join-info"), null);
            assertThat(after.statusCode()).isEqualTo(409);
        }
    }

    private String lookup(String meeting, String name, boolean asHost) throws Exception {
        HttpResponse<String> info = asHost
                ? http.send("GET", api.resolve("meetings/" + meeting + "/join-info?name=" + name), null,
                        "Authorization", admin)
                : http.send("GET", api.resolve("meetings/" + meeting + "/join-info?name=" + name), null);
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return Http.json(info).getString("joinToken");
    }

    private static String join(String token) {
        return "{\"type\":\"join\",\"joinToken\":\"" + token + "\"}";
    }
}
