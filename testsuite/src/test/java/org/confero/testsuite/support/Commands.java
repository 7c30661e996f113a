package org.confero.testsuite.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the tools the tests drive (ip, nft, the project's scripts): bounded in time, output kept for the message. */
public final class Commands {

    private static final int TAIL = 3000;

    private Commands() {
    }

    /** Exit status and the end of the combined output. */
    public record Result(int status, String output) {
    }

    /** Runs {@code command} with {@code input} (or none) on its standard input. */
    public static Result exec(List<String> command, String input, Duration limit)
            throws IOException, InterruptedException {
        return exec(command, java.util.Map.of(), input, limit);
    }

    /** The same with {@code environment} added to this process's environment. */
    public static Result exec(List<String> command, java.util.Map<String, String> environment, String input,
            Duration limit) throws IOException, InterruptedException {
        Path output = Files.createTempFile("confero-command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process p = builder.start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(
                        String.join(" ", command) + " did not finish within " + limit + ": " + tail(output));
            }
            return new Result(p.exitValue(), tail(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The same, failing unless the command exits 0. */
    public static void run(List<String> command, String input, Duration limit)
            throws IOException, InterruptedException {
        run(command, java.util.Map.of(), input, limit);
    }

    /** The same with {@code environment} added to this process's environment. */
    public static void run(List<String> command, java.util.Map<String, String> environment, String input,
            Duration limit) throws IOException, InterruptedException {
        Result r = exec(command, environment, input, limit);
        if (r.status() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.status() + "): " + r.output());
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file);
        return text.substring(Math.max(0, text.length() - TAIL));
    }
}
