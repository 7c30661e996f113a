package org.confero.backup;

import java.util.Locale;
import java.util.Objects;

/**
 * A column of a Confero table: its name as the database spells it ({@code name}), the portable lower-case name used in
 * backups ({@code key}), how its values are carried, its JDBC type (for NULLs) and whether it is an identity column.
 */
record Column(String name, ColumnKind kind, int jdbcType, boolean identity) {

    Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    String key() {
        return name.toLowerCase(Locale.ROOT);
    }
}
