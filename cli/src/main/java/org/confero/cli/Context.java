package org.confero.cli;

import java.util.Map;

/** What a command may use besides its arguments: where to report, the environment, the stop signal. */
public record Context(Console console, Map<String, String> environment, StopSignal stop) {

    public Context {
        environment = Map.copyOf(environment);
    }
}
