package org.moodlesync.jooq.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * A database server the tests create throw-away databases on: in-memory H2, and the local PostgreSQL and MariaDB.
 *
 * <p>Where the servers are, from environment variables (defaults in brackets):
 * <ul>
 *   <li>{@code MOODLE_SYNC_PG_URL} [{@code jdbc:postgresql://127.0.0.1:5432/postgres}] — any database of the server;
 *       test databases are created next to it — with {@code MOODLE_SYNC_PG_USER} [{@code postgres}] and
 *       {@code MOODLE_SYNC_PG_PASSWORD} [empty]; the user needs CREATEDB;</li>
 *   <li>{@code MOODLE_SYNC_MARIADB_URL} [{@code jdbc:mariadb://127.0.0.1:3306/}], {@code MOODLE_SYNC_MARIADB_USER}
 *       [{@code root}], {@code MOODLE_SYNC_MARIADB_PASSWORD} [empty].</li>
 * </ul>
 * A server that cannot be reached skips the tests that need it, naming the server, or fails them when the
 * environment variable {@code CI} is {@code true}.
 */
public enum DatabaseServer {

    H2("H2", SQLDialect.H2),
    POSTGRESQL("PostgreSQL", SQLDialect.POSTGRES),
    MARIADB("MariaDB", SQLDialect.MARIADB);

    private static final Pattern URL = Pattern.compile("^(jdbc:[a-z0-9]+://[^/?]+)/?([^?]*)(\\?.*)?$");
    private static final Map<DatabaseServer, String> PROBLEMS = new ConcurrentHashMap<>();

    private final String displayName;
    private final SQLDialect dialect;

    DatabaseServer(String displayName, SQLDialect dialect) {
        this.displayName = displayName;
        this.dialect = dialect;
    }

    /** The jOOQ dialect. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** The user tests connect as. */
    public String user() {
        return switch (this) {
            case H2 -> "sa";
            case POSTGRESQL -> env("MOODLE_SYNC_PG_USER", "postgres");
            case MARIADB -> env("MOODLE_SYNC_MARIADB_USER", "root");
        };
    }

    /** That user's password. */
    public String password() {
        return switch (this) {
            case H2 -> "";
            case POSTGRESQL -> env("MOODLE_SYNC_PG_PASSWORD", "");
            case MARIADB -> env("MOODLE_SYNC_MARIADB_PASSWORD", "");
        };
    }

    /**
     * Skips the running test (or fails it when {@code CI=true}) unless the server answers. Checked once per JVM.
     */
    public void requireAvailable() {
        String problem = PROBLEMS.computeIfAbsent(this, DatabaseServer::probe);
        if (problem.isEmpty()) {
            return;
        }
        String message = displayName + " is not reachable at " + adminUrl() + " as '" + user() + "': " + problem
                + " — start it, or point " + envPrefix() + "_URL/_USER/_PASSWORD at a server";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionFailedError(message + " (CI=true, so this fails instead of being skipped)");
        }
        Assumptions.abort(message);
    }

    /** Creates an empty database (MariaDB: utf8mb4, utf8mb4_unicode_ci, as Moodle needs) and returns its URL. */
    String createDatabase(String name) {
        switch (this) {
            case H2 -> {
                return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
            }
            case POSTGRESQL -> admin("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
            case MARIADB -> admin("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        String url = withDatabase(adminUrl(), name);
        return this == POSTGRESQL ? withParameter(url, "reWriteBatchedInserts=true") : url;
    }

    /** Drops a database, whoever is still connected to it. */
    void dropDatabase(String name, String url) {
        switch (this) {
            case H2 -> {
                try (Connection c = DriverManager.getConnection(url, user(), password());
                     Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop H2 database " + name + ": " + e.getMessage(), e);
                }
            }
            case POSTGRESQL -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            case MARIADB -> admin("DROP DATABASE IF EXISTS " + name);
        }
    }

    private String probe() {
        if (this == H2) {
            return "";
        }
        try (Connection ignored = adminConnection()) {
            return "";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private void admin(String sql) {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(displayName + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }

    private Connection adminConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        properties.setProperty("connectTimeout", this == POSTGRESQL ? "5" : "5000");
        return DriverManager.getConnection(adminUrl(), properties);
    }

    /** The URL of the server's administrative database (test databases are created next to it). */
    public String adminUrl() {
        return switch (this) {
            case H2 -> "jdbc:h2:mem:";
            case POSTGRESQL -> env("MOODLE_SYNC_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
            case MARIADB -> env("MOODLE_SYNC_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
        };
    }

    private String envPrefix() {
        return this == POSTGRESQL ? "MOODLE_SYNC_PG" : "MOODLE_SYNC_MARIADB";
    }

    static String withDatabase(String url, String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the JDBC URL " + url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    private static String withParameter(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
