package org.confero.testsuite.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.testsuite.support.ChatSocket.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ChatClient;
import org.confero.testsuite.support.ChatSocket;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.ControlClient;
import org.confero.testsuite.support.Http;
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
 * Persistent chat on the real EAR: rooms, messages, attachments, the chat WebSocket and presence, and the problem+json
 * answers to bad input. The test server allows attachments of up to 1 MiB (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatApiIT {

    private static final Duration EVENT = Duration.ofSeconds(10);
    private static final String PASSWORD = "a long chat password";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    private URL base;

    private URI server;
    private String ann;
    private String bob;
    private String carol;
    private ChatClient annApi;
    private ChatClient bobApi;
    private ChatClient carolApi;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void users() throws Exception {
        server = base.toURI();
        String suffix = Long.toString(System.nanoTime(), 36);
        ann = "ann-" + suffix;
        bob = "bob-" + suffix;
        carol = "carol-" + suffix;
        ChatClient admin = new ChatClient(client, server, "admin", FirstStartCredentials.adminPassword());
        for (String user : List.of(ann, bob, carol)) {
            admin.require("POST", "users", """
                    {"username":"%s","displayName":"%s","role":"host","password":"%s"}""".formatted(user,
                    user.substring(0, 1).toUpperCase() + user.substring(1, user.indexOf('-')), PASSWORD), 201);
        }
        annApi = new ChatClient(client, server, ann, PASSWORD);
        bobApi = new ChatClient(client, server, bob, PASSWORD);
        carolApi = new ChatClient(client, server, carol, PASSWORD);
    }

    @Test
    @Timeout(120)
    void usersChatWithAttachmentsLiveAndInTheHistory() throws Exception {
        try (ChatSocket annSocket = annApi.connect(null); ChatSocket bobSocket = bobApi.connect(null)) {
            JsonObject room = annApi.openDirect(bob);
            String roomId = room.getString("id");
            assertThat(room.getString("kind")).isEqualTo("direct");
            assertThat(room.getJsonArray("members")).hasSize(2);
            // One direct room per pair, whoever opens it.
            assertThat(annApi.openDirect(bob).getString("id")).isEqualTo(roomId);
            assertThat(bobApi.openDirect(ann).getString("id")).isEqualTo(roomId);
            bobSocket.await(e -> "room".equals(e.getString("type", "")) && roomId.equals(e.getString("roomId")), EVENT,
                    "Bob told of the new room");

            // Ann uploads a picture and sends it with a message; Bob gets it live and downloads the same bytes.
            byte[] picture = png(300_000);
            HttpResponse<String> uploaded = annApi.upload(roomId, "Q3 board – final.png", "image/png", picture);
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            JsonObject attachment = Http.json(uploaded);
            assertThat(attachment.getString("sha256")).isEqualTo(sha256(picture));
            assertThat(attachment.getJsonNumber("size").longValue()).isEqualTo(picture.length);
            JsonObject sent = annApi.sendMessage(roomId, "the board, as promised", attachment.getString("id"));

            JsonObject live = bobSocket.await(e -> "message".equals(e.getString("type", "")) && e
                    .getJsonObject("message").getJsonNumber("id").longValue() == sent.getJsonNumber("id").longValue(),
                    EVENT, "Ann's message at Bob's").getJsonObject("message");
            assertThat(live.getString("text")).isEqualTo("the board, as promised");
            assertThat(live.getString("sender")).isEqualTo(ann);
            JsonObject carried = live.getJsonArray("attachments").getJsonObject(0);
            HttpResponse<byte[]> download = bobApi.download(carried.getString("url"));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(picture);
            assertThat(download.headers().firstValue("Content-Type")).contains("image/png");
            assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(download.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("attachment;")
                            .contains("filename*=UTF-8''Q3%20board%20%E2%80%93%20final.png"));

            // Bob answers over the WebSocket; the acknowledgement names his reference, Ann gets the message.
            bobSocket.send(Json.createObjectBuilder().add("type", "send").add("roomId", roomId).add("text", "thanks!")
                    .add("ref", "b-1").build());
            JsonObject ack = bobSocket.await(e -> "sent".equals(e.getString("type", "")), EVENT, "Bob's ack");
            assertThat(ack.getString("ref")).isEqualTo("b-1");
            long replyId = ack.getJsonObject("message").getJsonNumber("id").longValue();
            annSocket.await(
                    e -> "message".equals(e.getString("type", ""))
                            && e.getJsonObject("message").getJsonNumber("id").longValue() == replyId,
                    EVENT, "Bob's reply");

            // The history, oldest first, and unread counts.
            JsonObject history = annApi.require("GET", "chat/rooms/" + roomId + "/messages", null, 200);
            assertThat(history.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getString("text")).toList()).containsExactly("the board, as promised", "thanks!");
            assertThat(history.getBoolean("more")).isFalse();
            JsonObject annRoom = annApi.requireArray("chat/rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> roomId.equals(r.getString("id"))).findFirst().orElseThrow();
            assertThat(annRoom.getJsonNumber("unread").longValue()).as("Bob's reply is unread").isEqualTo(1);
            assertThat(annRoom.getJsonNumber("lastMessageId").longValue()).isEqualTo(replyId);
            annApi.require("PUT", "chat/rooms/" + roomId + "/read", "{\"lastReadId\":" + replyId + "}", 200);
            assertThat(annApi.require("GET", "chat/rooms/" + roomId, null, 200).getJsonNumber("unread").longValue())
                    .isZero();

            // Carol is no member: the room, its history and its files do not exist for her.
            assertProblem(carolApi.call("GET", "chat/rooms/" + roomId, null), 404, "chat-room-not-found");
            assertProblem(carolApi.call("GET", "chat/rooms/" + roomId + "/messages", null), 404, "chat-room-not-found");
            assertThat(carolApi.download(carried.getString("url")).statusCode()).isEqualTo(404);
            assertProblem(carolApi.upload(roomId, "x.txt", "text/plain", "hello".getBytes()), 404,
                    "chat-room-not-found");
        }
    }

    @Test
    @Timeout(120)
    void groupsGrowAndShrinkAndTellTheirMembers() throws Exception {
        try (ChatSocket carolSocket = carolApi.connect(null)) {
            JsonObject group = annApi.require("POST", "chat/rooms", """
                    {"kind":"group","name":"Launch crew","members":["%s"]}""".formatted(bob), 201);
            String roomId = group.getString("id");
            assertThat(group.getString("name")).isEqualTo("Launch crew");
            annApi.sendMessage(roomId, "before Carol");

            // Bob (any member) adds Carol, who is told and then reads the history.
            bobApi.require("POST", "chat/rooms/" + roomId + "/members", "{\"username\":\"" + carol + "\"}", 200);
            carolSocket.await(
                    e -> "room".equals(e.getString("type", "")) && "member-added".equals(e.getString("change")), EVENT,
                    "Carol told she was added");
            assertThat(carolApi.require("GET", "chat/rooms/" + roomId + "/messages", null, 200).getJsonArray("items"))
                    .hasSize(1);

            // Only the creator removes others; anyone leaves.
            assertProblem(bobApi.call("DELETE", "chat/rooms/" + roomId + "/members/" + carol, null), 403, "forbidden");
            annApi.require("DELETE", "chat/rooms/" + roomId + "/members/" + carol, null, 204);
            assertProblem(carolApi.call("GET", "chat/rooms/" + roomId, null), 404, "chat-room-not-found");
            bobApi.require("DELETE", "chat/rooms/" + roomId + "/members/" + bob, null, 204);
            assertThat(annApi.require("GET", "chat/rooms/" + roomId, null, 200).getJsonArray("members")).hasSize(1);

            // Direct rooms keep their two members.
            String direct = annApi.openDirect(bob).getString("id");
            assertProblem(annApi.call("POST", "chat/rooms/" + direct + "/members", "{\"username\":\"" + carol + "\"}"),
                    409, "conflict");
        }
    }

    @Test
    @Timeout(120)
    void badInputIsRefusedClearlyAndLeavesNothingBehind() throws Exception {
        String roomId = annApi.openDirect(bob).getString("id");

        // Attachments: not an allowed type, content that contradicts its type, too large (declared and streamed).
        assertProblem(annApi.upload(roomId, "setup.exe", "application/x-msdownload", "MZ...".getBytes()), 415,
                "unsupported-media-type");
        assertProblem(annApi.upload(roomId, "cat.png", "image/png", "MZ\u0090 not a png at all".getBytes()), 415,
                "unsupported-media-type");
        assertProblem(annApi.upload(roomId, "big.png", "image/png", png(1_048_577)), 413, "payload-too-large");
        HttpResponse<String> chunked = client.send(
                HttpRequest.newBuilder(server.resolve("/api/v1/chat/rooms/" + roomId + "/attachments?name=big.txt"))
                        .header("Authorization", Http.basic(ann, PASSWORD)).header("Content-Type", "text/plain")
                        .header("Confero-Request", "1")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream("a".repeat(1_500_000).getBytes())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, 413, "payload-too-large");
        assertProblem(annApi.upload(roomId, "", "text/plain", "hi".getBytes()), 400, "invalid-request");
        // What a cross-site form could post with Ann's cached credentials: no Confero-Request header.
        assertProblem(
                client.send(
                        HttpRequest
                                .newBuilder(
                                        server.resolve("/api/v1/chat/rooms/" + roomId + "/attachments?name=form.txt"))
                                .header("Authorization", Http.basic(ann, PASSWORD)).header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("planted")).build(),
                        HttpResponse.BodyHandlers.ofString()),
                415, "unsupported-media-type");
        Path incoming = Path.of(System.getProperty("confero.test.data"), "attachments", ".incoming");
        if (Files.isDirectory(incoming)) {
            try (Stream<Path> left = Files.list(incoming)) {
                assertThat(left.toList()).as("no partial upload is left behind").isEmpty();
            }
        }

        // Messages: empty, too long, someone else's attachment, malformed JSON, unknown room.
        assertProblem(annApi.call("POST", "chat/rooms/" + roomId + "/messages", "{\"text\":\"  \"}"), 400,
                "invalid-request");
        assertProblem(
                annApi.call("POST", "chat/rooms/" + roomId + "/messages", "{\"text\":\"" + "x".repeat(4001) + "\"}"),
                400, "invalid-request");
        String bobsUpload = Http.json(bobApi.upload(roomId, "notes.txt", "text/plain", "bob's".getBytes()))
                .getString("id");
        assertProblem(annApi.call("POST", "chat/rooms/" + roomId + "/messages",
                "{\"text\":\"mine now\",\"attachments\":[\"" + bobsUpload + "\"]}"), 400, "invalid-request");
        assertProblem(annApi.call("POST", "chat/rooms/" + roomId + "/messages", "{\"text\": \"unclosed"), 400,
                "malformed-json");
        assertProblem(annApi.call("POST", "chat/rooms/no-such-room/messages", "{\"text\":\"hi\"}"), 404,
                "chat-room-not-found");
        assertThat(annApi.require("GET", "chat/rooms/" + roomId + "/messages", null, 200).getJsonArray("items"))
                .as("nothing was stored by the refused requests").isEmpty();

        // Rooms: unknown kind, direct with oneself, unknown user, group without a name; no credentials at all.
        assertProblem(annApi.call("POST", "chat/rooms", "{\"kind\":\"channel\"}"), 400, "invalid-request");
        assertProblem(annApi.call("POST", "chat/rooms", "{\"kind\":\"direct\",\"members\":[\"" + ann + "\"]}"), 400,
                "invalid-request");
        assertProblem(annApi.call("POST", "chat/rooms", "{\"kind\":\"direct\",\"members\":[\"nobody-x\"]}"), 400,
                "invalid-request");
        assertProblem(annApi.call("POST", "chat/rooms", "{\"kind\":\"group\",\"members\":[]}"), 400, "invalid-request");
        assertThat(new Http().send("GET", server.resolve("/api/v1/chat/rooms"), null).statusCode()).isEqualTo(401);
        assertProblem(annApi.call("PUT", "presence/me", "{\"status\":\"in-meeting\"}"), 400, "invalid-request");
    }

    @Test
    @Timeout(120)
    void theWebSocketRefusesForgedTicketsAndReplaysWhatAClientMissed() throws Exception {
        JsonObject ticket = annApi.require("POST", "chat/tickets", null, 200);
        try (ChatSocket forged = ChatSocket.open(client, URI.create(ticket.getString("webSocketUrl")))) {
            String real = ticket.getString("ticket");
            forged.send("{\"type\":\"hello\",\"ticket\":\"" + real.substring(0, real.length() - 4) + "AAAA\"}");
            assertThat(forged.await(type("error"), EVENT, "refusal").getString("code")).isEqualTo("unauthenticated");
            assertThat(forged.awaitClosed(EVENT)).isEqualTo(1008);
        }

        String roomId = annApi.openDirect(bob).getString("id");
        long before = annApi.sendMessage(roomId, "seen").getJsonNumber("id").longValue();
        long missed1 = annApi.sendMessage(roomId, "missed one").getJsonNumber("id").longValue();
        long missed2 = annApi.sendMessage(roomId, "missed two").getJsonNumber("id").longValue();
        try (ChatSocket bobSocket = bobApi.connect(before)) {
            JsonObject synced = bobSocket.await(type("synced"), EVENT, "synced");
            assertThat(synced.getJsonNumber("lastId").longValue()).isEqualTo(missed2);
            assertThat(bobSocket.events().stream().filter(type("message"))
                    .map(e -> e.getJsonObject("message").getJsonNumber("id").longValue()).toList())
                            .containsExactly(missed1, missed2);

            // Garbage is answered and the connection stays usable.
            bobSocket.send("not json");
            bobSocket.await(
                    e -> "error".equals(e.getString("type", "")) && "malformed-json".equals(e.getString("code")), EVENT,
                    "malformed-json");
            bobSocket.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"ref\":\"r\"}");
            assertThat(
                    bobSocket.await(e -> "error".equals(e.getString("type", "")) && "r".equals(e.getString("ref", "")),
                            EVENT, "empty message refused").getString("code")).isEqualTo("invalid-request");
            bobSocket.send("{\"type\":\"ping\"}");
            bobSocket.await(type("pong"), EVENT, "pong");
        }
    }

    @Test
    @Timeout(120)
    void presenceFollowsConnectionsAndChoices() throws Exception {
        assertThat(annApi.presenceOf(bob)).isEqualTo("offline");
        try (ChatSocket annSocket = annApi.connect(null)) {
            ChatSocket bobSocket = bobApi.connect(null);
            annSocket.await(presence(bob, "available"), EVENT, "Bob available");
            assertThat(annApi.presenceOf(bob)).isEqualTo("available");

            bobApi.require("PUT", "presence/me", "{\"status\":\"busy\"}", 200);
            annSocket.await(presence(bob, "busy"), EVENT, "Bob busy");
            assertThat(annApi.requireArray("presence?user=" + bob + "&user=" + carol).getValuesAs(JsonObject.class)
                    .stream().map(p -> p.getString("username") + "=" + p.getString("status")).toList())
                            .containsExactly(bob + "=busy", carol + "=offline");

            bobSocket.close();
            annSocket.await(presence(bob, "offline"), EVENT, "Bob offline");
            assertThat(annApi.presenceOf(bob)).isEqualTo("offline");
        }
    }

    @Test
    @Timeout(120)
    void presenceShowsInAMeetingWhileASignedInUserIsSeated() throws Exception {
        String meeting = bobApi.require("POST", "meetings", "{\"topic\":\"Presence\"}", 201).getString("id");
        String bobsToken = bobApi.require("GET", "meetings/" + meeting + "/join-info", null, 200)
                .getString("joinToken");
        URI endpoint = server.resolve("/api/v1/mmr/control");
        URI control = URI.create("ws://" + endpoint.getHost() + ":" + endpoint.getPort() + endpoint.getPath());
        try (ChatSocket annSocket = annApi.connect(null); ChatSocket bobSocket = bobApi.connect(null)) {
            annSocket.await(presence(bob, "available"), EVENT, "Bob available");
            try (ControlClient bobInMeeting = new ControlClient(control)) {
                bobInMeeting.send("{\"type\":\"join\",\"joinToken\":\"" + bobsToken + "\"}");
                bobInMeeting.await("joined");
                annSocket.await(presence(bob, "in-meeting"), EVENT, "Bob in a meeting");
                bobApi.require("PUT", "presence/me", "{\"status\":\"busy\"}", 200);
                assertThat(annApi.presenceOf(bob)).as("a seat outranks the choice").isEqualTo("in-meeting");
                int seated = annSocket.mark();

                bobInMeeting.send("{\"type\":\"leave\"}");
                annSocket.awaitSince(seated, presence(bob, "busy"), EVENT, "Bob back to his choice");
            }
            bobSocket.close();
            annSocket.await(presence(bob, "offline"), EVENT, "Bob offline");
        }
    }

    private static java.util.function.Predicate<JsonObject> presence(String user, String status) {
        return e -> "presence".equals(e.getString("type", "")) && user.equals(e.getString("user", ""))
                && status.equals(e.getString("status", ""));
    }

    static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Http.json(response).getString("type")).endsWith("/" + slug);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static byte[] png(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] header = { (byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
