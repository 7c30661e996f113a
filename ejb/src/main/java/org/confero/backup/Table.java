package org.confero.backup;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Confero table: its name as the database spells it, its columns in order, its primary key (for a stable row order in
 * dumps) and the tables its foreign keys point at ({@code parents}, by key).
 */
record Table(String name, List<Column> columns, List<String> primaryKey, Set<String> parents) {

    Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        parents = Set.copyOf(parents);
    }

    /** The portable name: lower case, as in the migrations and in backup files. */
    String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    Optional<Column> column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst();
    }
}
