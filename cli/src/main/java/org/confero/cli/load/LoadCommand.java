package org.confero.cli.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.confero.cli.Arguments;
import org.confero.cli.ClientSettings;
import org.confero.cli.Command;
import org.confero.cli.Console;
import org.confero.cli.Context;
import org.confero.cli.ExitCode;
import org.confero.cli.Failures;
import org.confero.cli.UsageException;
import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Pacer;
import org.confero.cli.media.Reception;
import org.confero.cli.media.TestParticipant;
import org.confero.cli.meetings.Credentials;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.admin.MeetingsClient;

/**
 * {@code confero load}: N simulated participants in M meetings, each sending test audio (and video) at a real call's
 * packet rates through the whole connection process, then a report of what the relay delivered per media type — packets
 * per second against what it should have delivered, loss, and one-way delay (exact: one process, one clock).
 */
public final class LoadCommand implements Command {

    /** From this share of the machine's processors on, the report warns that the tool may be what limits. */
    private static final double TOOL_BUSY_SHARE = 0.5;

    @Override
    public String usage() {
        return String.join("\n",
                "load --participants N --meetings M [--media audio|video|av] [--duration SECONDS] [--meeting ID ...]",
                "    N participants (2..1000) round robin in M meetings, sending at call rates (audio 50 pkt/s,",
                "    video 90 pkt/s of 1000 B); reports delivered packets/s, loss and one-way delay per media type,",
                "    and its own CPU per packet sent or received (to tell when the load tool is the bottleneck).",
                "    Without --meeting it creates the M meetings (CONFERO_TOKEN or --user) and deletes them after",
                "load --webinar --attendees N [--panelist] [--media audio|video|av] [--duration SECONDS]",
                "                [--meeting ID [--panelist-code CODE]]",
                "    N attendees (1..1000) join one webinar receiving only; with --panelist one panelist joins with",
                "    the panelist code and sends; reports what the attendees received per media type and the loss.",
                "    Without --meeting it creates the webinar (capacity N) and deletes it after");
    }

    @Override
    public Set<String> valued() {
        return Set.of("participants", "meetings", "media", "duration", "meeting", "user", "warmup", "attendees");
    }

    @Override
    public Set<String> flags() {
        return Set.of("webinar", "panelist");
    }

    @Override
    public ExitCode run(Arguments args, Context context) throws UsageException, IOException, InterruptedException {
        if (!args.positional().isEmpty()) {
            throw new UsageException("load takes options only");
        }
        ClientSettings settings = ClientSettings.from(args, context.environment());
        if (args.flag("webinar")) {
            return runWebinar(args, context, settings);
        }
        List<String> given = args.options("meeting");
        int participants = args.intOption("participants", 10, 2, LoadPlan.MAX_PARTICIPANTS);
        int meetings = given.isEmpty() ? args.intOption("meetings", 1, 1, LoadPlan.MAX_PARTICIPANTS) : given.size();
        LoadPlan plan;
        try {
            plan = new LoadPlan(participants, meetings, media(args.option("media").orElse("av")),
                    args.secondsOption("duration", 10, 1, 3600), args.secondsOption("warmup", 1, 0, 60));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Console console = context.console();
        try (ConferoClient client = new ConferoClient(settings.options(), ConnectionListener.NONE)) {
            Optional<MeetingsClient> owner = given.isEmpty()
                    ? Optional.of(client.meetings(settings.server(), Credentials.from(args, context.environment())))
                    : Optional.empty();
            List<String> ids = new ArrayList<>(given);
            try {
                if (owner.isPresent()) {
                    for (int m = 0; m < plan.meetings(); m++) {
                        ids.add(owner.get().create(Json.createObjectBuilder().add("topic", "confero load " + (m + 1))
                                .add("durationMinutes", 60).build()).id());
                    }
                }
                return runLoad(client, settings, plan, ids, context);
            } catch (IOException e) {
                return Failures.report(console, e, Optional.empty());
            } finally {
                if (owner.isPresent()) {
                    for (String id : ids) {
                        try {
                            owner.get().delete(id);
                        } catch (IOException e) {
                            console.error("could not delete load meeting " + id + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
    }

    /** Issue 23: one webinar, N attendees, optionally a sending panelist ({@link WebinarLoad}). */
    private ExitCode runWebinar(Arguments args, Context context, ClientSettings settings)
            throws UsageException, IOException, InterruptedException {
        List<String> given = args.options("meeting");
        if (given.size() > 1) {
            throw new UsageException("load --webinar takes at most one --meeting");
        }
        int attendees = args.intOption("attendees", 10, 1, WebinarLoad.MAX_ATTENDEES);
        List<MediaProfile> media = media(args.option("media").orElse("av"));
        double seconds = args.secondsOption("duration", 10, 1, 3600);
        double warmup = args.secondsOption("warmup", 1, 0, 60);
        boolean panelist = args.flag("panelist");
        Console console = context.console();
        try (ConferoClient client = new ConferoClient(settings.options(), ConnectionListener.NONE)) {
            Optional<MeetingsClient> owner = given.isEmpty() || panelist && args.option("panelist-code").isEmpty()
                    ? Optional.of(client.meetings(settings.server(), Credentials.from(args, context.environment())))
                    : Optional.empty();
            Optional<String> created = Optional.empty();
            try {
                if (given.isEmpty()) {
                    created = Optional.of(owner.orElseThrow()
                            .create(Json.createObjectBuilder().add("topic", "confero load webinar").add("webinar", true)
                                    .add("maxAttendees", attendees).add("durationMinutes", 60).build())
                            .id());
                }
                String webinar = created.orElseGet(() -> given.get(0));
                Optional<String> code = Optional.empty();
                if (panelist) {
                    code = args.option("panelist-code").isPresent() ? args.option("panelist-code")
                            : Optional.of(owner.orElseThrow().panelistLink(webinar).getString("panelistCode"));
                }
                return new WebinarLoad(settings, context).run(client, webinar,
                        new WebinarLoad.Plan(attendees, media, seconds, warmup, code));
            } catch (IOException e) {
                return Failures.report(console, e, Optional.empty());
            } finally {
                if (created.isPresent()) {
                    try {
                        owner.orElseThrow().delete(created.get());
                    } catch (IOException e) {
                        console.error("could not delete load webinar " + created.get() + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    private ExitCode runLoad(ConferoClient client, ClientSettings settings, LoadPlan plan, List<String> ids,
            Context context) throws InterruptedException {
        Console console = context.console();
        console.say(String.format(Locale.ROOT, "Joining %d participants into %d meeting(s) …", plan.participants(),
                plan.meetings()));
        long joinStart = System.nanoTime();
        List<TestParticipant> joined = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = join(client, settings, plan, ids, joined, context);
        double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
        try {
            if (joined.size() < 2) {
                console.error("only " + joined.size() + " participant(s) joined: "
                        + (failures.isEmpty() ? "" : failures.get(0)));
                return ExitCode.UNREACHABLE;
            }
            List<Pacer.Stream> streams = new ArrayList<>();
            joined.forEach(p -> streams.addAll(p.streams()));
            Pacer pacer = new Pacer(streams);
            long end = System.nanoTime() + (long) ((plan.warmupSeconds() + plan.seconds()) * 1e9);
            Thread sender = new Thread(() -> pacer.run(() -> !context.stop().stopped() && System.nanoTime() < end),
                    "confero-load-sender");
            sender.setDaemon(true);
            sender.start();
            context.stop().await(Duration.ofMillis((long) (plan.warmupSeconds() * 1000)));
            long windowStart = System.nanoTime();
            List<Reception.Snapshot> before = snapshots(joined, plan);
            OptionalLong cpuBefore = ProcessCpu.nanos();
            long sentBefore = pacer.sent();
            context.stop().await(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            double window = (System.nanoTime() - windowStart) / 1e9;
            List<Reception.Snapshot> after = snapshots(joined, plan);
            OptionalLong cpuAfter = ProcessCpu.nanos();
            long sentAfter = pacer.sent();
            context.stop().stop();
            sender.join(2000);
            Optional<LoadCost> cost = Optional.empty();
            if (cpuBefore.isPresent() && cpuAfter.isPresent() && window > 0) {
                cost = Optional.of(new LoadCost(Math.max(0, cpuAfter.getAsLong() - cpuBefore.getAsLong()),
                        sentAfter - sentBefore, received(before, after), window));
            }
            report(console, plan, joined.size(), failures, joinSeconds, window, before, after, pacer.sendErrors(),
                    cost);
            return ExitCode.OK;
        } finally {
            joined.forEach(p -> p.session().leave());
        }
    }

    private static List<String> join(ConferoClient client, ClientSettings settings, LoadPlan plan, List<String> ids,
            List<TestParticipant> joined, Context context) throws InterruptedException {
        return ParallelJoins.run(client, settings, context, plan.participants(),
                i -> new ParallelJoins.Join(ids.get(plan.meetingOf(i)), "load-" + (i + 1), plan.media()), joined);
    }

    /** Per media type of the plan, the sum over every participant. */
    private static List<Reception.Snapshot> snapshots(List<TestParticipant> joined, LoadPlan plan) {
        List<Reception.Snapshot> totals = new ArrayList<>();
        for (MediaProfile profile : plan.media()) {
            List<Reception.Snapshot> parts = new ArrayList<>();
            for (TestParticipant p : joined) {
                Reception r = p.receptions().get(profile.mediaType());
                if (r != null) {
                    parts.add(r.snapshot());
                }
            }
            totals.add(Reception.total(parts));
        }
        return totals;
    }

    /** Packets the receivers took in between the two snapshots, every media type. */
    private static long received(List<Reception.Snapshot> before, List<Reception.Snapshot> after) {
        long total = 0;
        for (int i = 0; i < after.size(); i++) {
            total += after.get(i).packets() - before.get(i).packets();
        }
        return Math.max(0, total);
    }

    private static void report(Console console, LoadPlan plan, int joined, List<String> failures, double joinSeconds,
            double window, List<Reception.Snapshot> before, List<Reception.Snapshot> after, long sendErrors,
            Optional<LoadCost> cost) {
        console.say(String.format(Locale.ROOT, "%d of %d joined in %.1f s%s; measured over %.1f s", joined,
                plan.participants(), joinSeconds, failures.isEmpty() ? "" : " (first failure: " + failures.get(0) + ")",
                window));
        console.say(String.format(Locale.ROOT, "  %-6s %12s %12s %10s %8s %9s %9s %9s", "media", "expected/s",
                "delivered/s", "ratio", "loss", "p50 ms", "p99 ms", "max ms"));
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (int i = 0; i < plan.media().size(); i++) {
            MediaProfile profile = plan.media().get(i);
            Reception.Snapshot a = after.get(i);
            double delivered = (a.packets() - before.get(i).packets()) / window;
            long expected = plan.expectedDeliveredPerSecond(profile);
            String label = profile.mediaType().name().toLowerCase(Locale.ROOT);
            console.say(String.format(Locale.ROOT, "  %-6s %12d %12.0f %10.3f %7.2f%% %9.2f %9.2f %9.2f", label,
                    expected, delivered, delivered / expected, a.loss() * 100, a.delayMillis(0.5), a.delayMillis(0.99),
                    a.maxDelayMillis()));
            rows.add(Json.createObjectBuilder().add("media", label).add("expectedPerSecond", expected)
                    .add("deliveredPerSecond", delivered).add("loss", a.loss())
                    .add("delayP50Ms", Console.finite(a.delayMillis(0.5)))
                    .add("delayP99Ms", Console.finite(a.delayMillis(0.99)))
                    .add("delayMaxMs", Console.finite(a.maxDelayMillis())));
        }
        int processors = Runtime.getRuntime().availableProcessors();
        JsonObjectBuilder tool = Json.createObjectBuilder().add("processors", processors);
        if (cost.isPresent()) {
            LoadCost c = cost.get();
            console.say(String.format(Locale.ROOT,
                    "  load tool: %.0f ns CPU per packet (%d sent + %d received), %.2f cores of %d", c.nanosPerPacket(),
                    c.packetsSent(), c.packetsReceived(), c.cores(), processors));
            if (c.shareOf(processors) >= TOOL_BUSY_SHARE) {
                console.say("  the load tool kept at least half of this machine's processors busy: it may be the"
                        + " bottleneck (run it on another host, or with fewer participants)");
            }
            tool.add("cpuSeconds", c.cpuNanos() / 1e9).add("packetsSent", c.packetsSent())
                    .add("packetsReceived", c.packetsReceived())
                    .add("cpuNanosPerPacket", Console.finite(c.nanosPerPacket())).add("cores", c.cores());
        } else {
            console.say("  load tool: its CPU time cannot be measured on this system");
        }
        console.report(null,
                Json.createObjectBuilder().add("event", "load").add("participants", plan.participants())
                        .add("joined", joined).add("meetings", plan.meetings()).add("joinSeconds", joinSeconds)
                        .add("windowSeconds", window).add("sendErrors", sendErrors).add("media", rows)
                        .add("loadTool", tool).build());
    }

    private static List<MediaProfile> media(String text) throws UsageException {
        switch (text.toLowerCase(Locale.ROOT)) {
        case "audio":
            return List.of(MediaProfile.AUDIO);
        case "video":
            return List.of(MediaProfile.VIDEO);
        case "av":
        case "both":
            return List.of(MediaProfile.AUDIO, MediaProfile.VIDEO);
        default:
            throw new UsageException("--media is audio, video or av, not '" + text + "'");
        }
    }

}
