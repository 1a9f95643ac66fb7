package dev.lightstream.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB in the process (JDBC), limited to one thread as the targets ask ("the same number
 * of threads"): an in-memory database whose statements a measurement times.
 */
final class DuckDbPeer implements AutoCloseable {
    /** Side name. */
    static final String NAME = "duckdb";

    private final Connection connection;

    DuckDbPeer() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET threads = 1");
        execute("SET TimeZone = 'UTC'");
        execute("SET preserve_insertion_order = true");
    }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Row count and sum of the int64 column {@code column} of {@code table}. */
    long[] countAndSum(String table, String column) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(" + column + "), 0)::BIGINT FROM " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** A path as a SQL string literal. */
    static String literal(java.nio.file.Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
