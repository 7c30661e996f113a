package org.confero.backup;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * How a column's values travel through a backup: read from a {@link ResultSet} as a JSON value, bound back to a
 * {@link PreparedStatement} from one. Chosen from the JDBC type and the database's type name, because drivers report
 * the same SQL type differently (PostgreSQL's {@code timestamptz} is {@link Types#TIMESTAMP} with that name, H2's is
 * {@link Types#TIMESTAMP_WITH_TIMEZONE}); a restore binds by the target's kinds, so a backup of H2 restores into
 * PostgreSQL at the same schema version.
 */
enum ColumnKind {
    INTEGER {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            long value = rs.getLong(i);
            return rs.wasNull() ? JsonValue.NULL : Json.createValue(value);
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setLong(i, ((JsonNumber) value).longValueExact());
        }
    },
    DECIMAL {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            java.math.BigDecimal value = rs.getBigDecimal(i);
            return value == null ? JsonValue.NULL : Json.createValue(value);
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setBigDecimal(i, ((JsonNumber) value).bigDecimalValue());
        }
    },
    /**
     * Finite values as JSON numbers (exact: the shortest decimal that reads back as the same double), others as text.
     */
    FLOATING {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            double value = rs.getDouble(i);
            if (rs.wasNull()) {
                return JsonValue.NULL;
            }
            return Double.isFinite(value) ? Json.createValue(value) : Json.createValue(Double.toString(value));
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setDouble(i, value instanceof JsonString text ? Double.parseDouble(text.getString())
                    : ((JsonNumber) value).doubleValue());
        }
    },
    BOOLEAN {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            boolean value = rs.getBoolean(i);
            return rs.wasNull() ? JsonValue.NULL : value ? JsonValue.TRUE : JsonValue.FALSE;
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw new ClassCastException("not a boolean");
            }
            ps.setBoolean(i, value == JsonValue.TRUE);
        }
    },
    TEXT {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            return textOf(rs.getString(i));
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setString(i, text(value));
        }
    },
    /**
     * TIMESTAMP WITH TIME ZONE: an instant with the offset the database gives (H2 keeps the offset it was written with,
     * so it comes back identical; PostgreSQL answers in the session's zone, the same instant).
     */
    INSTANT {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            OffsetDateTime value = rs.getObject(i, OffsetDateTime.class);
            return value == null ? JsonValue.NULL
                    : Json.createValue(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setObject(i, OffsetDateTime.parse(((JsonString) value).getString()));
        }
    },
    LOCAL_DATE_TIME {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            return textOf(rs.getObject(i, LocalDateTime.class));
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setObject(i, LocalDateTime.parse(text(value)));
        }
    },
    DATE {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            return textOf(rs.getObject(i, LocalDate.class));
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setObject(i, LocalDate.parse(text(value)));
        }
    },
    TIME {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            return textOf(rs.getObject(i, LocalTime.class));
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setObject(i, LocalTime.parse(text(value)));
        }
    },
    BINARY {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            byte[] value = rs.getBytes(i);
            return value == null ? JsonValue.NULL : Json.createValue(Base64.getEncoder().encodeToString(value));
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setBytes(i, Base64.getDecoder().decode(((JsonString) value).getString()));
        }
    },
    UUID_TEXT {
        @Override
        JsonValue read(ResultSet rs, int i) throws SQLException {
            return textOf(rs.getObject(i));
        }

        @Override
        void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException {
            ps.setObject(i, UUID.fromString(text(value)));
        }
    };

    /** The column's value in the current row of {@code rs}. */
    abstract JsonValue read(ResultSet rs, int i) throws SQLException;

    /**
     * Binds a non-null {@code value}; a value of the wrong JSON type throws {@link ClassCastException},
     * {@link ArithmeticException} or {@link IllegalArgumentException} (the restore reports the backup as corrupt).
     */
    abstract void bind(PreparedStatement ps, int i, JsonValue value) throws SQLException;

    /** A value kept as its text form ({@code toString}), or JSON null. */
    private static JsonValue textOf(Object value) {
        return value == null ? JsonValue.NULL : Json.createValue(value.toString());
    }

    /** A JSON string's text; any other JSON type is a damaged backup ({@link ClassCastException}). */
    private static String text(JsonValue value) {
        return ((JsonString) value).getString();
    }

    /** The kind for a column as {@link java.sql.DatabaseMetaData#getColumns} describes it; empty: not supported. */
    static Optional<ColumnKind> of(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.equals("uuid")) {
            return Optional.of(UUID_TEXT);
        }
        if (name.equals("timestamptz") || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
                || (jdbcType == Types.TIMESTAMP && name.contains("with time zone"))) {
            return Optional.of(INSTANT);
        }
        return Optional.ofNullable(switch (jdbcType) {
        case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INTEGER;
        case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
        case Types.DOUBLE, Types.FLOAT, Types.REAL -> FLOATING;
        case Types.BOOLEAN, Types.BIT -> BOOLEAN;
        case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> TEXT;
        case Types.TIMESTAMP -> LOCAL_DATE_TIME;
        case Types.DATE -> DATE;
        case Types.TIME -> TIME;
        case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
        default -> null;
        });
    }
}
