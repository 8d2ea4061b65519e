package org.moodlesync.jooq.testkit;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.moodlesync.jooq.database.TablePrefix;

/**
 * Where the test kit makes its embedded Moodles: in-memory H2 by default, or on a PostgreSQL or MariaDB server where
 * it may create (and drop) databases of unique names.
 *
 * <p>Read by {@link #fromSystem()} (and by {@link EmbeddedMoodleExtension}, which also reads JUnit configuration
 * parameters, e.g. {@code junit-platform.properties}) from these settings, each a system property or else an
 * environment variable:
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>system property</th><th>environment variable</th><th></th></tr>
 *   <tr><td>{@value #URL}</td><td>{@code MOODLESYNC_TESTKIT_URL}</td><td>JDBC URL of the server, for example
 *       {@code jdbc:postgresql://127.0.0.1:5432/postgres} or {@code jdbc:mariadb://127.0.0.1:3306/}; absent or
 *       empty: H2 in memory</td></tr>
 *   <tr><td>{@value #USER}</td><td>{@code MOODLESYNC_TESTKIT_USER}</td><td>user (default {@code postgres} on
 *       PostgreSQL, {@code root} on MariaDB); it needs the right to create databases</td></tr>
 *   <tr><td>{@value #PASSWORD}</td><td>{@code MOODLESYNC_TESTKIT_PASSWORD}</td><td>password (default empty)</td></tr>
 *   <tr><td>{@value #PREFIX}</td><td>{@code MOODLESYNC_TESTKIT_PREFIX}</td><td>table prefix (default
 *       {@code mdl_})</td></tr>
 * </table>
 *
 * @param serverUrl   JDBC URL of a PostgreSQL or MariaDB server, or null for in-memory H2
 * @param user        user on that server (null: the engine's usual administrator)
 * @param password    that user's password (null: empty)
 * @param tablePrefix the Moodle table prefix
 */
public record TestMoodleSettings(String serverUrl, String user, String password, String tablePrefix) {

    /** The server's JDBC URL. */
    public static final String URL = "moodlesync.testkit.url";
    /** The server's user. */
    public static final String USER = "moodlesync.testkit.user";
    /** That user's password. */
    public static final String PASSWORD = "moodlesync.testkit.password";
    /** The table prefix. */
    public static final String PREFIX = "moodlesync.testkit.prefix";

    public TestMoodleSettings {
        serverUrl = blankToNull(serverUrl);
        tablePrefix = TablePrefix.of(tablePrefix == null || tablePrefix.isBlank()
                ? TablePrefix.DEFAULT.value() : tablePrefix).value();
        if (serverUrl != null && ServerDatabases.engineOf(serverUrl) == null) {
            throw new IllegalArgumentException(URL + " must be the JDBC URL of a PostgreSQL or MariaDB server"
                    + " (jdbc:postgresql://…, jdbc:mariadb://…), not " + serverUrl);
        }
    }

    /** In-memory H2, prefix {@code mdl_}. */
    public static TestMoodleSettings h2() {
        return new TestMoodleSettings(null, null, null, null);
    }

    /** A PostgreSQL or MariaDB server, prefix {@code mdl_}. */
    public static TestMoodleSettings server(String serverUrl, String user, String password) {
        return new TestMoodleSettings(Objects.requireNonNull(serverUrl, "serverUrl"), user, password, null);
    }

    /** These settings with another table prefix. */
    public TestMoodleSettings withTablePrefix(String prefix) {
        return new TestMoodleSettings(serverUrl, user, password, prefix);
    }

    /** The settings from system properties, or else environment variables (see the class comment). */
    public static TestMoodleSettings fromSystem() {
        return from(key -> Optional.empty());
    }

    /**
     * The settings from a lookup of the keys ({@value #URL} …), or else system properties, or else environment
     * variables ({@code MOODLESYNC_TESTKIT_URL} …).
     */
    public static TestMoodleSettings from(Function<String, Optional<String>> lookup) {
        Function<String, String> read = key -> lookup.apply(key)
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(key))))
                .map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        return new TestMoodleSettings(read.apply(URL), read.apply(USER), read.apply(PASSWORD), read.apply(PREFIX));
    }

    /** The environment variable of a setting: {@code moodlesync.testkit.url} is {@code MOODLESYNC_TESTKIT_URL}. */
    public static String environmentName(String key) {
        return key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** True for in-memory H2. */
    public boolean inMemory() {
        return serverUrl == null;
    }

    /** The user to connect as: the one given, or the engine's usual administrator. */
    public String effectiveUser() {
        if (user != null && !user.isBlank()) {
            return user;
        }
        return inMemory() ? "sa" : ServerDatabases.engineOf(serverUrl).defaultUser();
    }

    /** The password to connect with (never null). */
    public String effectivePassword() {
        return password == null ? "" : password;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return (inMemory() ? "H2 in memory" : serverUrl + " as " + effectiveUser()) + ", prefix " + tablePrefix;
    }
}
