package org.confero.testsuite.backup;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.confero.cli.ExitCode;
import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.InProcessCli;
import org.confero.testsuite.support.InProcessCli.Output;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backups through the admin API on the real EAR, against whichever database the execution gives the server (H2 or
 * PostgreSQL): data made through the REST API and attachment files, backed up, wiped, restored — every row of every
 * table (compared by {@link DatabaseContentServlet}, which shares no code with the backup) and every file (SHA-256)
 * identical, the restored users and tokens able to log in, new rows not colliding with restored ones. Retention keeps
 * the newest; the command line lists and restores; unknown ids, non-admins, damaged and foreign backups get their
 * problem types.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackupIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** What a script sends with a bodyless backup or restore; a cross-site form cannot (CSRF protection). */
    private static final String SCRIPTED = "Confero-Request";

    private final Http http = new Http();

    @ArquillianResource
    @OperateOnDeployment("confero")
    private URL base;

    private URI api;
    private String admin;
    private Path data;

    @Deployment(name = "confero", order = 1, testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @Deployment(name = "fixture", order = 2, testable = false)
    static WebArchive fixture() {
        return ShrinkWrap.create(WebArchive.class, "backup-fixture.war").addClasses(DatabaseContentServlet.class,
                BackupLockHolderServlet.class, org.confero.testsuite.support.DatabaseHoldingServlet.class);
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        data = Path.of(System.getProperty("confero.test.data"));
    }

    @Test
    @Timeout(180)
    void backupWipeRestoreGivesBackEveryRowAndFile() throws Exception {
        // Data through the API: a host with an API token and meetings, a zone, a tunnel; files as attachments.
        String host = "backup-host-" + System.nanoTime();
        created(http.send("POST", api.resolve("users"),
                """
                        {"username":"%s","displayName":"Hélène \\"Host\\" O'Brien","role":"host","password":"a long password 1"}"""
                        .formatted(host),
                "Authorization", admin));
        String hostAuth = Http.basic(host, "a long password 1");
        String token = created(http.send("POST", api.resolve("tokens"), "{\"name\":\"ci\",\"expiresInDays\":30}",
                "Authorization", hostAuth)).getString("token");
        created(http.send("POST", api.resolve("meetings"), """
                {"topic":"Backed up ✓","durationMinutes":30,"timeZone":"Asia/Jakarta","passcode":"424242",
                 "startTime":"2026-12-01T09:00:00Z","waitingRoom":true}""", "Authorization", hostAuth));
        created(http.send("POST", api.resolve("meetings"), "{\"topic\":\"second\",\"durationMinutes\":5}",
                "Authorization", "Bearer " + token));
        ok(http.send("PUT", api.resolve("zones/backup-zone"), """
                {"name":"Backup zone","region":"Jawa","country":"ID","continent":"AS","latitude":-6.2,
                 "longitude":106.816666,"state":"enabled","controllerUrls":["https://zc1.example.com/api/v1/zc"],
                 "cidrRules":["10.20.0.0/16"]}""", "Authorization", admin));
        ok(http.send("PUT", api.resolve("tunnels/backup-tunnel"), """
                {"url":"https://ht1.example.com","region":"Jawa","country":"ID","state":"enabled"}""", "Authorization",
                admin));
        Path attachments = data.resolve("attachments");
        write(attachments.resolve("rooms/1/2026/11/photo.jpg"), new byte[] { (byte) 0xFF, (byte) 0xD8, 0, 42 });
        write(attachments.resolve("rooms/1/2026/11/notes.txt"), "catatan rapat".getBytes(StandardCharsets.UTF_8));
        write(attachments.resolve("rooms/2/empty.bin"), new byte[0]);

        JsonObject rowsBefore = content();
        Map<String, String> filesBefore = files(attachments);
        assertThat(rowsBefore.getJsonObject("users").getInt("rows")).isGreaterThanOrEqualTo(2);
        assertThat(rowsBefore.getJsonObject("meetings").getInt("rows")).isGreaterThanOrEqualTo(2);

        HttpResponse<String> made = http.send("POST", api.resolve("backups"), null, SCRIPTED, "1", "Authorization",
                admin);
        JsonObject backup = created(made);
        String id = backup.getString("id");
        assertThat(made.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(id));
        assertThat(backup.getString("status")).isEqualTo("complete");
        assertThat(backup.getString("trigger")).isEqualTo("manual");
        assertThat(backup.getJsonNumber("files").longValue()).isEqualTo(filesBefore.size());
        assertThat(backup.getJsonObject("rows").getJsonNumber("users").longValue())
                .isEqualTo(rowsBefore.getJsonObject("users").getInt("rows"));
        assertThat(backup.getJsonObject("rows").keySet()).doesNotContain("flyway_schema_history", "backup_slots");
        assertThat(backup.getString("database")).containsIgnoringCase(System.getProperty("confero.test.database"));
        JsonObject read = Http.json(ok(http.send("GET", api.resolve("backups/" + id), null, "Authorization", admin)));
        assertThat(read.getString("id")).isEqualTo(id);
        assertThat(read.getJsonNumber("sizeBytes").longValue()).isPositive();

        // Wipe: every row but the restoring admin's, every file; and a meeting made after the backup.
        ok(http.send("POST", fixture("?keep=admin"), null));
        deleteTree(attachments);
        write(attachments.resolve("after-the-backup.txt"), "not in the backup".getBytes(StandardCharsets.UTF_8));
        created(http.send("POST", api.resolve("meetings"), "{\"topic\":\"after\",\"durationMinutes\":5}",
                "Authorization", admin));
        assertThat(content().getJsonObject("users").getInt("rows")).isEqualTo(1);
        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", hostAuth).statusCode())
                .isEqualTo(401);

        JsonObject restored = Http.json(ok(http.send("POST", api.resolve("backups/" + id + "/restore"), null, SCRIPTED,
                "1", "Authorization", admin)));
        assertThat(restored.getString("id")).isEqualTo(id);
        assertThat(restored.getJsonNumber("files").longValue()).isEqualTo(filesBefore.size());

        assertThat(content()).isEqualTo(rowsBefore);
        assertThat(files(attachments)).isEqualTo(filesBefore);
        // The restored users and tokens work again; new rows get identities after the restored ones.
        ok(http.send("GET", api.resolve("users/me"), null, "Authorization", hostAuth));
        ok(http.send("GET", api.resolve("meetings"), null, "Authorization", "Bearer " + token));
        created(http.send("POST", api.resolve("users"), """
                {"username":"after-restore-%d","role":"host","password":"another long password"}"""
                .formatted(System.nanoTime()), "Authorization", admin));
    }

    @Test
    @Timeout(180)
    void retentionKeepsTheNewestAndTheCommandLineRestores() throws Exception {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(created(http.send("POST", api.resolve("backups"), null, SCRIPTED, "1", "Authorization", admin))
                    .getString("id"));
        }
        // confero.backup.retention=3 on the test servers: the oldest of the four is gone, the newest three are there.
        List<String> listed = ids(array(ok(http.send("GET", api.resolve("backups"), null, "Authorization", admin))));
        assertThat(listed).doesNotContain(mine.get(0)).containsSubsequence(mine.get(3), mine.get(2), mine.get(1));
        assertThat(listed).hasSize(3);
        assertThat(Files.exists(data.resolve("backups").resolve(mine.get(0)))).isFalse();

        // The restore command: confero backups list / restore <id>, as the admin.
        Map<String, String> env = Map.of("CONFERO_PASSWORD", FirstStartCredentials.adminPassword());
        String server = base.toURI().resolve("/").toString();
        Output list = InProcessCli.run(env, "backups", "list", "--server", server, "--user", "admin", "--json");
        assertThat(list.code()).as(list.err()).isEqualTo(ExitCode.OK);
        assertThat(list.out()).contains("\"event\":\"backups\"", mine.get(3));
        Output restore = InProcessCli.run(env, "backups", "restore", mine.get(3), "--server", server, "--user",
                "admin");
        assertThat(restore.code()).as(restore.err()).isEqualTo(ExitCode.OK);
        assertThat(restore.out()).contains("Restored backup " + mine.get(3));
        Output unknown = InProcessCli.run(env, "backups", "restore", "20000101T000000000Z-abcdef", "--server", server,
                "--user", "admin");
        assertThat(unknown.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(unknown.err()).contains("404", "not-found");
    }

    @Test
    @Timeout(120)
    void badRequestsGetProblems() throws Exception {
        assertProblem(http.send("GET", api.resolve("backups/20000101T000000000Z-abcdef"), null, "Authorization", admin),
                404, "not-found");
        assertProblem(http.send("GET", api.resolve("backups/not-an-id"), null, "Authorization", admin), 404,
                "not-found");
        assertProblem(http.send("POST", api.resolve("backups/%2E%2E%2F%2E%2E%2Fetc/restore"), null, SCRIPTED, "1",
                "Authorization", admin), 404, "not-found");
        assertProblem(http.send("GET", api.resolve("backups"), null), 401, "unauthenticated");
        String host = "backup-nonadmin-" + System.nanoTime();
        created(http.send("POST", api.resolve("users"), """
                {"username":"%s","role":"host","password":"a long password 2"}""".formatted(host), "Authorization",
                admin));
        assertProblem(http.send("POST", api.resolve("backups"), null, SCRIPTED, "1", "Authorization",
                Http.basic(host, "a long password 2")), 403, "forbidden");

        // A damaged table file: refused before anything changes.
        String damaged = created(http.send("POST", api.resolve("backups"), null, SCRIPTED, "1", "Authorization", admin))
                .getString("id");
        Path users = data.resolve("backups").resolve(damaged).resolve("db/users.jsonl");
        Files.writeString(users, Files.readString(users).replace("admin", "mallory"));
        JsonObject before = content();
        assertProblem(http.send("POST", api.resolve("backups/" + damaged + "/restore"), null, SCRIPTED, "1",
                "Authorization", admin), 422, "backup-corrupt");
        assertThat(content()).isEqualTo(before);

        // Another schema version: refused with what it is and what this database is.
        String foreign = created(http.send("POST", api.resolve("backups"), null, SCRIPTED, "1", "Authorization", admin))
                .getString("id");
        Path manifest = data.resolve("backups").resolve(foreign).resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"schemaVersion\":\\s*\"[^\"]*\"",
                "\"schemaVersion\":\"999\""));
        HttpResponse<String> incompatible = http.send("POST", api.resolve("backups/" + foreign + "/restore"), null,
                SCRIPTED, "1", "Authorization", admin);
        assertProblem(incompatible, 409, "backup-incompatible");
        assertThat(Http.json(incompatible).getString("detail")).contains("schema version 999");

        // A manifest that is not JSON: listed as unreadable, refused as corrupt.
        Files.writeString(manifest, "{\"format\":1,");
        assertProblem(http.send("POST", api.resolve("backups/" + foreign + "/restore"), null, SCRIPTED, "1",
                "Authorization", admin), 422, "backup-corrupt");
        JsonObject listed = Http
                .json(ok(http.send("GET", api.resolve("backups/" + foreign), null, "Authorization", admin)));
        assertThat(listed.getString("status")).isEqualTo("unreadable");
    }

    /**
     * A backup or restore running on another server of the cluster holds the database's backup lock: one asked for here
     * meanwhile is refused at once, and runs once the other has finished.
     */
    @Test
    @Timeout(120)
    void aBackupOrRestoreRunningOnAnotherServerRefusesAnotherHereUntilItEnds() throws Exception {
        String newest = ids(array(ok(http.send("GET", api.resolve("backups"), null, "Authorization", admin)))).stream()
                .findFirst().orElse("none");
        assertThat(http.send("POST", base.toURI().resolve("/backup-fixture/backup-lock?seconds=6"), null).statusCode())
                .isEqualTo(202);

        HttpResponse<String> backup = http.send("POST", api.resolve("backups"), null, SCRIPTED, "1", "Authorization",
                admin);
        assertThat(backup.statusCode()).as(backup.body()).isEqualTo(409);
        assertThat(backup.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(backup.body()).contains("backup-in-progress", "another server");
        HttpResponse<String> restore = http.send("POST", api.resolve("backups/" + newest + "/restore"), null, SCRIPTED,
                "1", "Authorization", admin);
        if (!newest.equals("none")) {
            assertThat(restore.statusCode()).as(restore.body()).isEqualTo(409);
        }

        long deadline = System.nanoTime() + 30_000_000_000L;
        HttpResponse<String> later;
        do {
            Thread.sleep(500);
            later = http.send("POST", api.resolve("backups"), null, SCRIPTED, "1", "Authorization", admin);
        } while (later.statusCode() == 409 && System.nanoTime() < deadline);
        assertThat(later.statusCode()).as("once the other server's backup ended: " + later.body()).isEqualTo(201);
    }

    private URI fixture(String query) throws Exception {
        return base.toURI().resolve("/backup-fixture/database-content" + query);
    }

    private JsonObject content() throws Exception {
        return Http.json(ok(http.send("GET", fixture(""), null)));
    }

    private static JsonArray array(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    private static List<String> ids(JsonArray items) {
        return items.getValuesAs(JsonObject.class).stream().filter(b -> b.getString("status").equals("complete"))
                .map(b -> b.getString("id")).toList();
    }

    private static JsonObject created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
        return response;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            assertThat(reader.readObject().getString("type")).endsWith("/" + slug);
        }
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                hashes.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return hashes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
