package org.confero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The command line's contract with scripts: exit codes and where messages go. Servers are covered by the testsuite. */
class ConferoTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... argv) {
        return Confero.run(List.of(argv), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new StopSignal());
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        assertThat(run("help")).isEqualTo(ExitCode.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("join <meeting>", "probe [SERVER]", "meetings create",
                "load --participants", "backups restore <id>", "exit codes");
        assertThat(Confero.commandNames()).containsExactly("join", "probe", "meetings", "load", "backups");
    }

    @Test
    void usageMistakesExitWithTwoAndSayWhy() {
        assertThat(run()).isEqualTo(ExitCode.USAGE);
        assertThat(run("jion", "1")).isEqualTo(ExitCode.USAGE);
        assertThat(run("join")).isEqualTo(ExitCode.USAGE);
        assertThat(run("join", "123", "--transport", "carrier-pigeon")).isEqualTo(ExitCode.USAGE);
        assertThat(run("load", "--participants", "1")).isEqualTo(ExitCode.USAGE);
        assertThat(run("meetings", "list")).isEqualTo(ExitCode.USAGE); // nobody to act as
        assertThat(run("backups", "restore")).isEqualTo(ExitCode.USAGE);
        assertThat(run("backups", "drop", "x")).isEqualTo(ExitCode.USAGE);
        assertThat(run("backups", "list")).isEqualTo(ExitCode.USAGE); // nobody to act as
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'jion'",
                "join takes one meeting number", "--transport is udp, tcp or tls", "say who you are",
                "backups restore needs exactly one backup id", "backups needs list, create or restore <id>");
    }

    @Test
    void anUnreachableServerExitsWithFourAndNamesTheBrowserFallback() {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        ExitCode code = run("join", "84512963301", "--server", "https://127.0.0.1:1", "--json");
        assertThat(code).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"event\":\"unreachable\"",
                "\"webClientUrl\":\"https://127.0.0.1:1/join/84512963301\"");
    }
}
