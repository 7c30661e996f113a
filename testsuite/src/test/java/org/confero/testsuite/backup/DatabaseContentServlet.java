package org.confero.testsuite.backup;

import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Test fixture deployed next to the EAR, independent of the backup code it checks: {@code GET} answers every table's
 * row count and a SHA-256 over its rows (each rendered column by column with getString, rows sorted), so two answers
 * are equal exactly when every row of every table is; {@code POST ?keep=<user>} deletes every row of every table but
 * that user's (the admin who then restores), retrying tables whose foreign keys still hold rows.
 */
@WebServlet("/database-content")
public class DatabaseContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Not Confero's data: Flyway's history and the backups' bookkeeping. */
    private static final List<String> IGNORED = List.of("flyway_schema_history", "backup_slots", "backup_lock");

    @Resource(lookup = "java:jboss/datasources/ConferoDS")
    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            JsonObjectBuilder tables = Json.createObjectBuilder();
            for (Map.Entry<String, String> table : tables(connection).entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table.getValue() + "\"")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(meta.getColumnName(i).toLowerCase(Locale.ROOT)).append('=')
                                    .append(rs.getString(i)).append('\u0001');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                MessageDigest digest = sha256();
                rows.forEach(r -> digest.update((r + "\n").getBytes(StandardCharsets.UTF_8)));
                tables.add(table.getKey(), Json.createObjectBuilder().add("rows", rows.size()).add("sha256",
                        HexFormat.of().formatHex(digest.digest())));
            }
            response.setContentType("application/json");
            response.getWriter().write(tables.build().toString());
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String keep = request.getParameter("keep");
        try (Connection connection = dataSource.getConnection()) {
            List<String> remaining = new ArrayList<>(tables(connection).values());
            for (int pass = 0; !remaining.isEmpty() && pass <= remaining.size(); pass++) {
                List<String> failed = new ArrayList<>();
                for (String table : remaining) {
                    boolean users = table.equalsIgnoreCase("users");
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM \"" + table + "\""
                            + (users ? " WHERE \"" + column(connection, table, "username") + "\" <> ?" : ""))) {
                        if (users) {
                            delete.setString(1, keep);
                        }
                        delete.executeUpdate();
                    } catch (SQLException stillReferenced) {
                        failed.add(table);
                    }
                }
                remaining = failed;
            }
            if (!remaining.isEmpty()) {
                throw new IOException("could not empty " + remaining);
            }
            response.setStatus(204);
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    /** Lower-case name → name as the database spells it (H2 upper case, PostgreSQL lower case). */
    private static Map<String, String> tables(Connection connection) throws SQLException {
        Map<String, String> names = new TreeMap<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE").toUpperCase(Locale.ROOT);
                String name = rs.getString("TABLE_NAME");
                if ((type.equals("TABLE") || type.equals("BASE TABLE"))
                        && !IGNORED.contains(name.toLowerCase(Locale.ROOT))) {
                    names.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return names;
    }

    private static String column(Connection connection, String table, String key) {
        return table.equals(table.toUpperCase(Locale.ROOT)) ? key.toUpperCase(Locale.ROOT) : key;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
