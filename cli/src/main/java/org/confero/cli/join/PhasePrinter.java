package org.confero.cli.join;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import org.confero.cli.Console;
import org.confero.cli.ProbeReport;
import org.confero.client.ConnectionListener;
import org.confero.client.Phase;
import org.confero.client.media.MediaAttempt;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.client.zone.ProbeResult;
import org.confero.protocol.media.MediaType;

/**
 * Shows the connection process live: each phase with its time and outcome, every zone probe, the wait in a meeting's
 * waiting room, every media attempt — and later, when the router dies, the move to another one (its media attempts
 * shown like the join's), and a media type's move back to UDP once UDP works (the UDP upgrade).
 */
public final class PhasePrinter implements ConnectionListener {

    private final Console console;
    private final long startNanos = System.nanoTime();
    private final Map<Phase, Long> started = new EnumMap<>(Phase.class);

    public PhasePrinter(Console console) {
        this.console = console;
    }

    @Override
    public void phaseStarted(Phase phase) {
        started.put(phase, System.nanoTime());
        if (phase == Phase.ADMISSION) {
            // The one phase that waits for a person, possibly for minutes: say so, to scripts as well.
            console.report(
                    String.format(Locale.ROOT, "[%6.0f ms] %-15s … waiting for a host to admit you", sinceStart(),
                            label(phase)),
                    Json.createObjectBuilder().add("event", "phase").add("phase", label(phase)).add("status", "waiting")
                            .add("atMs", sinceStart()).build());
            return;
        }
        console.say(String.format(Locale.ROOT, "[%6.0f ms] %-15s …", sinceStart(), label(phase)));
    }

    @Override
    public void phaseSucceeded(Phase phase, String detail) {
        finished(phase, "ok", detail);
    }

    @Override
    public void phaseFailed(Phase phase, String reason) {
        finished(phase, "failed", reason);
    }

    private void finished(Phase phase, String status, String detail) {
        double took = (System.nanoTime() - started.getOrDefault(phase, startNanos)) / 1e6;
        console.report(
                String.format(Locale.ROOT, "[%6.0f ms] %-15s %s in %.0f ms: %s", sinceStart(), label(phase), status,
                        took, detail),
                Json.createObjectBuilder().add("event", "phase").add("phase", label(phase)).add("status", status)
                        .add("ms", took).add("atMs", sinceStart()).add("detail", String.valueOf(detail)).build());
    }

    @Override
    public void zonesProbed(List<ProbeResult> results) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (ProbeResult r : results) {
            console.say("             "
                    + (r.answered() ? r.toString() : r.zoneId() + " " + r.controllerUrl() + " no answer"));
            all.add(ProbeReport.json(r));
        }
        console.report(null, Json.createObjectBuilder().add("event", "zones").add("results", all).build());
    }

    @Override
    public void mediaConnected(MediaOutcome outcome) {
        StringBuilder line = new StringBuilder("             ")
                .append(outcome.mediaType().name().toLowerCase(Locale.ROOT)).append(':');
        JsonArrayBuilder attempts = Json.createArrayBuilder();
        for (MediaAttempt a : outcome.attempts()) {
            line.append(' ').append(a.transport()).append(a.succeeded() ? " ✓ " : " ✗ ").append(a.took().toMillis())
                    .append(" ms").append(a.failure().map(f -> " (" + f + ")").orElse(""))
                    .append(a.succeeded() ? "" : " →");
            attempts.add(Json.createObjectBuilder().add("transport", a.transport().name())
                    .add("ms", a.took().toMillis()).add("failure", a.failure().orElse("")));
        }
        String transport = outcome.connection().map(c -> c.transport().name()).orElse("none");
        if (outcome.attempts().isEmpty()) {
            line.append(" not offered by the router");
        }
        console.report(line.toString(),
                Json.createObjectBuilder().add("event", "media")
                        .add("mediaType", outcome.mediaType().name().toLowerCase(Locale.ROOT))
                        .add("transport", transport).add("attempts", attempts).build());
    }

    @Override
    public void transportChanged(MediaType mediaType, Transport from, Transport to, MediaOutcome outcome) {
        String type = mediaType.name().toLowerCase(Locale.ROOT);
        long bound = outcome.attempts().isEmpty() ? 0
                : outcome.attempts().get(outcome.attempts().size() - 1).took().toMillis();
        console.report(
                String.format(Locale.ROOT, "[%6.0f ms] %-15s %s moved from %s to %s (bound in %d ms)", sinceStart(),
                        "upgraded", type, from, to, bound),
                Json.createObjectBuilder().add("event", "transport-changed").add("mediaType", type)
                        .add("from", from.name()).add("to", to.name()).add("bindMs", bound).add("atMs", sinceStart())
                        .build());
    }

    /** Issue 23: promoted (sending from now on) or demoted (receiving only), with the media bound anew. */
    @Override
    public void roleChanged(String role, boolean canSend, List<MediaOutcome> rebound) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        StringBuilder line = new StringBuilder();
        for (MediaOutcome o : rebound) {
            String transport = o.connection().map(c -> c.transport().name()).orElse("none");
            media.add(Json.createObjectBuilder().add("mediaType", o.mediaType().name().toLowerCase(Locale.ROOT))
                    .add("transport", transport));
            line.append(line.length() == 0 ? "" : ", ").append(o.mediaType().name().toLowerCase(Locale.ROOT))
                    .append(' ').append(transport);
        }
        console.report(String.format(Locale.ROOT, "[%6.0f ms] %-15s %s: %s (media bound anew: %s)", sinceStart(),
                canSend ? "promoted" : "demoted", role, canSend ? "sending test media now" : "receiving only", line),
                Json.createObjectBuilder().add("event", "role").add("role", role).add("canSend", canSend)
                        .add("media", media).add("atMs", sinceStart()).build());
    }

    @Override
    public void relocated(String fromRouter, String toRouter, Duration took) {
        console.report(
                String.format(Locale.ROOT, "[%6.0f ms] %-15s from router %s to %s in %d ms", sinceStart(), "relocated",
                        fromRouter, toRouter, took.toMillis()),
                Json.createObjectBuilder().add("event", "relocated").add("from", String.valueOf(fromRouter))
                        .add("to", String.valueOf(toRouter)).add("ms", took.toMillis()).build());
    }

    private double sinceStart() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    static String label(Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
