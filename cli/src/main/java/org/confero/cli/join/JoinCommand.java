package org.confero.cli.join;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import org.confero.cli.Arguments;
import org.confero.cli.ClientSettings;
import org.confero.cli.Command;
import org.confero.cli.Console;
import org.confero.cli.Context;
import org.confero.cli.ExitCode;
import org.confero.cli.Failures;
import org.confero.cli.StopSignal;
import org.confero.cli.UsageException;
import org.confero.cli.media.ClipSender;
import org.confero.cli.media.IvfClip;
import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Pacer;
import org.confero.cli.media.Reception;
import org.confero.cli.media.TestParticipant;
import org.confero.client.ConferoClient;
import org.confero.client.MeetingSession;
import org.confero.protocol.media.MediaType;

/**
 * {@code confero join <meeting>}: runs the connection process with every phase shown, then sends test audio and video
 * and counts what the others send, until Ctrl-C or {@code --duration}; leaves the meeting and prints what arrived.
 */
public final class JoinCommand implements Command {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(2);

    @Override
    public String usage() {
        return String.join("\n", "join <meeting> [--name NAME] [--passcode CODE] [--duration SECONDS] [--content]",
                "                 [--clip builtin|FILE.ivf] [--require-media] [--no-udp] [--no-tcp] [--transport udp|tcp|tls]",
                "    joins, shows each phase, then sends and receives test media until Ctrl-C (or --duration);",
                "    in a meeting's waiting room it waits for a host to admit it first (--admission-timeout);",
                "    --clip: video is a pre-encoded VP8 clip (IVF) in the web client's format, which browsers show;",
                "    the passcode may come from CONFERO_PASSCODE instead; --require-media: exit 5 if nothing arrived;",
                "    a webinar: as an attendee it receives only, and sends its test media once a host promotes it",
                "    (a 'promoted' line / 'role' event); --panelist-code CODE joins on stage (meetings panelist-link)");
    }

    @Override
    public Set<String> valued() {
        return Set.of("name", "passcode", "duration", "clip");
    }

    @Override
    public Set<String> flags() {
        return Set.of("require-media", "content");
    }

    @Override
    public ExitCode run(Arguments args, Context context) throws UsageException, IOException, InterruptedException {
        List<String> words = args.positional();
        if (words.size() != 1) {
            throw new UsageException("join takes one meeting number");
        }
        String meeting = words.get(0).replace("-", "").replace(" ", "");
        ClientSettings settings = ClientSettings.from(args, context.environment());
        String name = args.option("name").orElse(System.getProperty("user.name", "confero"));
        String passcode = args.option("passcode").orElse(context.environment().get("CONFERO_PASSCODE"));
        double seconds = args.secondsOption("duration", 0, 0, 86_400);
        Console console = context.console();
        Optional<IvfClip> clip = Optional.empty();
        if (args.option("clip").isPresent()) {
            try {
                clip = Optional.of(ClipSender.load(args.option("clip").get()));
            } catch (IOException e) {
                throw new UsageException("--clip: " + e.getMessage());
            }
        }

        ControlPrinter control = new ControlPrinter(console, context.stop());
        try (ConferoClient client = new ConferoClient(settings.options(), new PhasePrinter(console))
                .reportQuality("cli", Duration.ofSeconds(5))) {
            MeetingSession session;
            // Ctrl-C while joining — above all while waiting for a host — abandons the join: the library closes the
            // control channel, which takes us out of the waiting room.
            try (StopSignal.Watch watch = context.stop().interruptOnStop(Thread.currentThread())) {
                session = client.join(settings.server(), meeting, name, passcode, control);
            } catch (IOException e) {
                return Failures.report(console, e, Optional.of(Failures.webClientUrl(settings.server(), meeting)));
            }
            try {
                // Issue 23: a webinar attendee's credentials receive only (the relay would drop what it sent); its
                // streams are set up anyway and start when a host promotes it (the pacer follows session.canSend()).
                boolean receiveOnly = !session.canSend();
                List<MediaProfile> send = new ArrayList<>(List.of(MediaProfile.AUDIO));
                if (clip.isEmpty()) {
                    send.add(MediaProfile.VIDEO);
                }
                if (args.flag("content")) {
                    send.add(MediaProfile.CONTENT);
                }
                TestParticipant me = new TestParticipant(session, send);
                Optional<ClipSender> clipSender = clip.filter(c -> !receiveOnly)
                        .flatMap(c -> session.media(MediaType.VIDEO)
                                .map(video -> new ClipSender(c, video, session.control().participantId())));
                joined(console, session, me, receiveOnly);
                clipSender.ifPresent(
                        c -> console.say(String.format(Locale.ROOT, "Video: a %dx%d VP8 clip of %d frames, looping.",
                                c.clip().width(), c.clip().height(), c.clip().frames().size())));
                exchange(context, session, me, seconds, clipSender);
                clipSender.ifPresent(c -> console.report("Clip frames sent: " + c.framesSent(),
                        Json.createObjectBuilder().add("event", "clip").add("framesSent", c.framesSent())
                                .add("sendErrors", c.sendErrors()).build()));
                boolean anything = summary(console, me, control.endedBy());
                return args.flag("require-media") && !anything ? ExitCode.NO_MEDIA : ExitCode.OK;
            } finally {
                session.leave();
            }
        }
    }

    private static void joined(Console console, MeetingSession session, TestParticipant me, boolean receiveOnly) {
        StringBuilder sending = new StringBuilder();
        for (Pacer.Stream s : me.streams()) {
            sending.append(sending.length() == 0 ? "" : ", ")
                    .append(s.profile().mediaType().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(s.profile().packetsPerSecond()).append(" pkt/s");
        }
        String role = session.role();
        console.report(String.format(Locale.ROOT, "Joined %s %s as %s on router %s (zone %s)%s. %s; Ctrl-C to leave.",
                session.control().welcome().getBoolean("webinar", false) ? "webinar" : "meeting",
                session.assignment().meetingId(), session.control().participantId(), session.assignment().router(),
                session.assignment().zone(), session.tunnelled() ? " through an HTTP tunnel" : "",
                receiveOnly ? "Receiving only, as a webinar " + role + " (sending " + sending + " once promoted)"
                        : "Sending test media (" + sending + ")"),
                Json.createObjectBuilder().add("event", "joined").add("meetingId", session.assignment().meetingId())
                        .add("role", role).add("receiveOnly", receiveOnly)
                        .add("participantId", String.valueOf(session.control().participantId()))
                        .add("router", session.assignment().router()).add("zone", session.assignment().zone())
                        .add("controlUrl", session.assignment().controlUrl()).add("tunnelled", session.tunnelled())
                        .build());
    }

    /** Sends on this thread's helper while the main thread reports progress, until stopped or the duration is up. */
    private static void exchange(Context context, MeetingSession session, TestParticipant me, double seconds,
            Optional<ClipSender> clip) throws InterruptedException {
        long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        Pacer pacer = new Pacer(me.streams(), session::canSend);
        Thread sender = new Thread(() -> pacer.run(() -> !context.stop().stopped() && System.nanoTime() < deadline),
                "confero-test-media");
        sender.setDaemon(true);
        sender.start();
        Thread clipThread = new Thread(
                () -> clip.ifPresent(c -> c.run(() -> !context.stop().stopped() && System.nanoTime() < deadline)),
                "confero-clip");
        clipThread.setDaemon(true);
        clipThread.start();
        while (!context.stop().stopped() && System.nanoTime() < deadline) {
            long left = deadline - System.nanoTime();
            if (context.stop().await(Duration.ofNanos(Math.min(left, REPORT_EVERY.toNanos())))) {
                break;
            }
            progress(context.console(), me);
        }
        context.stop().stop();
        sender.join(2000);
        clipThread.join(2000);
    }

    private static void progress(Console console, TestParticipant me) {
        StringBuilder line = new StringBuilder("  received:");
        for (var e : me.receptions().entrySet()) {
            Reception.Snapshot s = e.getValue().snapshot();
            if (s.packets() == 0 && me.sent(e.getKey()) == 0) {
                continue;
            }
            line.append(String.format(Locale.ROOT, " %s %d pkt from %d sender(s)",
                    e.getKey().name().toLowerCase(Locale.ROOT), s.packets(), s.senders()));
        }
        console.say(line.toString());
    }

    /** Prints what arrived per media type; true when anything did. */
    private static boolean summary(Console console, TestParticipant me, String endedBy) {
        boolean anything = false;
        JsonObjectBuilder media = Json.createObjectBuilder();
        console.say("Left the meeting" + (endedBy == null ? "" : " (" + endedBy + ")") + ". Media:");
        for (MediaType type : MediaType.values()) {
            Reception reception = me.receptions().get(type);
            if (reception == null) {
                continue;
            }
            Reception.Snapshot s = reception.snapshot();
            anything |= s.packets() > 0;
            if (s.packets() == 0 && me.sent(type) == 0) {
                continue;
            }
            String label = type.name().toLowerCase(Locale.ROOT);
            console.say(String.format(Locale.ROOT,
                    "  %-7s over %-9s sent %6d  received %6d pkt (%d B) from %d sender(s), loss %.2f%%, one-way delay p50 %s p99 %s%s",
                    label, me.transport(type), me.sent(type), s.packets(), s.bytes(), s.senders(), s.loss() * 100,
                    millis(s.delayMillis(0.5)), millis(s.delayMillis(0.99)),
                    s.otherPackets() > 0 ? ", " + s.otherPackets() + " other packets" : ""));
            media.add(label,
                    Json.createObjectBuilder().add("transport", me.transport(type)).add("sent", me.sent(type))
                            .add("received", s.packets()).add("bytes", s.bytes()).add("senders", s.senders())
                            .add("testPackets", s.testPackets()).add("loss", s.loss())
                            .add("delayP50Ms", Console.finite(s.delayMillis(0.5)))
                            .add("delayP99Ms", Console.finite(s.delayMillis(0.99))));
        }
        console.report(null, Json.createObjectBuilder().add("event", "summary").add("media", media)
                .add("endedBy", endedBy == null ? "left" : endedBy).build());
        return anything;
    }

    private static String millis(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f ms", v) : "-";
    }

}
