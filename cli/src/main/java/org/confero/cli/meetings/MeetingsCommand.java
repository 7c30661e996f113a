package org.confero.cli.meetings;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.admin.MeetingSummary;
import org.confero.client.admin.MeetingsClient;

/** {@code confero meetings create|list|delete|panelist-link}. */
public final class MeetingsCommand implements Command {

    @Override
    public String usage() {
        return String.join("\n",
                "meetings create [--topic TEXT] [--minutes N] [--start ISO-INSTANT] [--waiting-room] [--mute-on-entry]",
                "                [--webinar [--max-attendees N]]", "meetings list", "meetings delete <meeting> ...",
                "meetings panelist-link <webinar>",
                "    as CONFERO_TOKEN (an API token) or --user NAME (password from CONFERO_PASSWORD or the terminal);",
                "    a passcode for create comes from CONFERO_PASSCODE, never the command line");
    }

    @Override
    public Set<String> valued() {
        return Set.of("user", "topic", "minutes", "start", "max-attendees");
    }

    @Override
    public Set<String> flags() {
        return Set.of("waiting-room", "mute-on-entry", "webinar");
    }

    @Override
    public ExitCode run(Arguments args, Context context) throws UsageException, IOException, InterruptedException {
        List<String> words = args.positional();
        if (words.isEmpty()) {
            throw new UsageException("meetings needs create, list, delete or panelist-link");
        }
        ClientSettings settings = ClientSettings.from(args, context.environment());
        Console console = context.console();
        String action = words.get(0);
        if (!Set.of("create", "list", "delete", "panelist-link").contains(action)) {
            throw new UsageException("meetings " + action + "? (create, list, delete or panelist-link)");
        }
        if (action.equals("delete") && words.size() < 2) {
            throw new UsageException("meetings delete needs a meeting number");
        }
        if (action.equals("panelist-link") && words.size() != 2) {
            throw new UsageException("meetings panelist-link needs one webinar number");
        }
        if (!action.equals("delete") && !action.equals("panelist-link") && words.size() > 1) {
            throw new UsageException("meetings " + action + " takes no further words");
        }
        JsonObjectBuilder request = action.equals("create") ? createRequest(args, context) : null;
        try (ConferoClient client = new ConferoClient(settings.options(), ConnectionListener.NONE)) {
            MeetingsClient meetings = client.meetings(settings.server(), Credentials.from(args, context.environment()));
            switch (action) {
            case "create":
                MeetingSummary created = meetings.create(request.build());
                console.report(String.format(Locale.ROOT, "Created %s %s (%s)%n  join: %s",
                        created.webinar() ? "webinar" : "meeting", created.id(), created.topic(), created.joinUrl()),
                        json("created", created).build());
                break;
            case "list":
                list(console, meetings.list());
                break;
            case "panelist-link":
                jakarta.json.JsonObject link = meetings.panelistLink(words.get(1));
                console.report(String.format(Locale.ROOT,
                        "Panelists of webinar %s join with%n  link: %s%n  or code: %s (header X-Confero-Panelist-Code)",
                        words.get(1), link.getString("joinUrl", ""), link.getString("panelistCode", "")),
                        Json.createObjectBuilder().add("event", "panelist-link").add("id", words.get(1))
                                .add("panelistCode", link.getString("panelistCode", ""))
                                .add("joinUrl", link.getString("joinUrl", "")).build());
                break;
            default:
                for (String id : words.subList(1, words.size())) {
                    meetings.delete(id);
                    console.report("Deleted meeting " + id,
                            Json.createObjectBuilder().add("event", "deleted").add("id", id).build());
                }
            }
            return ExitCode.OK;
        } catch (IOException e) {
            return Failures.report(console, e, Optional.empty());
        }
    }

    private static JsonObjectBuilder createRequest(Arguments args, Context context) throws UsageException {
        JsonObjectBuilder b = Json.createObjectBuilder();
        b.add("topic", args.option("topic").orElse("Meeting"));
        b.add("durationMinutes", args.intOption("minutes", 60, 1, 24 * 60));
        if (args.option("start").isPresent()) {
            try {
                b.add("startTime", Instant.parse(args.option("start").get()).toString());
            } catch (DateTimeParseException e) {
                throw new UsageException("--start is an instant like 2026-12-01T09:00:00Z");
            }
        }
        String passcode = context.environment().get("CONFERO_PASSCODE");
        if (passcode != null && !passcode.isEmpty()) {
            b.add("passcode", passcode);
        }
        b.add("waitingRoom", args.flag("waiting-room"));
        b.add("muteOnEntry", args.flag("mute-on-entry"));
        if (args.flag("webinar")) {
            b.add("webinar", true);
            if (args.option("max-attendees").isPresent()) {
                b.add("maxAttendees", args.intOption("max-attendees", 1, 1, 1_000_000));
            }
        } else if (args.option("max-attendees").isPresent()) {
            throw new UsageException("--max-attendees is for a --webinar");
        }
        return b;
    }

    private static void list(Console console, List<MeetingSummary> all) {
        console.say(String.format(Locale.ROOT, "%-13s %-10s %-22s %5s  %-8s %s", "MEETING", "STATE", "START", "MIN",
                "PASSCODE", "TOPIC"));
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (MeetingSummary m : all) {
            console.say(String.format(Locale.ROOT, "%-13s %-10s %-22s %5d  %-8s %s", m.id(), m.state(),
                    m.startTime() == null ? "-" : m.startTime().toString(), m.durationMinutes(),
                    m.passcodeProtected() ? "yes" : "no", m.topic()));
            items.add(json(null, m));
        }
        console.report(null, Json.createObjectBuilder().add("event", "meetings").add("items", items).build());
    }

    private static JsonObjectBuilder json(String event, MeetingSummary m) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (event != null) {
            b.add("event", event);
        }
        return b.add("id", m.id()).add("topic", String.valueOf(m.topic())).add("state", String.valueOf(m.state()))
                .add("startTime", m.startTime() == null ? "" : m.startTime().toString())
                .add("durationMinutes", m.durationMinutes()).add("passcodeProtected", m.passcodeProtected())
                .add("joinUrl", String.valueOf(m.joinUrl())).add("webinar", m.webinar());
    }
}
