package org.confero.testsuite.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpResponse;

import org.confero.protocol.media.MediaCredentials;

/**
 * The first phases of the connection process as tests need them: meeting, lookup, assignment over the REST API, and the
 * control channel's join, which hands an admitted participant its media credentials.
 */
public final class ConnectionSteps {

    private final Http http;
    private final URI api;
    private final String admin;

    /**
     * @param api
     *            the server's {@code /api/v1/} URI
     * @param admin
     *            the admin's Authorization header value
     */
    public ConnectionSteps(Http http, URI api, String admin) {
        this.http = http;
        this.api = api;
        this.admin = admin;
    }

    /** A new meeting scheduled by the admin; its id. */
    public String newMeeting(String topic) throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"), "{\"topic\":\"" + topic + "\"}",
                "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getString("id");
    }

    /** The join token of a guest's lookup. */
    public String joinToken(String meeting, String name) throws Exception {
        HttpResponse<String> info = http.send("GET", api.resolve("meetings/" + meeting + "/join-info?name=" + name),
                null);
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return Http.json(info).getString("joinToken");
    }

    /** The zone controller's assignment for this join token. */
    public JsonObject assign(String joinToken) throws Exception {
        HttpResponse<String> answer = http.send("POST", api.resolve("zc/assign"),
                "{\"joinToken\":\"" + joinToken + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    /**
     * Joins the control channel of the assignment's router (plain WebSocket to the test server's HTTP port) and waits
     * for {@code joined}; the client stays open, so the participant stays in the meeting until it is closed.
     */
    public static Joined join(URI control, String joinToken) throws Exception {
        ControlClient client = new ControlClient(control);
        try {
            client.send("{\"type\":\"join\",\"joinToken\":\"" + joinToken + "\"}");
            return new Joined(client, client.await("joined"));
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** A participant in the meeting: its control channel and the {@code joined} answer. */
    public record Joined(ControlClient control, JsonObject welcome) implements AutoCloseable {
        public MediaCredentials credentials(String type) {
            return ConnectionSteps.credentials(welcome, type);
        }

        public String participantId() {
            return welcome.getString("participantId");
        }

        @Override
        public void close() {
            control.close();
        }
    }

    /**
     * The media credentials of one media type ({@code audio}, {@code video}, {@code content}) of a control message that
     * carries them ({@code joined}, {@code admitted}, {@code resumed}, {@code media-credentials}).
     */
    public static MediaCredentials credentials(JsonObject message, String type) {
        JsonObject credentials = message.getJsonObject("media").getJsonObject(type);
        return new MediaCredentials(credentials.getString("token"), credentials.getString("password"));
    }

    /** The plain WebSocket URI of the test server's endpoint at {@code path} (e.g. {@code /api/v1/mmr/control}). */
    public static URI webSocket(URI base, String path) {
        URI endpoint = base.resolve(path);
        return URI.create("ws://" + endpoint.getHost() + ":" + endpoint.getPort() + endpoint.getPath());
    }
}
