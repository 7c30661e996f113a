package org.confero.backup;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;

/**
 * What a backup holds and how to check it ({@value BackupFormat#MANIFEST}): written last, after every file it names, so
 * a manifest lists only complete files. Read back strictly: a missing or mistyped field is a corrupt backup.
 */
record Manifest(int format, String id, Instant createdAt, String server, String trigger, Optional<String> slot,
        String schemaVersion, String database, List<TableEntry> tables, AttachmentsEntry attachments) {

    /** One table's file: the columns in the order of each row's values, the row count and the file's SHA-256. */
    record TableEntry(String name, String file, List<String> columns, long rows, String sha256) {
        TableEntry {
            columns = List.copyOf(columns);
        }
    }

    /** The attachments copy: how many files and bytes, and the SHA-256 of the index listing each file's hash. */
    record AttachmentsEntry(long files, long bytes, String indexSha256) {
    }

    Manifest {
        Objects.requireNonNull(id, "id");
        tables = List.copyOf(tables);
    }

    long rows() {
        return tables.stream().mapToLong(TableEntry::rows).sum();
    }

    void write(Path file) throws IOException {
        JsonArrayBuilder tableArray = Json.createArrayBuilder();
        for (TableEntry t : tables) {
            tableArray.add(Json.createObjectBuilder().add("name", t.name()).add("file", t.file())
                    .add("columns", Json.createArrayBuilder(t.columns())).add("rows", t.rows())
                    .add("sha256", t.sha256()));
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("format", format).add("id", id)
                .add("createdAt", createdAt.toString()).add("server", server).add("trigger", trigger);
        slot.ifPresent(s -> json.add("slot", s));
        json.add("schemaVersion", schemaVersion).add("database", database).add("tables", tableArray).add("attachments",
                Json.createObjectBuilder().add("files", attachments.files()).add("bytes", attachments.bytes())
                        .add("indexSha256", attachments.indexSha256()));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8); JsonWriter writer = Json
                .createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(json.build());
        }
    }

    /** The manifest of the backup in {@code dir}; a corrupt one is a {@link ProblemType#BACKUP_CORRUPT} failure. */
    static Manifest read(Path dir) throws IOException {
        Path file = dir.resolve(BackupFormat.MANIFEST);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonReader reader = Json.createReader(in)) {
            JsonObject json = reader.readObject();
            List<TableEntry> tables = new ArrayList<>();
            for (JsonValue value : json.getJsonArray("tables")) {
                JsonObject t = value.asJsonObject();
                List<String> columns = t.getJsonArray("columns").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString).toList();
                tables.add(new TableEntry(t.getString("name"), t.getString("file"), columns,
                        t.getJsonNumber("rows").longValueExact(), t.getString("sha256")));
            }
            JsonObject a = json.getJsonObject("attachments");
            return new Manifest(json.getInt("format"), json.getString("id"), Instant.parse(json.getString("createdAt")),
                    json.getString("server"), json.getString("trigger"),
                    Optional.ofNullable(json.getString("slot", null)), json.getString("schemaVersion"),
                    json.getString("database"), tables, new AttachmentsEntry(a.getJsonNumber("files").longValueExact(),
                            a.getJsonNumber("bytes").longValueExact(), a.getString("indexSha256")));
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException | IllegalStateException
                | DateTimeParseException | java.io.UncheckedIOException e) {
            throw new DomainException(ProblemType.BACKUP_CORRUPT,
                    "the manifest of backup " + dir.getFileName() + " cannot be read: " + describe(e));
        }
    }

    // The parser's own message names the position; other failures name only what was wrong, never a stack trace.
    private static String describe(RuntimeException e) {
        if (e instanceof JsonException) {
            return "not valid JSON (" + e.getMessage() + ")";
        }
        return "a field is missing or has the wrong type";
    }
}
