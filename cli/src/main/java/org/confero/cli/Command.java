package org.confero.cli;

import java.io.IOException;
import java.util.Set;

/** One {@code confero} sub-command. */
public interface Command {

    /** What {@code confero help} prints for it: synopsis, then one line per option. */
    String usage();

    /** Options of its own that take a value, besides {@link ClientSettings#VALUED}. */
    Set<String> valued();

    /** Flags of its own, besides {@link ClientSettings#FLAGS}. */
    Set<String> flags();

    ExitCode run(Arguments args, Context context)
            throws UsageException, CommandFailure, IOException, InterruptedException;
}
