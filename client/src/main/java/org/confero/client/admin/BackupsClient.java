package org.confero.client.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import org.confero.client.http.JsonBodies;
import org.confero.client.servers.ServerDirectory;
import org.confero.client.servers.ServerFailover;

/**
 * {@code /api/v1/backups} (admins): list, make one now, restore one. Answers are the server's JSON objects as they are
 * (each backup: id, createdAt, status, server, trigger, slot, sizeBytes, rows per table, files); refusals arrive as
 * {@link org.confero.client.http.ProblemException} ({@code not-found}, {@code backup-corrupt},
 * {@code backup-incompatible}, {@code backup-in-progress}, {@code forbidden}, …).
 */
public final class BackupsClient {

    /** A restore replaces every row and copies every attachment back: give it longer than an ordinary request. */
    private static final Duration LONG_OPERATION = Duration.ofMinutes(30);
    /**
     * The header the server demands of a bodyless backup or restore call: no cross-site form can send it (CSRF
     * protection of the admin endpoints).
     */
    static final String SCRIPTED = "Confero-Request";

    private final HttpClient http;
    private final ServerFailover servers;
    private final ServerDirectory directory;
    private final ApiCredentials credentials;
    private final Duration timeout;

    public BackupsClient(HttpClient http, ServerFailover servers, ServerDirectory directory, ApiCredentials credentials,
            Duration timeout) {
        this.http = http;
        this.servers = servers;
        this.directory = directory;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    public List<JsonObject> list() throws IOException, InterruptedException {
        HttpResponse<String> response = servers.call(server -> {
            HttpResponse<String> answer = http.send(base(server, "/api/v1/backups", timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                JsonBodies.successOrProblem(answer); // throws the problem: a gateway's one moves on to the next
            }
            return answer;
        });
        servers.learnOnce(directory);
        try (var reader = Json.createReader(new java.io.StringReader(response.body()))) {
            JsonArray items = reader.readArray();
            return items.getValuesAs(JsonObject.class);
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new IOException("the backup list is not a JSON array of objects", e);
        }
    }

    public JsonObject create() throws IOException, InterruptedException {
        return servers.callUnrepeatable(server -> send(base(server, "/api/v1/backups", LONG_OPERATION)
                .header(SCRIPTED, "1").POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    public JsonObject restore(String id) throws IOException, InterruptedException {
        String path = "/api/v1/backups/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/restore";
        return servers.callUnrepeatable(server -> send(base(server, path, LONG_OPERATION).header(SCRIPTED, "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    private HttpRequest.Builder base(URI server, String path, Duration requestTimeout) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(requestTimeout).header("Accept", "application/json")
                .header("Authorization", credentials.header());
    }

    private JsonObject send(HttpRequest request) throws IOException, InterruptedException {
        return JsonBodies.successOrProblem(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }
}
