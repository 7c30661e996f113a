package org.confero.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;

/**
 * Confero's tables as the database describes them (JDBC metadata of the connection's schema), so that tables added by
 * later migrations are backed up without a change here. Ordered parents first: inserting in this order and deleting in
 * the reverse never violates a foreign key.
 */
final class DatabaseTables {

    private DatabaseTables() {
    }

    static List<Table> discover(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        Map<String, String> names = new TreeMap<>(); // key → name as spelt by the database
        try (ResultSet tables = meta.getTables(catalog, schema, "%", null)) {
            while (tables.next()) {
                String type = String.valueOf(tables.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                String name = tables.getString("TABLE_NAME");
                // H2 2.x says "BASE TABLE", PostgreSQL "TABLE".
                if ((type.equals("TABLE") || type.equals("BASE TABLE"))
                        && !BackupFormat.EXCLUDED_TABLES.contains(name.toLowerCase(Locale.ROOT))) {
                    names.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        Map<String, Table> byKey = new LinkedHashMap<>();
        for (String name : names.values()) {
            Table table = describe(meta, catalog, schema, name);
            Set<String> parents = new HashSet<>(table.parents());
            parents.retainAll(names.keySet());
            byKey.put(table.key(), new Table(table.name(), table.columns(), table.primaryKey(), parents));
        }
        return parentsFirst(byKey);
    }

    private static Table describe(DatabaseMetaData meta, String catalog, String schema, String name)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        // Metadata patterns treat '_' as a wildcard: keep only rows of exactly this table.
        try (ResultSet rs = meta.getColumns(catalog, schema, name, "%")) {
            Map<Integer, Column> ordered = new TreeMap<>();
            while (rs.next()) {
                if (!name.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                String column = rs.getString("COLUMN_NAME");
                int jdbcType = rs.getInt("DATA_TYPE");
                String typeName = rs.getString("TYPE_NAME");
                ColumnKind kind = ColumnKind.of(jdbcType, typeName)
                        .orElseThrow(() -> new DomainException(ProblemType.INTERNAL_ERROR,
                                "column " + name + "." + column + " has a type backups do not carry: " + typeName));
                ordered.put(rs.getInt("ORDINAL_POSITION"),
                        new Column(column, kind, jdbcType, "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
            }
            columns.addAll(ordered.values());
        }
        List<String> primaryKey = new ArrayList<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, name)) {
            Map<Integer, String> ordered = new TreeMap<>();
            while (rs.next()) {
                if (name.equals(rs.getString("TABLE_NAME"))) {
                    ordered.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            primaryKey.addAll(ordered.values());
        }
        Set<String> parents = new HashSet<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, name)) {
            while (rs.next()) {
                String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                if (!parent.equals(name.toLowerCase(Locale.ROOT))) { // a self-reference orders nothing
                    parents.add(parent);
                }
            }
        }
        return new Table(name, columns, primaryKey, parents);
    }

    /** Kahn's algorithm, alphabetical among equals so that the order (and so the dump) is stable. */
    private static List<Table> parentsFirst(Map<String, Table> byKey) {
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (ordered.size() < byKey.size()) {
            Table next = byKey.values().stream().filter(t -> !placed.contains(t.key()))
                    .filter(t -> placed.containsAll(t.parents())).findFirst()
                    .orElseThrow(() -> new DomainException(ProblemType.INTERNAL_ERROR,
                            "the foreign keys between " + byKey.keySet() + " form a cycle; backups cannot order them"));
            ordered.add(next);
            placed.add(next.key());
        }
        return ordered;
    }
}
