package org.confero.cli.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import org.confero.cli.ClientSettings;
import org.confero.cli.Console;
import org.confero.cli.Context;
import org.confero.cli.ExitCode;
import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Pacer;
import org.confero.cli.media.Reception;
import org.confero.cli.media.TestParticipant;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;

/**
 * Issue 23: {@code confero load --webinar}: N attendees join one webinar through the whole connection process (lookup,
 * zones, controller, router, control channel, media ladder) — receiving only, as the relay holds them to — and,
 * optionally, one panelist joins with the webinar's panelist code and sends test audio and video at call rates. Reports
 * what the attendees received per media type: packets per second against the panelist's rate times the attendees, loss
 * over the measured window (sequence gaps), and one-way delay.
 * <p>
 * Bounded: at most {@link #MAX_ATTENDEES} attendees, joined by {@link ParallelJoins#THREADS} threads, for at most an
 * hour.
 */
final class WebinarLoad {

    static final int MAX_ATTENDEES = 1000;

    /** How many, how long, and the panelist's code (empty: attendees only, the stage is someone else's). */
    record Plan(int attendees, List<MediaProfile> media, double seconds, double warmupSeconds,
            Optional<String> panelistCode) {
        Plan {
            media = List.copyOf(media);
            if (attendees < 1 || attendees > MAX_ATTENDEES) {
                throw new IllegalArgumentException("need 1.." + MAX_ATTENDEES + " attendees");
            }
        }

        /** Packets per second the attendees should receive of {@code profile}: the panelist's rate, to each. */
        long expectedPerSecond(MediaProfile profile) {
            return panelistCode.isPresent() ? (long) attendees * profile.packetsPerSecond() : 0;
        }
    }

    private final ClientSettings settings;
    private final Context context;

    WebinarLoad(ClientSettings settings, Context context) {
        this.settings = settings;
        this.context = context;
    }

    ExitCode run(ConferoClient attendeesClient, String webinar, Plan plan) throws IOException, InterruptedException {
        Console console = context.console();
        List<TestParticipant> attendees = Collections.synchronizedList(new ArrayList<>());
        Optional<MeetingSession> panelist = Optional.empty();
        try (ConferoClient stageClient = new ConferoClient(
                plan.panelistCode().map(settings::panelistOptions).orElse(settings.options()),
                ConnectionListener.NONE)) {
            if (plan.panelistCode().isPresent()) {
                try {
                    panelist = Optional.of(stageClient.join(settings.server(), webinar, "load-panelist",
                            context.environment().get("CONFERO_PASSCODE")));
                } catch (IOException e) {
                    console.error("the panelist could not join: " + e.getMessage());
                    return ExitCode.UNREACHABLE;
                }
                if (!panelist.get().canSend()) {
                    console.error(
                            "the panelist code did not put the panelist on stage (role " + panelist.get().role() + ")");
                    panelist.get().leave();
                    return ExitCode.UNREACHABLE;
                }
            }
            console.say(
                    String.format(Locale.ROOT, "Joining %d attendees into webinar %s …", plan.attendees(), webinar));
            long joinStart = System.nanoTime();
            List<String> failures = joinAttendees(attendeesClient, webinar, plan, attendees);
            double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
            if (attendees.isEmpty()) {
                console.error("no attendee joined: " + (failures.isEmpty() ? "" : failures.get(0)));
                return ExitCode.UNREACHABLE;
            }
            TestParticipant stage = panelist.map(p -> new TestParticipant(p, plan.media())).orElse(null);
            Pacer pacer = new Pacer(stage == null ? List.of() : stage.streams());
            long end = System.nanoTime() + (long) ((plan.warmupSeconds() + plan.seconds()) * 1e9);
            Thread sender = new Thread(() -> pacer.run(() -> !context.stop().stopped() && System.nanoTime() < end),
                    "confero-webinar-panelist");
            sender.setDaemon(true);
            sender.start();
            context.stop().await(Duration.ofMillis((long) (plan.warmupSeconds() * 1000)));
            long windowStart = System.nanoTime();
            List<Reception.Snapshot> before = snapshots(attendees, plan);
            context.stop().await(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            double window = (System.nanoTime() - windowStart) / 1e9;
            List<Reception.Snapshot> after = snapshots(attendees, plan);
            context.stop().stop();
            sender.join(2000);
            report(console, plan, webinar, attendees.size(), failures, joinSeconds, window, before, after,
                    pacer.sendErrors());
            return ExitCode.OK;
        } finally {
            attendees.forEach(a -> a.session().leave());
            panelist.ifPresent(MeetingSession::leave);
        }
    }

    private List<String> joinAttendees(ConferoClient client, String webinar, Plan plan, List<TestParticipant> joined)
            throws InterruptedException {
        return ParallelJoins.run(client, settings, context, plan.attendees(),
                i -> new ParallelJoins.Join(webinar, "attendee-" + (i + 1), List.of()), joined);
    }

    private static List<Reception.Snapshot> snapshots(List<TestParticipant> attendees, Plan plan) {
        List<Reception.Snapshot> totals = new ArrayList<>();
        List<TestParticipant> all;
        synchronized (attendees) {
            all = new ArrayList<>(attendees);
        }
        for (MediaProfile profile : plan.media()) {
            List<Reception.Snapshot> parts = new ArrayList<>();
            for (TestParticipant a : all) {
                Reception r = a.receptions().get(profile.mediaType());
                if (r != null) {
                    parts.add(r.snapshot());
                }
            }
            totals.add(Reception.total(parts));
        }
        return totals;
    }

    /** Loss over the window alone: what the senders numbered in it against what arrived in it. */
    static double windowLoss(Reception.Snapshot before, Reception.Snapshot after) {
        long expected = after.expectedTestPackets() - before.expectedTestPackets();
        long received = after.testPackets() - before.testPackets();
        return expected <= 0 ? 0 : Math.max(0, expected - received) / (double) expected;
    }

    private static void report(Console console, Plan plan, String webinar, int joined, List<String> failures,
            double joinSeconds, double window, List<Reception.Snapshot> before, List<Reception.Snapshot> after,
            long sendErrors) {
        console.say(String.format(Locale.ROOT, "%d of %d attendees joined webinar %s in %.1f s%s; measured over %.1f s",
                joined, plan.attendees(), webinar, joinSeconds,
                failures.isEmpty() ? "" : " (first failure: " + failures.get(0) + ")", window));
        console.say(String.format(Locale.ROOT, "  %-6s %12s %12s %10s %8s %9s %9s %9s", "media", "expected/s",
                "received/s", "ratio", "loss", "p50 ms", "p99 ms", "max ms"));
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (int i = 0; i < plan.media().size(); i++) {
            MediaProfile profile = plan.media().get(i);
            Reception.Snapshot a = after.get(i);
            long packets = a.packets() - before.get(i).packets();
            double received = packets / window;
            // Expected from the attendees that joined: a failed join is reported above, not counted as loss.
            long expected = plan.panelistCode().isPresent() ? (long) joined * profile.packetsPerSecond() : 0;
            double loss = windowLoss(before.get(i), a);
            String label = profile.mediaType().name().toLowerCase(Locale.ROOT);
            console.say(String.format(Locale.ROOT, "  %-6s %12d %12.0f %10.3f %7.3f%% %9.2f %9.2f %9.2f", label,
                    expected, received, expected == 0 ? 0 : received / expected, loss * 100, a.delayMillis(0.5),
                    a.delayMillis(0.99), a.maxDelayMillis()));
            rows.add(Json.createObjectBuilder().add("media", label).add("expectedPerSecond", expected)
                    .add("receivedPerSecond", received).add("receivedPackets", packets)
                    .add("numbered", a.expectedTestPackets() - before.get(i).expectedTestPackets()).add("loss", loss)
                    .add("delayP50Ms", Console.finite(a.delayMillis(0.5)))
                    .add("delayP99Ms", Console.finite(a.delayMillis(0.99)))
                    .add("delayMaxMs", Console.finite(a.maxDelayMillis())));
        }
        console.report(null,
                Json.createObjectBuilder().add("event", "webinar-load").add("webinar", webinar)
                        .add("attendees", plan.attendees()).add("joined", joined)
                        .add("panelist", plan.panelistCode().isPresent()).add("joinSeconds", joinSeconds)
                        .add("windowSeconds", window).add("sendErrors", sendErrors).add("media", rows).build());
    }
}
