package org.confero.testsuite.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.confero.cli.Confero;
import org.confero.cli.ExitCode;
import org.confero.cli.StopSignal;

/** The {@code confero} command line run inside the test's JVM, with the environment given and nothing else. */
public final class InProcessCli {

    /** What a run printed, and how it ended. */
    public record Output(ExitCode code, String out, String err) {
    }

    private InProcessCli() {
    }

    public static Output run(Map<String, String> env, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode code = Confero.run(List.of(argv), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new StopSignal());
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
