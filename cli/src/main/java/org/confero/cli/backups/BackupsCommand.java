package org.confero.cli.backups;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.confero.cli.Arguments;
import org.confero.cli.ClientSettings;
import org.confero.cli.Command;
import org.confero.cli.Console;
import org.confero.cli.Context;
import org.confero.cli.ExitCode;
import org.confero.cli.Failures;
import org.confero.cli.UsageException;
import org.confero.cli.meetings.Credentials;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.admin.BackupsClient;

/**
 * {@code confero backups list|create|restore <id>} as an admin: the server checks every checksum of a backup before it
 * restores it, and refuses one of another schema version.
 */
public final class BackupsCommand implements Command {

    @Override
    public String usage() {
        return String.join("\n", "backups list", "backups create", "backups restore <id>",
                "    as an admin: CONFERO_TOKEN, or --user NAME with CONFERO_PASSWORD (or the terminal); restore",
                "    replaces every row and attachment of the installation with the backup's");
    }

    @Override
    public Set<String> valued() {
        return Set.of("user");
    }

    @Override
    public Set<String> flags() {
        return Set.of();
    }

    @Override
    public ExitCode run(Arguments args, Context context) throws UsageException, IOException, InterruptedException {
        List<String> words = args.positional();
        if (words.isEmpty() || !Set.of("list", "create", "restore").contains(words.get(0))) {
            throw new UsageException("backups needs list, create or restore <id>");
        }
        String action = words.get(0);
        if (action.equals("restore") != (words.size() == 2) || words.size() > 2) {
            throw new UsageException(action.equals("restore") ? "backups restore needs exactly one backup id"
                    : "backups " + action + " takes no further words");
        }
        ClientSettings settings = ClientSettings.from(args, context.environment());
        Console console = context.console();
        try (ConferoClient client = new ConferoClient(settings.options(), ConnectionListener.NONE)) {
            BackupsClient backups = client.backups(settings.server(), Credentials.from(args, context.environment()));
            switch (action) {
            case "list" -> list(console, backups.list());
            case "create" -> {
                JsonObject created = backups.create();
                console.report("Created backup " + created.getString("id", "?") + ": " + summary(created),
                        event("created", created));
            }
            default -> {
                console.say("Restoring backup " + words.get(1) + " (checksums first) …");
                JsonObject restored = backups.restore(words.get(1));
                console.report(
                        String.format(Locale.ROOT, "Restored backup %s: %d rows, %d attachment files in %d ms",
                                words.get(1), rows(restored), number(restored, "files"), number(restored, "millis")),
                        event("restored", restored));
            }
            }
            return ExitCode.OK;
        } catch (IOException e) {
            return Failures.report(console, e, Optional.empty());
        }
    }

    private static void list(Console console, List<JsonObject> all) {
        console.say(String.format(Locale.ROOT, "%-26s %-11s %-9s %-24s %8s %6s %10s", "ID", "STATUS", "TRIGGER",
                "SERVER", "ROWS", "FILES", "SIZE"));
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (JsonObject b : all) {
            console.say(String.format(Locale.ROOT, "%-26s %-11s %-9s %-24s %8d %6d %10d", b.getString("id", "?"),
                    b.getString("status", "?"), b.getString("trigger", "-"), b.getString("server", "-"), rows(b),
                    number(b, "files"), number(b, "sizeBytes")));
            items.add(b);
        }
        console.report(null, Json.createObjectBuilder().add("event", "backups").add("items", items).build());
    }

    private static String summary(JsonObject b) {
        return String.format(Locale.ROOT, "%d rows, %d attachment files, %d bytes, by %s", rows(b), number(b, "files"),
                number(b, "sizeBytes"), b.getString("server", "?"));
    }

    private static long rows(JsonObject b) {
        JsonValue rows = b.get("rows");
        if (!(rows instanceof JsonObject perTable)) {
            return 0;
        }
        return perTable.values().stream().filter(JsonNumber.class::isInstance)
                .mapToLong(v -> ((JsonNumber) v).longValue()).sum();
    }

    private static long number(JsonObject b, String name) {
        return b.get(name) instanceof JsonNumber n ? n.longValue() : 0;
    }

    private static JsonObject event(String name, JsonObject body) {
        return Json.createObjectBuilder(body).add("event", name).build();
    }
}
