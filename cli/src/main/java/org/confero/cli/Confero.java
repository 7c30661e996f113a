package org.confero.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.confero.cli.backups.BackupsCommand;
import org.confero.cli.join.JoinCommand;
import org.confero.cli.load.LoadCommand;
import org.confero.cli.meetings.MeetingsCommand;
import org.confero.cli.probe.ProbeCommand;

/** {@code confero <command> …}: parses, dispatches, and turns every outcome into a message and an exit code. */
public final class Confero {

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("join", new JoinCommand());
        COMMANDS.put("probe", new ProbeCommand());
        COMMANDS.put("meetings", new MeetingsCommand());
        COMMANDS.put("load", new LoadCommand());
        COMMANDS.put("backups", new BackupsCommand());
    }

    private Confero() {
    }

    public static void main(String[] argv) {
        StopSignal stop = new StopSignal().install();
        int status;
        try {
            status = run(List.of(argv), System.getenv(), System.out, System.err, stop).status();
        } finally {
            stop.finished();
        }
        System.exit(status);
    }

    /** The whole command line; separate from {@link #main} so that tests run it in-process. */
    public static ExitCode run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err,
            StopSignal stop) {
        boolean json = argv.contains("--json");
        Console console = new Console(out, err, json);
        if (argv.isEmpty() || Set.of("help", "--help", "-h").contains(argv.get(0))) {
            out.print(usage());
            return argv.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        Command command = COMMANDS.get(argv.get(0));
        if (command == null) {
            console.error("unknown command '" + argv.get(0) + "'");
            err.print(usage());
            return ExitCode.USAGE;
        }
        try {
            Set<String> valued = new HashSet<>(ClientSettings.VALUED);
            valued.addAll(command.valued());
            Set<String> flags = new HashSet<>(ClientSettings.FLAGS);
            flags.addAll(command.flags());
            Arguments args = Arguments.parse(argv.subList(1, argv.size()), valued, flags);
            return command.run(args, new Context(console, env, stop));
        } catch (UsageException e) {
            console.error(e.getMessage());
            err.println("usage: confero " + command.usage().replace("\n", "\n       "));
            return ExitCode.USAGE;
        } catch (CommandFailure e) {
            console.error(e.getMessage());
            return e.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.error("interrupted");
            return ExitCode.ERROR;
        } catch (IOException | RuntimeException e) {
            // Unexpected: say what, without a stack trace unless asked for one.
            console.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            if (env.containsKey("CONFERO_DEBUG")) {
                e.printStackTrace(err);
            }
            return ExitCode.ERROR;
        }
    }

    static String usage() {
        StringBuilder b = new StringBuilder("usage: confero <command> [options]\n\ncommands:\n");
        for (Command c : COMMANDS.values()) {
            b.append("  ").append(c.usage().replace("\n", "\n  ")).append("\n\n");
        }
        b.append(String.join("\n", "options of every command:",
                "  --server URL        the deployment (default $CONFERO_SERVER, else " + ClientSettings.DEFAULT_SERVER
                        + ")",
                "  --ca-cert FILE      trust this PEM certificate (default $CONFERO_CA_CERT); --insecure trusts any",
                "                      (development only: anyone on the path could read your passcode)",
                "  --proxy HOST:PORT   HTTPS proxy (default: https.proxyHost or HTTPS_PROXY/NO_PROXY); --no-proxy",
                "  --no-udp, --no-tcp, --transport udp|tcp|tls   restrict media transports",
                "  --no-tunnel         never fall back to the deployment's HTTP tunnels",
                "  --no-udp-upgrade    keep media on the transport it joined on (default: media over TCP or TLS",
                "                      tries UDP every 3 s and moves to it once it works)",
                "  --timeout SECONDS   per HTTP request (10); --zone-timeout SECONDS for zone selection (5.5)",
                "  --admission-timeout SECONDS   how long to wait in a meeting's waiting room for a host (900)",
                "  --json              one JSON object per line instead of text", "",
                "exit codes: 0 ok, 1 unexpected error, 2 usage, 3 refused by the server (unknown or ended meeting,",
                "            wrong passcode, not allowed, not admitted from the waiting room), 4 could not connect,",
                "            5 no media received (--require-media)", ""));
        return b.toString();
    }

    static List<String> commandNames() {
        return Arrays.asList(COMMANDS.keySet().toArray(new String[0]));
    }
}
