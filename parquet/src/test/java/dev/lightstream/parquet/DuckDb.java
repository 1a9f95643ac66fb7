package dev.lightstream.parquet;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.TimeUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * DuckDB through JDBC, the independent implementation the tests compare with, and the conversion of
 * the Java objects its driver returns to the normalized values of {@link ReadBack}.
 */
final class DuckDb {
    private DuckDb() {}

    /** A fresh in-memory database whose session time zone is UTC. */
    static Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone='UTC'");
        }
        return connection;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** The rows of {@code sql}, each value converted for the Arrow field of its column in {@code fields}. */
    static List<List<Object>> rows(Connection connection, String sql, List<Field> fields) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            if (columns != fields.size()) {
                throw new IllegalArgumentException(columns + " columns from DuckDB, " + fields.size() + " fields");
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    row.add(value(rs.getObject(c + 1), fields.get(c).type()));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A DuckDB value as the normalized value of an Arrow column of {@code type} (a read-back type). */
    static Object value(Object duck, DataType type) throws SQLException {
        return ReadBack.normalize(valueOf(duck, type));
    }

    private static Object valueOf(Object duck, DataType type) throws SQLException {
        if (duck == null) {
            return null;
        }
        return switch (type) {
            case DataType.Int i -> {
                BigInteger big = duck instanceof BigInteger b ? b : BigInteger.valueOf(((Number) duck).longValue());
                yield switch (i.bitWidth()) {
                    case 8 -> i.signed() ? (Object) big.byteValueExact() : (Object) big.intValueExact();
                    case 16 -> i.signed() ? (Object) big.shortValueExact() : (Object) big.intValueExact();
                    case 32 -> i.signed() ? (Object) big.intValueExact() : (Object) big.longValueExact();
                    default -> i.signed() ? (Object) big.longValueExact() : big;
                };
            }
            case DataType.FloatingPoint f -> switch (f.precision()) {
                case HALF, SINGLE -> ((Number) duck).floatValue();
                case DOUBLE -> ((Number) duck).doubleValue();
            };
            case DataType.Decimal d -> ((BigDecimal) duck).setScale(d.scale());
            case DataType.Date d -> (int) ((LocalDate) duck).toEpochDay();
            case DataType.Time t -> {
                long nanos = ((LocalTime) duck).toNanoOfDay();
                long unit = 1_000_000_000L / t.unit().perSecond();
                yield t.bitWidth() == 32 ? (Object) (int) (nanos / unit) : (Object) (nanos / unit);
            }
            case DataType.Timestamp t -> {
                Instant instant = switch (duck) {
                    case java.sql.Timestamp ts -> ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
                    case OffsetDateTime odt -> odt.toInstant();
                    case java.time.LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
                    // The driver gives TIMESTAMP_NS WITH TIME ZONE as text: "2027-06-26 23:05:16.92576833+00".
                    case String text -> OffsetDateTime.parse(text.replace(' ', 'T')
                            + (text.matches(".*[+-]\\d\\d$") ? ":00" : "")).toInstant();
                    default -> throw new IllegalArgumentException("timestamp from DuckDB as " + duck.getClass() + " " + duck + " for " + t);
                };
                yield toUnit(instant, t.unit());
            }
            case DataType.Utf8 u -> duck.toString();
            case DataType.Binary b -> "0x" + HexFormat.of().formatHex(bytes(duck));
            case DataType.FixedSizeBinary b -> "0x" + HexFormat.of().formatHex(bytes(duck));
            case DataType.Extension e -> {
                UUID uuid = (UUID) duck;
                yield "0x" + HexFormat.of().formatHex(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits()).array());
            }
            case DataType.Interval i -> {
                // Interval columns are selected as [months, days, nanoseconds] (see intervalParts).
                Object[] parts = (Object[]) ((java.sql.Array) duck).getArray();
                yield Map.of("months", ((Number) parts[0]).intValue(), "days", ((Number) parts[1]).intValue(),
                        "nanoseconds", ((Number) parts[2]).longValue());
            }
            case DataType.List l -> {
                Object[] elements = (Object[]) ((java.sql.Array) duck).getArray();
                List<Object> out = new ArrayList<>();
                for (Object e : elements) {
                    out.add(value(e, l.element().type()));
                }
                yield out;
            }
            case DataType.Struct s -> {
                Object[] attributes = ((Struct) duck).getAttributes();
                Map<String, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < s.fields().size(); i++) {
                    out.put(s.fields().get(i).name(), value(attributes[i], s.fields().get(i).type()));
                }
                yield out;
            }
            case DataType.Map m -> {
                List<Object> out = new ArrayList<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) duck).entrySet()) {
                    out.add(Map.of("k", String.valueOf(value(e.getKey(), m.key().type())),
                            "v", String.valueOf(value(e.getValue(), m.value().type()))));
                }
                yield out;
            }
            case DataType.Bool b -> duck;
            default -> throw new IllegalArgumentException("no conversion of DuckDB " + duck.getClass() + " to " + type);
        };
    }

    /** The SQL that selects interval column {@code column} as [months, days, nanoseconds]. */
    static String intervalParts(String column) {
        return "[datepart('year', " + column + ") * 12 + datepart('month', " + column + "), datepart('day', " + column
                + "), (datepart('hour', " + column + ") * 3600 + datepart('minute', " + column
                + ") * 60)::BIGINT * 1000000000 + datepart('microseconds', " + column + ")::BIGINT * 1000]";
    }

    private static long toUnit(Instant instant, TimeUnit unit) {
        long seconds = instant.getEpochSecond();
        long nanos = instant.getNano();
        return switch (unit) {
            case SECOND -> seconds;
            case MILLISECOND -> seconds * 1000 + nanos / 1_000_000;
            case MICROSECOND -> seconds * 1_000_000 + nanos / 1000;
            case NANOSECOND -> seconds * 1_000_000_000 + nanos;
        };
    }

    private static byte[] bytes(Object duck) throws SQLException {
        if (duck instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (duck instanceof byte[] b) {
            return b;
        }
        throw new IllegalArgumentException("bytes from DuckDB as " + duck.getClass());
    }
}
