package org.confero.client.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.confero.client.http.JsonBodies;
import org.confero.client.http.ProblemException;
import org.confero.client.servers.ServerDirectory;
import org.confero.client.servers.ServerFailover;

/**
 * {@code /api/v1/meetings}: schedule, list (every page), delete. Refusals arrive as {@link ProblemException} with the
 * server's problem type ({@code unauthenticated}, {@code forbidden}, {@code not-found}, {@code invalid-request}, …).
 * Calls fail over along the deployment's servers; scheduling, which must not happen twice, only from a server the
 * request cannot have reached.
 */
public final class MeetingsClient {

    private static final int PAGE = 100;

    private final HttpClient http;
    private final ServerFailover servers;
    private final ServerDirectory directory;
    private final ApiCredentials credentials;
    private final Duration timeout;

    public MeetingsClient(HttpClient http, ServerFailover servers, ServerDirectory directory,
            ApiCredentials credentials, Duration timeout) {
        this.http = http;
        this.servers = servers;
        this.directory = directory;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /** {@code request} is the JSON of {@code POST /api/v1/meetings} (topic, durationMinutes, passcode, …). */
    public MeetingSummary create(JsonObject request) throws IOException, InterruptedException {
        JsonObject created = servers.callUnrepeatable(
                server -> send(base(server, "/api/v1/meetings").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build()));
        servers.learnOnce(directory);
        return summary(created);
    }

    public List<MeetingSummary> list() throws IOException, InterruptedException {
        List<MeetingSummary> all = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            String path = "/api/v1/meetings?offset=" + offset + "&limit=" + PAGE;
            JsonObject page = servers.call(server -> send(base(server, path).GET().build()));
            servers.learnOnce(directory);
            for (JsonObject m : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
                all.add(summary(m));
            }
            if (offset + PAGE >= page.getInt("total", 0)) {
                return all;
            }
        }
    }

    /**
     * Issue 23: a webinar's panelist link, for its host: the code (the lookup's {@code X-Confero-Panelist-Code}) and
     * the web client's join URL carrying it in the fragment.
     */
    public JsonObject panelistLink(String meetingId) throws IOException, InterruptedException {
        String path = "/api/v1/meetings/" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8) + "/panelist-link";
        return servers.call(server -> send(base(server, path).GET().build()));
    }

    public void delete(String meetingId) throws IOException, InterruptedException {
        // Repeatable: if a server died before it answered, the next one deletes the meeting or says it is gone.
        String path = "/api/v1/meetings/" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8);
        servers.call(server -> send(base(server, path).DELETE().build()));
        servers.learnOnce(directory);
    }

    private HttpRequest.Builder base(URI server, String path) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(timeout).header("Accept", "application/json")
                .header("Authorization", credentials.header());
    }

    private JsonObject send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 204) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        return JsonBodies.successOrProblem(response);
    }

    private static MeetingSummary summary(JsonObject m) throws IOException {
        return new MeetingSummary(JsonBodies.string(m, "id"), JsonBodies.optionalString(m, "topic"),
                JsonBodies.optionalString(m, "host"), JsonBodies.optionalInstant(m, "startTime"),
                m.getInt("durationMinutes", 0), m.getBoolean("passcodeProtected", false),
                JsonBodies.optionalString(m, "state"), JsonBodies.optionalString(m, "joinUrl"),
                m.getBoolean("webinar", false));
    }
}
