package org.confero.testsuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.testsuite.support.ChatSocket.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Predicate;

import org.confero.testsuite.support.ChatClient;
import org.confero.testsuite.support.ChatSocket;
import org.confero.testsuite.support.ControlClient;
import org.confero.testsuite.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Persistent chat across the servers of the local domain: Ann on web-1 and Bob on mmr-2 see each other's presence
 * (Bob's seat in a meeting on mmr-1 included), messages and files in real time, each through their own server; then
 * Bob's server restarts and the history (messages and the attachment, on the shared disk) is all there, and a client
 * reconnecting there gets what it missed.
 */
class ChatAcrossServersIT {

    private static final Duration EVENT = Duration.ofSeconds(15);
    private static final String PASSWORD = "a long cluster password";

    private static LocalDomain domain;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startTheDomain() throws Exception {
        domain = LocalDomain.start();
    }

    @AfterAll
    static void stopTheDomain() throws Exception {
        if (domain != null) {
            domain.close();
        }
    }

    @Test
    @Timeout(600)
    void aUserOnOneServerChatsWithAUserOnAnotherAndTheHistorySurvivesARestart() throws Exception {
        URI web1 = URI.create(domain.http("web-1"));
        URI mmr2 = URI.create(domain.http("mmr-2"));
        ChatClient admin = new ChatClient(client, web1, "admin", domain.adminPassword());
        for (String user : new String[] { "ann", "bob" }) {
            admin.require("POST", "users", """
                    {"username":"%s","role":"host","password":"%s"}""".formatted(user, PASSWORD), 201);
        }
        ChatClient ann = new ChatClient(client, web1, "ann", PASSWORD);
        ChatClient bob = new ChatClient(client, mmr2, "bob", PASSWORD);

        String roomId;
        long firstId;
        byte[] slides = pdf(400_000);
        String attachmentUrl;
        try (ChatSocket annSocket = ann.connect(null)) {
            ChatSocket bobSocket = bob.connect(null);
            // Ann opens the room and sends a file through web-1; Bob gets both live through mmr-2.
            roomId = ann.openDirect("bob").getString("id");
            bobSocket.await(e -> "room".equals(e.getString("type", "")) && roomId.equals(e.getString("roomId", "")),
                    EVENT, "the new room at Bob's");
            HttpResponse<String> uploaded = ann.upload(roomId, "slides.pdf", "application/pdf", slides);
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            String attachmentId = Http.json(uploaded).getString("id");
            firstId = ann.sendMessage(roomId, "slides for Monday", attachmentId).getJsonNumber("id").longValue();
            JsonObject received = bobSocket.await(message(firstId), EVENT, "Ann's message at Bob's")
                    .getJsonObject("message");
            assertThat(received.getString("text")).isEqualTo("slides for Monday");
            attachmentUrl = received.getJsonArray("attachments").getJsonObject(0).getString("url");
            HttpResponse<byte[]> download = bob.download(attachmentUrl);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(sha256(download.body())).as("the file Bob downloads from mmr-2").isEqualTo(sha256(slides));

            // Bob answers on his WebSocket at mmr-2; Ann gets it at web-1.
            bobSocket.send(Json.createObjectBuilder().add("type", "send").add("roomId", roomId)
                    .add("text", "got them, thanks").add("ref", "r1").build());
            long replyId = bobSocket.await(type("sent"), EVENT, "Bob's ack").getJsonObject("message")
                    .getJsonNumber("id").longValue();
            assertThat(annSocket.await(message(replyId), EVENT, "Bob's reply at Ann's").getJsonObject("message")
                    .getString("sender")).isEqualTo("bob");

            // Presence crosses servers: Ann (web-1) sees Bob (chatting through mmr-2) come online, sit in a
            // meeting on mmr-1's control channel and leave it, then choose busy.
            assertThat(ann.presenceOf("bob")).as("Bob's presence read on web-1").isEqualTo("available");
            annSocket.await(presence("bob", "available"), EVENT, "Bob available at Ann's");
            String meeting = bob.require("POST", "meetings", "{\"topic\":\"Stand-up\"}", 201).getString("id");
            String joinToken = bob.require("GET", "meetings/" + meeting + "/join-info", null, 200)
                    .getString("joinToken");
            try (ControlClient seat = new ControlClient(
                    URI.create(domain.http("mmr-1").replace("http:", "ws:") + "/api/v1/mmr/control"))) {
                seat.send("{\"type\":\"join\",\"joinToken\":\"" + joinToken + "\"}");
                seat.await("joined");
                annSocket.await(presence("bob", "in-meeting"), EVENT, "Bob in a meeting at Ann's");
                assertThat(ann.presenceOf("bob")).isEqualTo("in-meeting");
                int seated = annSocket.mark();
                seat.send("{\"type\":\"leave\"}");
                annSocket.awaitSince(seated, presence("bob", "available"), EVENT, "Bob out of the meeting at Ann's");
            }
            bob.require("PUT", "presence/me", "{\"status\":\"busy\"}", 200);
            annSocket.await(presence("bob", "busy"), EVENT, "Bob busy at Ann's");
            assertThat(ann.presenceOf("bob")).isEqualTo("busy");

            // Bob's server restarts: Ann sees him go offline, and he misses a message meanwhile.
            domain.restart("mmr-2");
            annSocket.await(presence("bob", "offline"), Duration.ofSeconds(60), "Bob offline at Ann's");
            int offline = annSocket.mark();
            bobSocket.close();
            long missedId = ann.sendMessage(roomId, "sent while mmr-2 was down").getJsonNumber("id").longValue();

            // Back on the restarted server: the whole history and the file, and a replay of what he missed.
            JsonObject history = bob.require("GET", "chat/rooms/" + roomId + "/messages", null, 200);
            assertThat(history.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getString("text")).toList()).containsExactly("slides for Monday", "got them, thanks",
                            "sent while mmr-2 was down");
            assertThat(sha256(bob.download(attachmentUrl).body())).isEqualTo(sha256(slides));
            try (ChatSocket again = bob.connect(replyId)) {
                assertThat(again.await(type("synced"), EVENT, "synced").getJsonNumber("lastId").longValue())
                        .isEqualTo(missedId);
                assertThat(again.events().stream().filter(type("message")).count()).isEqualTo(1);
                annSocket.awaitSince(offline, presence("bob", "busy"), EVENT, "Bob back, still busy, at Ann's");
            }
        }
    }

    /**
     * Issue 22: the admins' participants view is the whole meeting's, whichever server answers. Uma joins on mmr-1's
     * control channel and Vic on mmr-2's; web-1 (no router of its own) lists both with the router carrying each, and
     * the quality Vic reported to mmr-2 — published by the routers in the replicated participants cache. When Vic
     * leaves, his row goes.
     */
    @Test
    @Timeout(300)
    void theParticipantsViewOfAnyServerListsEveryRoutersParticipants() throws Exception {
        URI web1 = URI.create(domain.http("web-1"));
        ChatClient admin = new ChatClient(client, web1, "admin", domain.adminPassword());
        String meeting = admin.require("POST", "meetings", "{\"topic\":\"Spread\"}", 201).getString("id");
        try (ControlClient uma = joinedOn("mmr-1", admin, meeting, "Uma");
                ControlClient vic = joinedOn("mmr-2", admin, meeting, "Vic")) {
            vic.send("{\"type\":\"quality\",\"client\":\"java\",\"media\":{\"audio\":{\"loss\":0.02,"
                    + "\"jitterMs\":3.5,\"rttMs\":12.5}}}");
            JsonObject view = org.confero.testsuite.support.Await.until(Duration.ofSeconds(30),
                    () -> admin.require("GET", "meetings/" + meeting + "/participants", null, 200),
                    v -> routersByName(v).size() == 2
                            && rowOf(v, "Vic").get("reportedAt") instanceof jakarta.json.JsonString,
                    "Uma and Vic, with Vic's report, in web-1's participants view");
            assertThat(view.getString("server")).endsWith("web-1");
            assertThat(routersByName(view)).hasEntrySatisfying("Uma", r -> assertThat(r).endsWith("mmr-1"))
                    .hasEntrySatisfying("Vic", r -> assertThat(r).endsWith("mmr-2"));
            JsonObject vicAudio = rowOf(view, "Vic").getJsonObject("media").getJsonObject("audio");
            assertThat(vicAudio.getJsonNumber("rttMs").doubleValue()).isEqualTo(12.5);
            assertThat(vicAudio.getJsonNumber("loss").doubleValue()).isEqualTo(0.02);
            assertThat(rowOf(view, "Vic").getString("clientKind")).isEqualTo("java");
            assertThat(rowOf(view, "Uma").getString("clientKind")).as("no report from Uma").isEqualTo("unknown");

            // mmr-1 answers the same, its own row live and mmr-2's from the cluster.
            JsonObject fromMmr1 = new ChatClient(client, URI.create(domain.http("mmr-1")), "admin",
                    domain.adminPassword()).require("GET", "meetings/" + meeting + "/participants", null, 200);
            assertThat(routersByName(fromMmr1)).containsOnlyKeys("Uma", "Vic");

            vic.send("{\"type\":\"leave\"}");
            org.confero.testsuite.support.Await.until(Duration.ofSeconds(30),
                    () -> admin.require("GET", "meetings/" + meeting + "/participants", null, 200),
                    v -> routersByName(v).keySet().equals(java.util.Set.of("Uma")), "only Uma once Vic left");
            uma.send("{\"type\":\"leave\"}");
        }
    }

    private ControlClient joinedOn(String server, ChatClient admin, String meeting, String name) throws Exception {
        String joinToken = admin.require("GET", "meetings/" + meeting + "/join-info?name=" + name, null, 200)
                .getString("joinToken");
        ControlClient control = new ControlClient(
                URI.create(domain.http(server).replace("http:", "ws:") + "/api/v1/mmr/control"));
        control.send("{\"type\":\"join\",\"joinToken\":\"" + joinToken + "\"}");
        control.await("joined");
        return control;
    }

    private static java.util.Map<String, String> routersByName(JsonObject view) {
        return view.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .collect(java.util.stream.Collectors.toMap(p -> p.getString("name"), p -> p.getString("router")));
    }

    private static JsonObject rowOf(JsonObject view, String name) {
        return view.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static Predicate<JsonObject> presence(String user, String status) {
        return e -> "presence".equals(e.getString("type", "")) && user.equals(e.getString("user", ""))
                && status.equals(e.getString("status", ""));
    }

    private static Predicate<JsonObject> message(long id) {
        return e -> "message".equals(e.getString("type", ""))
                && e.getJsonObject("message").getJsonNumber("id").longValue() == id;
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n".getBytes();
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
