package org.confero.cli;

import java.io.PrintStream;

import jakarta.json.JsonObject;

/**
 * Where commands report. People get readable lines; with {@code --json} every report is one JSON object per line (an
 * {@code "event"} member says which), for scripts and tests. Errors go to standard error either way.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    public Console(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** A report: {@code human} for people, {@code event} for machines. */
    public synchronized void report(String human, JsonObject event) {
        if (json) {
            out.println(event.toString());
        } else if (human != null) {
            out.println(human);
        }
        out.flush();
    }

    /** A line for people only (progress, hints); nothing in JSON mode. */
    public synchronized void say(String human) {
        if (!json) {
            out.println(human);
            out.flush();
        }
    }

    /** A number for a JSON report: JSON has no NaN or infinity, so "not measured" is -1. */
    public static double finite(double value) {
        return Double.isFinite(value) ? value : -1;
    }

    public synchronized void error(String message) {
        err.println("confero: " + message);
        err.flush();
    }
}
