package org.confero.testsuite.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One user's view of the chat REST API on one server (its base URL), with HTTP Basic credentials. */
public final class ChatClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI api;
    private final String authorization;
    private final Http http = new Http();

    public ChatClient(HttpClient client, URI server, String username, String password) {
        this.client = client;
        this.api = server.resolve("/api/v1/");
        this.authorization = Http.basic(username, password);
    }

    /** The same user on another server. */
    public ChatClient on(URI server, String username, String password) {
        return new ChatClient(client, server, username, password);
    }

    public HttpResponse<String> call(String method, String path, String json) throws Exception {
        return http.send(method, api.resolve(path), json, "Authorization", authorization);
    }

    public JsonObject require(String method, String path, String json, int status) throws Exception {
        HttpResponse<String> response = call(method, path, json);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + ": expected " + status + ", got " + response.statusCode()
                    + " " + response.body());
        }
        return response.body().isEmpty() ? JsonObject.EMPTY_JSON_OBJECT : Http.json(response);
    }

    public JsonArray requireArray(String path) throws Exception {
        HttpResponse<String> response = call("GET", path, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    public JsonObject openDirect(String other) throws Exception {
        HttpResponse<String> response = call("POST", "chat/rooms", """
                {"kind":"direct","members":["%s"]}""".formatted(other));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new AssertionError("opening a direct room: " + response.statusCode() + " " + response.body());
        }
        return Http.json(response);
    }

    public JsonObject sendMessage(String roomId, String text, String... attachmentIds) throws Exception {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        for (String id : attachmentIds) {
            ids.add(id);
        }
        String body = Json.createObjectBuilder().add("text", text).add("attachments", ids).build().toString();
        return require("POST", "chat/rooms/" + roomId + "/messages", body, 201);
    }

    public HttpResponse<String> upload(String roomId, String fileName, String contentType, byte[] bytes)
            throws Exception {
        HttpRequest request = HttpRequest
                .newBuilder(api.resolve("chat/rooms/" + roomId + "/attachments?name="
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT).header("Authorization", authorization).header("Content-Type", contentType)
                // An upload is never a JSON body: the header is what a cross-site form cannot send.
                .header("Confero-Request", "1").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code path} as the API gives it ({@code /api/v1/...}), on this client's server. */
    public HttpResponse<byte[]> download(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", authorization).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A chat WebSocket on this client's server, authenticated with a fresh ticket; {@code after} may be null. */
    public ChatSocket connect(Long after) throws Exception {
        JsonObject ticket = require("POST", "chat/tickets", null, 200);
        ChatSocket socket = ChatSocket.open(client, URI.create(ticket.getString("webSocketUrl")));
        var hello = Json.createObjectBuilder().add("type", "hello").add("ticket", ticket.getString("ticket"));
        if (after != null) {
            hello.add("after", after);
        }
        socket.send(hello.build());
        socket.await(ChatSocket.type("welcome"), Duration.ofSeconds(15), "welcome");
        return socket;
    }

    public String presenceOf(String username) throws Exception {
        return require("GET", "presence/" + username, null, 200).getString("status");
    }
}
