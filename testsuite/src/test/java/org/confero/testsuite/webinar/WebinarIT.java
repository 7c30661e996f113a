package org.confero.testsuite.webinar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.cli.ExitCode;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaOutcome;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.ConnectionSteps.Joined;
import org.confero.testsuite.support.ControlClient;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.InProcessCli;
import org.confero.testsuite.support.LoopbackServer;
import org.confero.testsuite.support.UdpMediaClient;
import org.confero.testsuite.support.WebSocketMediaClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webinars (issue 23) against the real server on loopback: attendees receive only — the relay refuses and counts
 * whatever they send, on UDP and WebSocket — are counted rather than listed, ask questions that reach the stage only,
 * and are refused clearly past the webinar's capacity; a host promotes an attendee live (it sends within a second,
 * without rejoining) and demotes it again (its media stops at once).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebinarIT {

    @ArquillianResource
    @OperateOnDeployment("confero")
    private URL base;

    @ArquillianResource
    @OperateOnDeployment("relay-drops")
    private URL drops;

    private final Http http = new Http();
    private URI api;
    private URI control;
    private URI mediaSocket;
    private InetSocketAddress udp;
    private String admin;

    @Deployment(name = "confero", order = 1, testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    /** Reads the relay's drop counters; sees the EAR's media API through a module dependency. */
    @Deployment(name = "relay-drops", order = 2, testable = false)
    static WebArchive relayDrops() {
        return ShrinkWrap.create(WebArchive.class, "webinar-relay-drops.war").addClasses(RelayDropsServlet.class)
                .addAsWebInfResource(new StringAsset("""
                        <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.2">
                            <deployment>
                                <dependencies>
                                    <module name="deployment.confero.ear"/>
                                </dependencies>
                            </deployment>
                        </jboss-deployment-structure>
                        """), "jboss-deployment-structure.xml");
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        control = ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control");
        mediaSocket = ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/media");
        udp = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.getInteger("confero.test.media.port", 8901));
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
    }

    @Test
    @Timeout(60)
    void anAttendeeReceivesTheStageButWhatItSendsIsRefusedAndCountedAndItIsNotInTheRoster() throws Exception {
        String webinar = newWebinar("{\"topic\":\"All hands\",\"webinar\":true}");
        try (Joined host = ConnectionSteps.join(control, hostToken(webinar));
                Joined attendee = ConnectionSteps.join(control, guestToken(webinar, "Ann"))) {
            assertThat(attendee.welcome().getString("role")).isEqualTo("attendee");
            assertThat(attendee.welcome().getBoolean("canSend")).isFalse();
            assertThat(attendee.welcome().getJsonArray("roster").getValuesAs(JsonObject.class))
                    .extracting(p -> p.getString("id")).containsExactly(host.participantId());
            JsonObject count = host.control().await(
                    m -> "attendees".equals(m.getString("type", null)) || "roster".equals(m.getString("type", null)),
                    "the attendee count, not a roster event");
            assertThat(count.getString("type")).isEqualTo("attendees");
            assertThat(count.getInt("count")).isEqualTo(1);

            try (UdpMediaClient hostAudio = new UdpMediaClient(udp, host.credentials("audio"), MediaType.AUDIO);
                    UdpMediaClient attendeeAudio = new UdpMediaClient(udp, attendee.credentials("audio"),
                            MediaType.AUDIO);
                    WebSocketMediaClient hostVideo = new WebSocketMediaClient(mediaSocket);
                    WebSocketMediaClient attendeeVideo = new WebSocketMediaClient(mediaSocket)) {
                hostAudio.bind();
                attendeeAudio.bind();
                assertThat(hostVideo.authenticate(host.credentials("video")))
                        .hasValueSatisfying(bound -> assertThat(bound).contains("\"type\":\"bound\""));
                assertThat(attendeeVideo.authenticate(attendee.credentials("video")))
                        .hasValueSatisfying(bound -> assertThat(bound).contains("\"type\":\"bound\""));

                byte[] stage = rtp(1, 0x4057);
                hostAudio.send(stage);
                assertThat(attendeeAudio.receiveMedia(3000)).as("the attendee receives the stage").contains(stage);
                hostVideo.send(stage);
                assertThat(attendeeVideo.receive(3000)).contains(stage);

                attendeeAudio.send(rtp(1, 0xA77));
                attendeeAudio.send(rtp(2, 0xA77));
                attendeeVideo.send(rtp(3, 0xA77));
                assertThat(awaitCount(() -> notASender(webinar), 3)).as("refused and counted: UDP twice, WebSocket")
                        .isEqualTo(3);
                assertThat(hostAudio.receiveMedia(500)).as("nothing of the attendee's reaches the host").isEmpty();
                assertThat(hostVideo.receive(500)).isEmpty();
            }
        }
    }

    /**
     * An attendee's RTCP feedback — here a keyframe request (RFC 4585 PLI) — reaches the panelist it receives, and no
     * other attendee; its RTP stays refused.
     */
    @Test
    @Timeout(60)
    void anAttendeesKeyframeRequestReachesThePanelistButNoOtherAttendee() throws Exception {
        String webinar = newWebinar("{\"topic\":\"Feedback\",\"webinar\":true}");
        try (Joined host = ConnectionSteps.join(control, hostToken(webinar));
                Joined ann = ConnectionSteps.join(control, guestToken(webinar, "Ann"));
                Joined bob = ConnectionSteps.join(control, guestToken(webinar, "Bob"));
                UdpMediaClient hostVideo = new UdpMediaClient(udp, host.credentials("video"), MediaType.VIDEO);
                UdpMediaClient annVideo = new UdpMediaClient(udp, ann.credentials("video"), MediaType.VIDEO);
                UdpMediaClient bobVideo = new UdpMediaClient(udp, bob.credentials("video"), MediaType.VIDEO)) {
            hostVideo.bind();
            annVideo.bind();
            bobVideo.bind();
            byte[] pli = { (byte) 0x81, (byte) 206, 0, 2, 0, 0, 0x0A, 0x77, 0, 0, 0x40, 0x57 };
            annVideo.send(pli);
            assertThat(hostVideo.receiveMedia(3000)).as("the panelist gets the keyframe request").contains(pli);
            assertThat(bobVideo.receiveMedia(500)).as("another attendee does not").isEmpty();
            long before = notASender(webinar);
            annVideo.send(rtp(1, 0xA77));
            assertThat(awaitCount(() -> notASender(webinar), before + 1)).isEqualTo(before + 1);
            assertThat(hostVideo.receiveMedia(500)).as("its RTP stays refused").isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void aQuestionReachesThePanelistsOnlyAndAPrivateAnswerOnlyItsAsker() throws Exception {
        String webinar = newWebinar("{\"topic\":\"Q and A\",\"type\":\"webinar\"}");
        String code = panelistCode(webinar);
        try (Joined host = ConnectionSteps.join(control, hostToken(webinar));
                Joined panelist = ConnectionSteps.join(control, panelistToken(webinar, code, "Pete"));
                Joined ann = ConnectionSteps.join(control, guestToken(webinar, "Ann"));
                Joined bob = ConnectionSteps.join(control, guestToken(webinar, "Bob"))) {
            assertThat(panelist.welcome().getString("role")).isEqualTo("panelist");
            assertThat(panelist.welcome().getBoolean("canSend")).isTrue();

            ann.control().send("{\"type\":\"question\",\"text\":\"Is this recorded?\"}");
            long id = ann.control().await("question-received").getJsonNumber("id").longValue();
            JsonObject atPanelist = panelist.control().await("question");
            assertThat(atPanelist.getString("text")).isEqualTo("Is this recorded?");
            assertThat(atPanelist.getString("name")).isEqualTo("Ann");
            assertThat(host.control().await("question").getJsonNumber("id").longValue()).isEqualTo(id);
            assertThat(firstOf(bob.control(), "question")).as("another attendee never sees it").isEqualTo("pong");

            panelist.control()
                    .send("{\"type\":\"answer\",\"questionId\":" + id + ",\"text\":\"Yes, it is.\",\"private\":true}");
            JsonObject answer = ann.control().await("answer");
            assertThat(answer.getString("text")).isEqualTo("Yes, it is.");
            assertThat(answer.getBoolean("public")).isFalse();
            assertThat(firstOf(bob.control(), "answer")).as("a private answer").isEqualTo("pong");

            bob.control().send("{\"type\":\"hand\",\"raised\":true}");
            JsonObject hand = host.control().await("hand");
            assertThat(hand.getString("name")).isEqualTo("Bob");
            assertThat(firstOf(ann.control(), "hand")).isEqualTo("pong");

            bob.control().send("{\"type\":\"promote\",\"participantId\":\"" + bob.participantId() + "\"}");
            assertThat(bob.control().await("error").getString("code")).as("only a host promotes")
                    .isEqualTo("forbidden");
        }
    }

    @Test
    @Timeout(60)
    void aPromotedAttendeeSendsWithinASecondWithoutRejoiningAndADemotedOnesMediaStops() throws Exception {
        String webinar = newWebinar("{\"topic\":\"Stage\",\"webinar\":true}");
        try (Joined host = ConnectionSteps.join(control, hostToken(webinar));
                Joined ann = ConnectionSteps.join(control, guestToken(webinar, "Ann"));
                UdpMediaClient hostAudio = new UdpMediaClient(udp, host.credentials("audio"), MediaType.AUDIO)) {
            hostAudio.bind();

            long promotedAt = System.nanoTime();
            host.control().send("{\"type\":\"promote\",\"participantId\":\"" + ann.participantId() + "\"}");
            JsonObject role = ann.control().await("role");
            assertThat(role.getString("role")).isEqualTo("panelist");
            assertThat(role.getBoolean("canSend")).isTrue();
            byte[] first = rtp(1, 0xA22);
            try (UdpMediaClient sender = new UdpMediaClient(udp, ConnectionSteps.credentials(role, "audio"),
                    MediaType.AUDIO)) {
                sender.bind();
                sender.send(first);
                assertThat(hostAudio.receiveMedia(1000)).as("the promoted attendee is heard").contains(first);
                long millis = (System.nanoTime() - promotedAt) / 1_000_000;
                assertThat(millis).as("promotion to media at the host, in ms").isLessThan(1000);
                System.out.println("WebinarIT: promote sent to the promoted attendee's first packet at the host: "
                        + millis + " ms"); // the figure the README quotes
                assertThat(ann.control().closedWithin(0)).as("on the same control connection").isFalse();
                host.control().awaitRoster("joined", ann.participantId());

                host.control().send("{\"type\":\"demote\",\"participantId\":\"" + ann.participantId() + "\"}");
                JsonObject back = ann.control().await("role");
                assertThat(back.getString("role")).isEqualTo("attendee");
                assertThat(back.getBoolean("canSend")).isFalse();
                sender.send(rtp(2, 0xA22));
                assertThat(hostAudio.receiveMedia(500)).as("its sending stopped at once").isEmpty();

                // Its old sender credentials no longer bind; its new ones receive only.
                try (UdpMediaClient replay = new UdpMediaClient(udp, ConnectionSteps.credentials(role, "audio"),
                        MediaType.AUDIO)) {
                    assertThatThrownBy(replay::bind).isInstanceOf(IOException.class);
                }
                long before = notASender(webinar);
                try (UdpMediaClient listener = new UdpMediaClient(udp, ConnectionSteps.credentials(back, "audio"),
                        MediaType.AUDIO)) {
                    listener.bind();
                    listener.send(rtp(3, 0xA22));
                    assertThat(awaitCount(() -> notASender(webinar), before + 1)).isEqualTo(before + 1);
                    assertThat(hostAudio.receiveMedia(500)).isEmpty();
                    byte[] stage = rtp(4, 0x4057);
                    hostAudio.send(stage);
                    assertThat(listener.receiveMedia(3000)).as("it still receives the stage").contains(stage);
                }
            }
        }
    }

    /**
     * The client library follows its role live: a Java-client attendee whose application sends all along (dropped by
     * the relay while it receives only) is heard at the host within a second of the promotion, on the same connection
     * objects and without rejoining, and after a demotion its media stops while it still receives the stage.
     */
    @Test
    @Timeout(90)
    void aJavaClientAttendeePromotedByTheHostIsHeardWithinASecondWithoutRejoining() throws Exception {
        LoopbackServer loopback = LoopbackServer.at(base);
        String webinar = newWebinar("{\"topic\":\"Java stage\",\"webinar\":true}");
        List<String> roles = new CopyOnWriteArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void roleChanged(String role, boolean canSend, List<MediaOutcome> rebound) {
                roles.add(
                        role + " " + canSend + " " + rebound.stream().filter(o -> o.connection().isPresent()).count());
            }
        };
        try (Joined host = ConnectionSteps.join(control, hostToken(webinar));
                UdpMediaClient hostAudio = new UdpMediaClient(udp, host.credentials("audio"), MediaType.AUDIO);
                ConferoClient client = new ConferoClient(loopback.clientOptions().build(), listener);
                MeetingSession ann = client.join(loopback.base(), webinar, "Ann", null)) {
            hostAudio.bind();
            assertThat(ann.role()).isEqualTo("attendee");
            assertThat(ann.canSend()).isFalse();
            MediaConnection audio = ann.media(MediaType.AUDIO).orElseThrow();
            audio.send(rtp(1, 0xB0B));
            assertThat(hostAudio.receiveMedia(300)).as("an attendee is not heard").isEmpty();

            long promotedAt = System.nanoTime();
            host.control().send("{\"type\":\"promote\",\"participantId\":\"" + ann.control().participantId() + "\"}");
            Optional<byte[]> heard = Optional.empty();
            // The application sends every 20 ms as a microphone would, unaware of the promotion, until the host hears.
            for (int sequence = 2; heard.isEmpty() && System.nanoTime() - promotedAt < 5_000_000_000L; sequence++) {
                audio.send(rtp(sequence, 0xB0B));
                heard = hostAudio.receiveMedia(20);
            }
            long millis = (System.nanoTime() - promotedAt) / 1_000_000;
            assertThat(heard).as("the promoted Java client is heard").isPresent();
            assertThat(millis).as("promotion to the Java client's media at the host, in ms").isLessThan(1000);
            System.out.println(
                    "WebinarIT: promote sent to the Java client's first packet at the host: " + millis + " ms"); // the
                                                                                                                 // figure
                                                                                                                 // the
                                                                                                                 // README
                                                                                                                 // quotes
            assertThat(ann.media(MediaType.AUDIO)).as("the same connection object").containsSame(audio);
            assertThat(ann.role()).isEqualTo("panelist");
            assertThat(ann.canSend()).isTrue();
            Await.until(Duration.ofSeconds(5), () -> roles, r -> r.contains("panelist true 3"),
                    "every media type bound anew");

            host.control().send("{\"type\":\"demote\",\"participantId\":\"" + ann.control().participantId() + "\"}");
            Await.until(Duration.ofSeconds(5), () -> roles, r -> r.contains("attendee false 3"),
                    "demoted and bound anew, receive-only");
            while (hostAudio.receiveMedia(200).isPresent()) {
                // what was already on its way before the demotion
            }
            audio.send(rtp(500, 0xB0B));
            assertThat(hostAudio.receiveMedia(500)).as("its media stopped").isEmpty();
            byte[] stage = rtp(7, 0x4057);
            hostAudio.send(stage);
            assertThat(receiveRtp(audio, 3000)).as("it still receives the stage").contains(stage);
        }
    }

    /**
     * A promoted attendee who rejoins (a new lookup and join, not a resume) is a panelist again by the stage pass its
     * promotion issued; a forged pass gets an attendee's seat and receive-only credentials; after a demotion the pass
     * is worth nothing.
     */
    @Test
    @Timeout(60)
    void aPromotionSurvivesARejoinByItsServerIssuedPassWhichAForgedRejoinCannotClaim() throws Exception {
        String webinar = newWebinar("{\"topic\":\"Rejoin\",\"webinar\":true}");
        try (Joined host = ConnectionSteps.join(control, hostToken(webinar))) {
            String pass;
            try (Joined ann = ConnectionSteps.join(control, guestToken(webinar, "Ann"))) {
                host.control().send("{\"type\":\"promote\",\"participantId\":\"" + ann.participantId() + "\"}");
                JsonObject role = ann.control().await("role");
                assertThat(role.getString("role")).isEqualTo("panelist");
                pass = role.getString("stagePass");
                ann.control().send("{\"type\":\"leave\"}");
                assertThat(ann.control().closedWithin(5000)).isTrue();
            }
            try (Joined forged = joinWith(guestToken(webinar, "Mallory"), "0".repeat(pass.length()));
                    Joined claimed = joinWith(guestToken(webinar, "Claire"), "panelist")) {
                assertThat(forged.welcome().getString("role")).as("a forged pass").isEqualTo("attendee");
                assertThat(forged.welcome().getBoolean("canSend")).isFalse();
                assertThat(claimed.welcome().getString("role")).as("a claim").isEqualTo("attendee");
            }
            String again;
            try (Joined back = joinWith(guestToken(webinar, "Ann"), pass)) {
                assertThat(back.welcome().getString("role")).as("rejoined with its pass").isEqualTo("panelist");
                assertThat(back.welcome().getBoolean("canSend")).isTrue();
                host.control().awaitRoster("joined", back.participantId());
                try (UdpMediaClient hostAudio = new UdpMediaClient(udp, host.credentials("audio"), MediaType.AUDIO);
                        UdpMediaClient sender = new UdpMediaClient(udp, back.credentials("audio"), MediaType.AUDIO)) {
                    hostAudio.bind();
                    sender.bind();
                    byte[] first = rtp(1, 0xBAC);
                    sender.send(first);
                    assertThat(hostAudio.receiveMedia(3000)).as("a sender again").contains(first);
                }
                host.control().send("{\"type\":\"demote\",\"participantId\":\"" + back.participantId() + "\"}");
                assertThat(back.control().await("role").getString("role")).isEqualTo("attendee");
                again = pass;
            }
            try (Joined demoted = joinWith(guestToken(webinar, "Ann"), again)) {
                assertThat(demoted.welcome().getString("role")).as("the demotion revoked the pass")
                        .isEqualTo("attendee");
            }
        }
    }

    private Joined joinWith(String joinToken, String stagePass) throws Exception {
        ControlClient client = new ControlClient(control);
        try {
            client.send("{\"type\":\"join\",\"joinToken\":\"" + joinToken + "\",\"stagePass\":\"" + stagePass + "\"}");
            return new Joined(client, client.await("joined"));
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    @Test
    @Timeout(60)
    void pastItsCapacityAnAttendeeIsRefusedClearly() throws Exception {
        String webinar = newWebinar("{\"topic\":\"Small\",\"webinar\":true,\"maxAttendees\":1}");
        String bobsToken = guestToken(webinar, "Bob"); // looked up while there was room: the router decides
        try (Joined first = ConnectionSteps.join(control, guestToken(webinar, "Ann"));
                ControlClient second = new ControlClient(control)) {
            assertProblem(http.send("GET", api.resolve("meetings/" + webinar + "/join-info?name=Cy"), null), 409,
                    "maximum of 1 attendees");
            second.send("{\"type\":\"join\",\"joinToken\":\"" + bobsToken + "\"}");
            JsonObject refusal = second.await("error");
            assertThat(refusal.getString("code")).isEqualTo("webinar-full");
            assertThat(refusal.getString("message")).contains("maximum of 1 attendees");
            assertThat(second.closedWithin(5000)).isTrue();
            try (Joined panelist = ConnectionSteps.join(control,
                    panelistToken(webinar, panelistCode(webinar), "Pete"))) {
                assertThat(panelist.welcome().getString("role")).as("the stage is not an attendee")
                        .isEqualTo("panelist");
            }
        }
    }

    @Test
    @Timeout(60)
    void webinarFieldsAreCheckedAndAPanelistCodeIsTheWebinarsOwn() throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"),
                "{\"topic\":\"Town hall\",\"webinar\":true,\"maxAttendees\":500}", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject view = Http.json(created);
        assertThat(view.getString("type")).isEqualTo("webinar");
        assertThat(view.getBoolean("webinar")).isTrue();
        assertThat(view.getInt("maxAttendees")).isEqualTo(500);

        assertProblem(http.send("POST", api.resolve("meetings"),
                "{\"topic\":\"x\",\"webinar\":true,\"maxAttendees\":" + 1_000_001 + "}", "Authorization", admin), 400,
                "maxAttendees must be 1 to 1000");
        assertProblem(http.send("POST", api.resolve("meetings"), "{\"topic\":\"x\",\"maxAttendees\":5}",
                "Authorization", admin), 400, "webinars only");
        assertProblem(http.send("POST", api.resolve("meetings"),
                "{\"topic\":\"x\",\"type\":\"meeting\",\"webinar\":true}", "Authorization", admin), 400, "contradicts");
        String meeting = Http
                .json(http.send("POST", api.resolve("meetings"), "{\"topic\":\"plain\"}", "Authorization", admin))
                .getString("id");
        assertProblem(
                http.send("GET", api.resolve("meetings/" + meeting + "/panelist-link"), null, "Authorization", admin),
                400, "not a webinar");

        String webinar = view.getString("id");
        JsonObject link = Http.json(
                http.send("GET", api.resolve("meetings/" + webinar + "/panelist-link"), null, "Authorization", admin));
        assertThat(link.getString("joinUrl")).endsWith("#panelist=" + link.getString("panelistCode"));
        assertThat(http.send("GET", api.resolve("meetings/" + webinar + "/panelist-link"), null).statusCode())
                .as("not for guests").isEqualTo(401);
        String other = newWebinar("{\"topic\":\"Other\",\"webinar\":true}");
        assertProblem(http.send("GET", api.resolve("meetings/" + other + "/join-info?name=Mallory"), null,
                "X-Confero-Panelist-Code", link.getString("panelistCode")), 403, "panelist code");
    }

    @Test
    @Timeout(60)
    void theCommandLineCreatesAWebinarAndGivesItsPanelistLink() throws Exception {
        java.util.Map<String, String> env = java.util.Map.of("CONFERO_PASSWORD", FirstStartCredentials.adminPassword());
        String server = base.toURI().resolve("/").toString();
        InProcessCli.Output created = InProcessCli.run(env, "meetings", "create", "--webinar", "--max-attendees", "50",
                "--topic", "CLI webinar", "--server", server, "--user", "admin", "--json");
        assertThat(created.code()).as(created.err()).isEqualTo(ExitCode.OK);
        JsonObject event = jakarta.json.Json.createReader(new java.io.StringReader(created.out().strip())).readObject();
        assertThat(event.getBoolean("webinar")).isTrue();
        String webinar = event.getString("id");
        JsonObject view = Http.json(http.send("GET", api.resolve("meetings/" + webinar), null, "Authorization", admin));
        assertThat(view.getInt("maxAttendees")).isEqualTo(50);

        InProcessCli.Output link = InProcessCli.run(env, "meetings", "panelist-link", webinar, "--server", server,
                "--user", "admin");
        assertThat(link.code()).as(link.err()).isEqualTo(ExitCode.OK);
        assertThat(link.out()).contains("#panelist=" + panelistCode(webinar));
        InProcessCli.Output misuse = InProcessCli.run(env, "meetings", "create", "--max-attendees", "5", "--server",
                server, "--user", "admin");
        assertThat(misuse.code()).isEqualTo(ExitCode.USAGE);
    }

    private String newWebinar(String body) throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"), body, "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Http.json(created).getBoolean("webinar")).isTrue();
        return Http.json(created).getString("id");
    }

    private String panelistCode(String webinar) throws Exception {
        HttpResponse<String> link = http.send("GET", api.resolve("meetings/" + webinar + "/panelist-link"), null,
                "Authorization", admin);
        assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
        return Http.json(link).getString("panelistCode");
    }

    private String hostToken(String webinar) throws Exception {
        return token(http.send("GET", api.resolve("meetings/" + webinar + "/join-info?name=Hana"), null,
                "Authorization", admin));
    }

    private String guestToken(String webinar, String name) throws Exception {
        return token(http.send("GET", api.resolve("meetings/" + webinar + "/join-info?name=" + name), null));
    }

    private String panelistToken(String webinar, String code, String name) throws Exception {
        return token(http.send("GET", api.resolve("meetings/" + webinar + "/join-info?name=" + name), null,
                "X-Confero-Panelist-Code", code));
    }

    private static String token(HttpResponse<String> info) {
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return Http.json(info).getString("joinToken");
    }

    private long notASender(String webinar) throws Exception {
        HttpResponse<String> answer = http
                .get(drops.toURI().resolve("relay-drops?meeting=" + webinar + "&reason=NOT_A_SENDER"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Long.parseLong(answer.body().trim());
    }

    /** The counter once it reached {@code expected} (or its value after 5 s). */
    private static long awaitCount(ThrowingCount count, long expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long value = count.get();
        while (value < expected && System.nanoTime() < deadline) {
            Thread.sleep(50); // the relay counts on its I/O threads; re-read until it has
            value = count.get();
        }
        return value;
    }

    @FunctionalInterface
    private interface ThrowingCount {
        long get() throws Exception;
    }

    /**
     * Whether {@code type} reached this client before the answer to a ping sent now: what was sent to it before arrives
     * before the pong, so "pong" means it never got one.
     */
    private static String firstOf(ControlClient client, String type) throws Exception {
        client.send("{\"type\":\"ping\"}");
        return client.await(m -> type.equals(m.getString("type", null)) || "pong".equals(m.getString("type", null)),
                type + " or pong").getString("type");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains(detail);
    }

    /** The next RTP packet (RTCP skipped), waiting at most {@code millis}. */
    private static Optional<byte[]> receiveRtp(MediaConnection connection, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<byte[]> packet = connection.receive(Duration.ofNanos(deadline - System.nanoTime()));
            if (packet.isPresent()
                    && (packet.get().length < 2 || (packet.get()[1] & 0xFF) < 192 || (packet.get()[1] & 0xFF) > 223)) {
                return packet;
            }
        }
        return Optional.empty();
    }

    private static byte[] rtp(int sequence, int ssrc) {
        return new byte[] { (byte) 0x80, 0, 0, (byte) sequence, 0, 0, 0, 1, (byte) (ssrc >>> 24), (byte) (ssrc >>> 16),
                (byte) (ssrc >>> 8), (byte) ssrc, 9 };
    }
}
