package org.confero.testsuite.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian's {@code prometheus}, scripts/prerequisites.sh test) run by a test as its own child
 * process: on a free loopback port, with its configuration and database in a directory of the test's, never the system
 * service. The configuration is one of the repository's scrape configurations (wildfly-config/prometheus/), with only
 * what differs on the test machine replaced ({@link #configuration}). Queries go through the HTTP API as Grafana's
 * would.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(30);

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * {@code file} (a repository scrape configuration) with {@code settings} replaced — each {@code key: value} line
     * whose key is listed gets the new value (e.g. {@code scrape_interval}, {@code credentials_file}) — and its one
     * {@code targets:} list replaced by {@code targets}.
     */
    public static String configuration(Path file, Map<String, String> settings, List<String> targets)
            throws IOException {
        String text = Files.readString(file);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            Matcher m = Pattern.compile("(?m)^(\\s*" + Pattern.quote(setting.getKey()) + ":\\s*).*$").matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException(file + " has no " + setting.getKey());
            }
            text = m.replaceAll(Matcher.quoteReplacement(m.group(1) + setting.getValue()));
        }
        Matcher list = Pattern.compile("(?m)^(\\s*- targets:\\s*).*$").matcher(text);
        if (!list.find()) {
            throw new IllegalArgumentException(file + " has no targets");
        }
        String quoted = targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ", "[", "]"));
        return list.replaceAll(Matcher.quoteReplacement(list.group(1) + quoted));
    }

    /** A file of the repository ({@code relative} to its root), e.g. wildfly-config/prometheus/standalone.yml. */
    public static Path repositoryFile(String relative) {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(here.resolve("wildfly-config")) ? here : here.getParent();
        return root.resolve(relative);
    }

    /**
     * Starts Prometheus with {@code configuration} in {@code work} (emptied first: a database of an earlier run would
     * answer instant queries with its samples for five minutes; config, database and log go there).
     */
    public static PrometheusServer start(String configuration, Path work) throws Exception {
        Commands.run(List.of("rm", "-rf", work.toString()), null, Duration.ofSeconds(30));
        Files.createDirectories(work);
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, configuration);
        Path log = work.resolve("prometheus.log");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=1h", "--log.level=warn").redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            Await.until(READY, server::ready, ok -> ok || !process.isAlive(), "Prometheus ready on port " + port);
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited: " + server.logTail());
            }
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code GET /api/v1/query}: the result vector of an instant query. A query Prometheus cannot parse or evaluate
     * fails the test with Prometheus' own error.
     */
    public List<JsonObject> query(String promql) throws Exception {
        JsonObject answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.getString("status", ""))) {
            throw new AssertionError("Prometheus refused " + promql + ": " + answer);
        }
        JsonObject data = answer.getJsonObject("data");
        if (!"vector".equals(data.getString("resultType"))) {
            // time() and friends evaluate to a scalar: one sample without labels.
            JsonArray scalar = data.getJsonArray("result");
            return List.of(
                    Json.createObjectBuilder().add("metric", JsonValue.EMPTY_JSON_OBJECT).add("value", scalar).build());
        }
        return data.getJsonArray("result").getValuesAs(JsonObject.class);
    }

    /** The value of the one sample whose labels include {@code labels} (all of them), if there is such a sample. */
    public OptionalDouble value(String promql, String... labels) throws Exception {
        for (JsonObject sample : query(promql)) {
            JsonObject metric = sample.getJsonObject("metric");
            boolean matches = true;
            for (int i = 0; i < labels.length; i += 2) {
                matches &= labels[i + 1].equals(metric.getString(labels[i], null));
            }
            if (matches) {
                // Prometheus writes infinities as "+Inf" and "-Inf", which Double.parseDouble does not read.
                String text = sample.getJsonArray("value").getString(1).replace("Inf", "Infinity");
                return OptionalDouble.of(Double.parseDouble(text));
            }
        }
        return OptionalDouble.empty();
    }

    /** {@code GET /api/v1/label/<label>/values?match[]=<selector>}, as Grafana's label_values() asks. */
    public List<String> labelValues(String label, String selector) throws Exception {
        JsonObject answer = get(
                "/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        if (!"success".equals(answer.getString("status", ""))) {
            throw new AssertionError("Prometheus refused label_values(" + selector + ", " + label + "): " + answer);
        }
        return answer.getJsonArray("data").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    /** Each target's scrape URL and health ({@code up}, {@code down}, {@code unknown}) with its last error. */
    public String targets() throws Exception {
        return get("/api/v1/targets?state=active").getJsonObject("data").getJsonArray("activeTargets").stream()
                .map(JsonValue::asJsonObject)
                .map(t -> t.getString("scrapeUrl") + " " + t.getString("health") + " " + t.getString("lastError", ""))
                .collect(Collectors.joining("; "));
    }

    private JsonObject get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("Prometheus answered " + response.statusCode() + ": " + response.body(), e);
        }
    }

    public String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
