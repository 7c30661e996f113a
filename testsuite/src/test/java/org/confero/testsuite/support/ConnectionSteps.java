package org.confero.testsuite.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpResponse;

import org.confero.protocol.media.MediaCredentials;

/** The first phases of the connection process over the REST API, as tests need them: meeting, lookup, assignment. */
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

    /** The media credentials of one media type ({@code audio}, {@code video}, {@code content}) of an assignment. */
    public static MediaCredentials credentials(JsonObject assignment, String type) {
        JsonObject credentials = assignment.getJsonObject("credentials").getJsonObject(type);
        return new MediaCredentials(credentials.getString("token"), credentials.getString("password"));
    }
}
