package org.confero.client.assign;

import jakarta.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.confero.client.http.JsonBodies;
import org.confero.protocol.rest.AssignmentView;

/** {@code POST {controller}/assign {"joinToken":…}}: which router, where its media goes, and the media credentials. */
public final class RouterAssignment {

    private final HttpClient http;
    private final Duration timeout;
    private final UnaryOperator<String> rewrite;

    public RouterAssignment(HttpClient http, Duration timeout, UnaryOperator<String> rewrite) {
        this.http = http;
        this.timeout = timeout;
        this.rewrite = rewrite;
    }

    public AssignmentView assign(String controllerUrl, String joinToken) throws IOException, InterruptedException {
        String body = Json.createObjectBuilder().add("joinToken", joinToken).build().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(controllerUrl + "/assign")).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return AssignmentParser.parse(JsonBodies.successOrProblem(response), rewrite);
    }
}
