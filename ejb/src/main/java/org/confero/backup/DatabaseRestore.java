package org.confero.backup;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;

/**
 * Replaces every row of every Confero table with a backup's, in one transaction: all rows deleted children first, the
 * backup's inserted parents first, then each identity column restarted after its highest restored value (portable
 * {@code ALTER TABLE … ALTER COLUMN … RESTART WITH}), so new rows never collide with restored ones. On PostgreSQL the
 * restarts are part of the same transaction; H2 commits before any DDL, so there the rows are committed as a whole
 * first and the restarts follow.
 */
final class DatabaseRestore {

    private static final int BATCH = 500;

    private DatabaseRestore() {
    }

    /** The tables of {@code manifest} restored from {@code backup}; returns the rows restored per table. */
    static Map<String, Long> restore(Connection connection, Manifest manifest, Path backup)
            throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Table> tables = DatabaseTables.discover(connection);
            Map<String, Manifest.TableEntry> entries = matching(tables, manifest);
            String quote = connection.getMetaData().getIdentifierQuoteString().trim();
            try (Statement statement = connection.createStatement()) {
                for (int i = tables.size() - 1; i >= 0; i--) {
                    statement.executeUpdate("DELETE FROM " + quote + tables.get(i).name() + quote);
                }
            }
            Map<String, Long> restored = new LinkedHashMap<>();
            for (Table table : tables) {
                restored.put(table.key(), insert(connection, quote, table, entries.get(table.key()), backup));
            }
            for (Table table : tables) {
                restartIdentities(connection, quote, table);
            }
            connection.commit();
            return restored;
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The backup must hold exactly the tables and columns of this schema (same version, same shape). */
    private static Map<String, Manifest.TableEntry> matching(List<Table> tables, Manifest manifest) {
        Map<String, Manifest.TableEntry> entries = manifest.tables().stream()
                .collect(Collectors.toMap(Manifest.TableEntry::name, e -> e, (a, b) -> a, LinkedHashMap::new));
        Set<String> here = tables.stream().map(Table::key).collect(Collectors.toCollection(TreeSet::new));
        if (!here.equals(new TreeSet<>(entries.keySet()))) {
            throw new DomainException(ProblemType.BACKUP_INCOMPATIBLE, "backup " + manifest.id() + " holds tables "
                    + new TreeSet<>(entries.keySet()) + ", this database has " + here);
        }
        for (Table table : tables) {
            Set<String> columns = table.columns().stream().map(Column::key).collect(Collectors.toSet());
            if (!columns.equals(Set.copyOf(entries.get(table.key()).columns()))) {
                throw new DomainException(ProblemType.BACKUP_INCOMPATIBLE, "table " + table.key() + " of backup "
                        + manifest.id() + " has columns " + entries.get(table.key()).columns() + ", here " + columns);
            }
        }
        return entries;
    }

    private static long insert(Connection connection, String quote, Table table, Manifest.TableEntry entry, Path backup)
            throws SQLException, IOException {
        List<Column> columns = new ArrayList<>();
        for (String key : entry.columns()) {
            columns.add(table.column(key).orElseThrow());
        }
        String sql = "INSERT INTO " + quote + table.name() + quote + " ("
                + columns.stream().map(c -> quote + c.name() + quote).collect(Collectors.joining(", ")) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        try (PreparedStatement insert = connection.prepareStatement(sql);
                BufferedReader in = Files.newBufferedReader(backup.resolve(entry.file()), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null;) {
                rows++;
                bindRow(insert, columns, parse(line, entry, rows), entry, rows);
                insert.addBatch();
                if (rows % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        if (rows != entry.rows()) {
            throw corrupt(entry, 0, "has " + rows + " rows, the manifest says " + entry.rows());
        }
        return rows;
    }

    private static JsonArray parse(String line, Manifest.TableEntry entry, long row) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readArray();
        } catch (JsonException | IllegalStateException e) {
            throw corrupt(entry, row, "is not a JSON array");
        }
    }

    private static void bindRow(PreparedStatement insert, List<Column> columns, JsonArray values,
            Manifest.TableEntry entry, long row) throws SQLException {
        if (values.size() != columns.size()) {
            throw corrupt(entry, row, "has " + values.size() + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            JsonValue value = values.get(i);
            try {
                if (value == JsonValue.NULL) {
                    insert.setNull(i + 1, column.jdbcType());
                } else {
                    column.kind().bind(insert, i + 1, value);
                }
            } catch (ClassCastException | ArithmeticException | IllegalArgumentException | DateTimeParseException e) {
                throw corrupt(entry, row, "has a value of the wrong type for column " + column.key());
            }
        }
    }

    private static void restartIdentities(Connection connection, String quote, Table table) throws SQLException {
        for (Column column : table.columns()) {
            if (!column.identity()) {
                continue;
            }
            long next;
            try (Statement statement = connection.createStatement(); ResultSet max = statement.executeQuery(
                    "SELECT MAX(" + quote + column.name() + quote + ") FROM " + quote + table.name() + quote)) {
                max.next();
                next = max.getLong(1) + 1;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + quote + table.name() + quote + " ALTER COLUMN " + quote
                        + column.name() + quote + " RESTART WITH " + next);
            }
        }
    }

    private static DomainException corrupt(Manifest.TableEntry entry, long row, String what) {
        return new DomainException(ProblemType.BACKUP_CORRUPT,
                entry.file() + (row > 0 ? " line " + row : "") + " " + what);
    }
}
