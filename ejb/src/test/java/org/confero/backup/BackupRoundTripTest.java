package org.confero.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.persistence.SchemaMigrations;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of a real H2 database at the newest schema, wiped and restored: every row of every table and every
 * attachment comes back identical (compared by an independent dump: {@code SELECT *} per table, rendered as text), new
 * rows get fresh identities, and damaged or foreign backups are refused before anything changes.
 */
class BackupRoundTripTest {

    @TempDir
    Path dir;

    private JdbcDataSource h2;
    private Path attachments;
    private BackupStore store;
    private String schemaVersion;

    @BeforeEach
    void setUp() throws Exception {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("db/confero") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("confero");
        SchemaMigrations.migrate(h2);
        schemaVersion = SchemaMigrations.currentVersion(h2);
        attachments = dir.resolve("data/attachments");
        store = new BackupStore(dir.resolve("backups"));
        sql("INSERT INTO users (username, display_name, email, password_hash, password_salt, password_iterations, role,"
                + " enabled, created_at, version) VALUES ('ann', 'Ann \"A\" O''Neil\nline two', NULL, 'h', 's', 210000,"
                + " 'ADMIN', TRUE, TIMESTAMP WITH TIME ZONE '2026-11-21 10:15:30.123456+02:00', 0)",
                "INSERT INTO users (username, display_name, password_hash, password_salt, password_iterations, role,"
                        + " enabled, created_at, version) VALUES ('bob', 'Bøb ✓', 'h2', 's2', 1, 'HOST', FALSE,"
                        + " CURRENT_TIMESTAMP, 3)",
                "INSERT INTO api_tokens (id, user_id, name, secret_hash, secret_salt, secret_iterations, created_at,"
                        + " version) SELECT 'tok1', id, 'ci', 'x', 'y', 5, CURRENT_TIMESTAMP, 0 FROM users"
                        + " WHERE username = 'bob'",
                "INSERT INTO meetings (id, topic, host_id, duration_minutes, time_zone, type, waiting_room,"
                        + " mute_on_entry, state, created_at, version) SELECT 12345678901, 'Review', id, 45,"
                        + " 'Europe/Berlin', 'MEETING', TRUE, FALSE, 'SCHEDULED', CURRENT_TIMESTAMP, 1 FROM users"
                        + " WHERE username = 'bob'",
                "INSERT INTO zones (id, name, latitude, longitude, state, version) VALUES ('eu', 'Europe', 0.1,"
                        + " -73.98765432109876, 'ENABLED', 0)",
                "INSERT INTO zone_controllers (zone_id, position, url) VALUES ('eu', 0, 'https://a'), ('eu', 1,"
                        + " 'https://b')",
                "INSERT INTO meeting_chat (meeting_id, participant_id, display_name, text, sent_at) VALUES"
                        + " ('12345678901', 'p1', 'Ann', 'hello', CURRENT_TIMESTAMP)");
        write("rooms/7/photo.bin", new byte[] { 0, 1, 2, (byte) 255 });
        write("rooms/7/notes.txt", "write-once".getBytes(StandardCharsets.UTF_8));
        write("top.txt", new byte[0]);
    }

    @Test
    void wipedDatabaseAndFilesComeBackIdentical() throws Exception {
        Map<String, String> rowsBefore = dump();
        Map<String, String> filesBefore = files(attachments);

        Manifest manifest = backup();
        assertThat(manifest.tables()).extracting(Manifest.TableEntry::name)
                .contains("users", "meetings", "api_tokens", "zones", "zone_controllers", "meeting_chat")
                .doesNotContain("flyway_schema_history", "backup_slots");
        assertThat(manifest.attachments().files()).isEqualTo(3);
        assertThat(store.completeIds()).containsExactly(manifest.id());
        assertThat(java.nio.file.attribute.PosixFilePermissions
                .toString(Files.getPosixFilePermissions(store.root().resolve(manifest.id()))))
                        .as("password hashes inside: owner only").isEqualTo("rwx------");

        // Wipe: every row, every file; and something new that the restore must remove.
        sql("DELETE FROM api_tokens", "DELETE FROM meetings", "DELETE FROM zone_controllers", "DELETE FROM zones",
                "DELETE FROM meeting_chat", "DELETE FROM users");
        sql("INSERT INTO zones (id, name, state, version) VALUES ('new', 'After the backup', 'ENABLED', 0)");
        AttachmentTree.deleteTree(attachments);
        write("later.txt", "not in the backup".getBytes(StandardCharsets.UTF_8));

        restore(manifest.id());

        assertThat(dump()).isEqualTo(rowsBefore);
        assertThat(files(attachments)).isEqualTo(filesBefore);
        // Identities restart after the restored rows: a new user does not collide.
        sql("INSERT INTO users (username, display_name, password_hash, password_salt, password_iterations, role,"
                + " enabled, created_at, version) VALUES ('cid', 'Cid', 'h', 's', 1, 'HOST', TRUE, CURRENT_TIMESTAMP,"
                + " 0)");
        assertThat(query("SELECT MAX(id) FROM users")).isEqualTo("3");
        assertThat(Files.list(attachments.getParent()).map(p -> p.getFileName().toString()))
                .as("no staging or replaced trees left behind").containsExactly("attachments");
    }

    @Test
    void aSnapshotIgnoresWhatOthersCommitWhileItReads() throws Exception {
        try (Connection reader = h2.getConnection(); Connection writer = h2.getConnection()) {
            reader.setAutoCommit(false);
            reader.setReadOnly(true);
            reader.setTransactionIsolation(DatabaseDump.snapshotIsolation(reader.getMetaData()));
            assertThat(count(reader, "users")).isEqualTo("2");
            try (Statement s = writer.createStatement()) {
                s.execute("INSERT INTO zones (id, name, state, version) VALUES ('late', 'Late', 'ENABLED', 0)");
            }
            assertThat(count(reader, "zones")).as("a table first read after another's commit").isEqualTo("1");
            reader.commit();
            assertThat(count(reader, "zones")).isEqualTo("2");
        }
    }

    @Test
    void retentionKeepsTheNewest() throws Exception {
        Instant t = Instant.parse("2026-11-21T02:30:00Z");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (Connection c = h2.getConnection()) {
                ids.add(BackupWriter
                        .write(store, c, attachments, schemaVersion,
                                new BackupWriter.Origin("node", "scheduled", Optional.of("slot" + i)), t.plusSeconds(i))
                        .id());
            }
        }
        assertThat(store.prune(2, Instant.now())).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(store.completeIds()).containsExactly(ids.get(3), ids.get(2));
    }

    @Test
    void aDamagedTableFileIsRefusedBeforeAnythingChanges() throws Exception {
        Manifest manifest = backup();
        Path users = store.root().resolve(manifest.id()).resolve("db/users.jsonl");
        Files.writeString(users, Files.readString(users).replace("bob", "eve"));
        Map<String, String> before = dump();

        assertProblem(() -> restore(manifest.id()), ProblemType.BACKUP_CORRUPT, "db/users.jsonl");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void aDamagedAttachmentOrManifestIsRefused() throws Exception {
        Manifest manifest = backup();
        Path backup = store.root().resolve(manifest.id());
        Files.write(backup.resolve("attachments/rooms/7/photo.bin"), new byte[] { 9, 9, 9, 9 });
        assertProblem(() -> restore(manifest.id()), ProblemType.BACKUP_CORRUPT, "rooms/7/photo.bin");

        Files.writeString(backup.resolve(BackupFormat.MANIFEST), "{\"format\":1,");
        assertProblem(() -> restore(manifest.id()), ProblemType.BACKUP_CORRUPT, "manifest");
    }

    @Test
    void aBackupOfAnotherSchemaVersionIsRefused() throws Exception {
        Manifest manifest = backup();
        assertThatThrownBy(() -> BackupRestorer.verify(store.root().resolve(manifest.id()), "999"))
                .isInstanceOf(DomainException.class).satisfies(e -> {
                    assertThat(((DomainException) e).type()).isEqualTo(ProblemType.BACKUP_INCOMPATIBLE);
                    assertThat(e.getMessage()).contains("schema version " + schemaVersion).contains("999");
                });
    }

    @Test
    void scheduleSlotsAreTheSameOnEveryServer() {
        BackupTimes every = BackupTimes.every(java.time.Duration.ofSeconds(20));
        assertThat(every.next(Instant.parse("2026-11-21T10:00:07.5Z"))).isEqualTo("2026-11-21T10:00:20Z");
        assertThat(every.next(Instant.parse("2026-11-21T10:00:20Z"))).isEqualTo("2026-11-21T10:00:40Z");
        BackupTimes daily = BackupTimes.dailyAt(java.time.LocalTime.of(2, 30), java.time.ZoneId.of("Europe/Berlin"));
        assertThat(daily.next(Instant.parse("2026-11-21T00:00:00Z"))).isEqualTo("2026-11-21T01:30:00Z");
        assertThat(daily.next(Instant.parse("2026-11-21T01:30:00Z"))).isEqualTo("2026-11-22T01:30:00Z");
    }

    private Manifest backup() throws SQLException, IOException {
        try (Connection c = h2.getConnection()) {
            return BackupWriter.write(store, c, attachments, schemaVersion,
                    new BackupWriter.Origin("test-node", "manual", Optional.empty()), Instant.now());
        }
    }

    private void restore(String id) throws SQLException, IOException {
        BackupRestorer.Verified verified = BackupRestorer.verify(store.find(id).orElseThrow(), schemaVersion);
        try (Connection c = h2.getConnection()) {
            BackupRestorer.restore(verified, c, attachments);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void assertProblem(Action action, ProblemType type, String detail) {
        assertThatThrownBy(action::run).isInstanceOf(DomainException.class).satisfies(e -> {
            assertThat(((DomainException) e).type()).isEqualTo(type);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    /** Every table (but Flyway's) as text: each row's columns rendered by getString, rows sorted. */
    private Map<String, String> dump() throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = h2.getConnection(); Statement s = c.createStatement();
                ResultSet names = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] { "BASE TABLE" })) {
            List<String> all = new java.util.ArrayList<>();
            while (names.next()) {
                all.add(names.getString("TABLE_NAME"));
            }
            for (String table : all) {
                if (table.startsWith("flyway")) {
                    continue;
                }
                List<String> rows = new java.util.ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, String.join("\n", rows));
            }
        }
        assertThat(tables).containsKeys("USERS", "MEETINGS");
        return tables;
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                hashes.put(root.relativize(p).toString(),
                        HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(p))));
            }
        }
        return hashes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String path, byte[] content) throws IOException {
        Path file = attachments.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
