package org.confero.client.assign;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.confero.client.http.JsonBodies;
import org.confero.protocol.rest.AssignmentRequest;
import org.confero.protocol.rest.AssignmentRequest.ResumeCredentials;
import org.confero.protocol.rest.AssignmentView;

/**
 * {@code POST {controller}/assign {"joinToken":…}}: which router and where its media goes. Its {@code credentials} are
 * empty for a meeting: the control channel hands them out after admission (only the network test's carry some). After a
 * router died the same request also carries the seat ({@code resume}) and the dead router's name
 * ({@code unreachableRouter}), and the answer names another router.
 */
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
        return assign(controllerUrl, new AssignmentRequest(joinToken));
    }

    public AssignmentView assign(String controllerUrl, AssignmentRequest request)
            throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(URI.create(controllerUrl + "/assign")).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(request).toString())).build();
        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
        return AssignmentParser.parse(JsonBodies.successOrProblem(response), rewrite);
    }

    /** The request as the controller reads it; absent parts are left out rather than sent as null. */
    static JsonObject body(AssignmentRequest request) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        addPresent(body, "joinToken", request.joinToken());
        ResumeCredentials seat = request.resume();
        if (seat != null) {
            JsonObjectBuilder resume = Json.createObjectBuilder();
            addPresent(resume, "meetingId", seat.meetingId());
            addPresent(resume, "participantId", seat.participantId());
            addPresent(resume, "sessionId", seat.sessionId());
            addPresent(resume, "resumeToken", seat.resumeToken());
            body.add("resume", resume);
        }
        addPresent(body, "unreachableRouter", request.unreachableRouter());
        return body.build();
    }

    private static void addPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
