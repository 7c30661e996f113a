package org.confero.backup;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The logical dump of every Confero table, read in one read-only transaction that sees one snapshot of the whole
 * database — rows committed while the dump runs are in none of its files, so the files agree with each other (a message
 * never refers to a room the dump lacks). Rows are streamed from the cursor to the file: memory use does not grow with
 * the tables.
 */
final class DatabaseDump {

    /** Rows fetched per round trip; PostgreSQL otherwise reads a whole result set into memory. */
    private static final int FETCH_SIZE = 500;

    private DatabaseDump() {
    }

    /** What the dump saw, besides the files: the tables in restore order and the database that was read. */
    record Result(List<Manifest.TableEntry> tables, String database) {
    }

    static Result write(Connection connection, Path directory) throws SQLException, IOException {
        Files.createDirectories(directory);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(snapshotIsolation(connection.getMetaData()));
        try {
            List<Table> tables = DatabaseTables.discover(connection);
            List<Manifest.TableEntry> entries = new ArrayList<>();
            for (Table table : tables) {
                entries.add(dumpTable(connection, table, directory));
            }
            DatabaseMetaData meta = connection.getMetaData();
            connection.commit();
            return new Result(entries, meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * The isolation level that gives one snapshot of every table for the whole transaction: PostgreSQL's REPEATABLE
     * READ is exactly that (what pg_dump uses; its SERIALIZABLE could abort a long read-only transaction); H2's
     * REPEATABLE READ only keeps rows already read stable, its SERIALIZABLE reads one snapshot of the database.
     */
    static int snapshotIsolation(DatabaseMetaData meta) throws SQLException {
        return meta.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")
                ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_SERIALIZABLE;
    }

    private static Manifest.TableEntry dumpTable(Connection connection, Table table, Path directory)
            throws SQLException, IOException {
        String file = BackupFormat.DATABASE_DIR + "/" + table.key() + BackupFormat.TABLE_SUFFIX;
        Path target = directory.resolve(table.key() + BackupFormat.TABLE_SUFFIX);
        String quote = connection.getMetaData().getIdentifierQuoteString().trim();
        String columns = table.columns().stream().map(c -> quote + c.name() + quote).collect(Collectors.joining(", "));
        String order = table.primaryKey().isEmpty() ? "" : " ORDER BY "
                + table.primaryKey().stream().map(c -> quote + c + quote).collect(Collectors.joining(", "));
        MessageDigest digest = Checksums.sha256();
        long rows = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement
                    .executeQuery("SELECT " + columns + " FROM " + quote + table.name() + quote + order);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest);
                    BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                List<Column> cols = table.columns();
                while (rs.next()) {
                    JsonArrayBuilder row = Json.createArrayBuilder();
                    for (int i = 0; i < cols.size(); i++) {
                        row.add(cols.get(i).kind().read(rs, i + 1));
                    }
                    // JSON escapes line breaks inside strings, so each row is exactly one line.
                    writer.write(row.build().toString());
                    writer.write('\n');
                    rows++;
                }
            }
        }
        return new Manifest.TableEntry(table.key(), file, table.columns().stream().map(Column::key).toList(), rows,
                Checksums.hex(digest));
    }
}
