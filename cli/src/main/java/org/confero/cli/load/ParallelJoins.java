package org.confero.cli.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.confero.cli.ClientSettings;
import org.confero.cli.Context;
import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.TestParticipant;
import org.confero.client.ConferoClient;

/**
 * Joins the test participants of a load run (a meeting load, a webinar's attendees) over a few threads, so that joining
 * hundreds does not take hundreds of round trips in a row. Stops joining once the run is stopped; a participant that
 * could not join is a failure line, not an abort.
 */
final class ParallelJoins {

    /** One participant to join: its meeting, its display name and the media it sends. */
    record Join(String meeting, String name, List<MediaProfile> media) {
    }

    static final int THREADS = 4;

    private ParallelJoins() {
    }

    /** Joins {@code count} participants described by {@code join}, adding each to {@code joined}; the failures. */
    static List<String> run(ConferoClient client, ClientSettings settings, Context context, int count,
            IntFunction<Join> join, List<TestParticipant> joined) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> pending = new ArrayList<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < count; i++) {
                Join one = join.apply(i);
                pending.add(pool.submit(() -> {
                    if (context.stop().stopped()) {
                        return;
                    }
                    try {
                        joined.add(new TestParticipant(client.join(settings.server(), one.meeting(), one.name(),
                                context.environment().get("CONFERO_PASSCODE")), one.media()));
                    } catch (IOException e) {
                        failures.add(one.name() + ": " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }
}
