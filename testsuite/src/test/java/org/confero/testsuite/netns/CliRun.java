package org.confero.testsuite.netns;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One run of the real {@code confero} command line (cli/target) inside the client namespace, with {@code --json}: its
 * exit code and every event it printed.
 */
final class CliRun {

    final int exitCode;
    final List<JsonObject> events;
    final String stderr;

    private CliRun(int exitCode, List<JsonObject> events, String stderr) {
        this.exitCode = exitCode;
        this.events = events;
        this.stderr = stderr;
    }

    /** Starts {@code confero <args> --json} in the namespace; {@link Running#finish} waits for it. */
    static Running start(Duration limit, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.net.preferIPv4Stack=true",
                "-cp", System.getProperty("confero.cli.jar") + ":" + System.getProperty("confero.cli.lib") + "/*",
                "org.confero.cli.Confero"));
        command.addAll(List.of(args));
        command.add("--json");
        ProcessBuilder builder = new ProcessBuilder(TestNetwork.inClient(command));
        builder.environment().remove("HTTPS_PROXY");
        builder.environment().remove("https_proxy");
        return new Running(builder.start(), limit);
    }

    /** The events of one kind, in order. */
    List<JsonObject> events(String kind) {
        return events.stream().filter(e -> kind.equals(e.getString("event", ""))).toList();
    }

    Optional<JsonObject> event(String kind) {
        return events(kind).stream().findFirst();
    }

    /** The phase event of {@code phase} ("lookup", "zone-selection", …), if it ended. */
    Optional<JsonObject> phase(String phase) {
        return events("phase").stream().filter(e -> phase.equals(e.getString("phase"))).findFirst();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout events: " + events + "\nstderr: " + stderr;
    }

    static final class Running {
        private final Process process;
        private final Duration limit;
        /** Every line of standard output so far, in order; guarded by itself, notified on each line. */
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private final CompletableFuture<String> err;

        private Running(Process process, Duration limit) {
            this.process = process;
            this.limit = limit;
            this.reader = new Thread(this::readLines, "confero-cli-stdout");
            this.reader.setDaemon(true);
            this.reader.start();
            this.err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        }

        private void readLines() {
            try (var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process ended; what was read is all there is.
            }
        }

        /** Waits (at most {@code timeout}) until the running command printed an event of {@code kind} that matches. */
        JsonObject awaitEvent(String kind, java.util.function.Predicate<JsonObject> matching, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                while (true) {
                    Optional<JsonObject> found = parse(lines).stream()
                            .filter(e -> kind.equals(e.getString("event", "")) && matching.test(e)).findFirst();
                    if (found.isPresent()) {
                        return found.get();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                        throw new AssertionError("no " + kind + " event within " + timeout + ": " + lines);
                    }
                    TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
                }
            }
        }

        CliRun finish() throws Exception {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("confero did not finish within " + limit + ": " + lines + err.get());
            }
            reader.join(10_000);
            List<JsonObject> events;
            synchronized (lines) {
                events = parse(lines);
            }
            return new CliRun(process.exitValue(), events, err.get(10, TimeUnit.SECONDS));
        }

        private static List<JsonObject> parse(List<String> lines) {
            List<JsonObject> events = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("{")) {
                    try (var reader = Json.createReader(new StringReader(line))) {
                        events.add(reader.readObject());
                    }
                }
            }
            return events;
        }

        private static String read(java.io.InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
