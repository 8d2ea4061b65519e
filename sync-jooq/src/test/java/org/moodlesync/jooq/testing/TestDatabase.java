package org.moodlesync.jooq.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.version.MoodleBranch;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.database.TablePrefix;

/**
 * A database of its own for one test: created on first use under a fresh random name ({@code msync_…}) on its
 * {@link DatabaseServer}, optionally with the Moodle schema installed and seeded, and dropped by {@link #close()}.
 *
 * <p>Nothing touches the server before the first call to {@link #moodle()} (or any accessor that needs the
 * database), so a test on an unreachable server is skipped (or failed on CI) inside the test, not while JUnit builds
 * its arguments. JUnit closes {@link AutoCloseable} arguments of parameterized tests itself; elsewhere use
 * try-with-resources. Databases a test forgot to close are dropped when the JVM exits.
 */
public final class TestDatabase implements AutoCloseable {

    /** The password of {@code admin} in installed test databases. */
    public static final String ADMIN_PASSWORD = "Admin-Pass-1";

    private static final Set<TestDatabase> OPEN = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(TestDatabase::close),
                "moodle-sync-test-databases"));
    }

    private final DatabaseServer server;
    private final TablePrefix prefix;
    private final boolean installed;
    private final MoodleBranch branch;

    private String name;
    private String url;
    private HikariDataSource pool;
    private MoodleDatabase moodle;
    private long installMillis;

    private TestDatabase(DatabaseServer server, TablePrefix prefix, boolean installed, MoodleBranch branch) {
        this.server = server;
        this.prefix = prefix;
        this.installed = installed;
        this.branch = branch;
    }

    /** A database with the Moodle schema installed and seeded as a fresh site, prefix {@code mdl_}. */
    public static TestDatabase installed(DatabaseServer server) {
        return installed(server, TablePrefix.DEFAULT.value());
    }

    /** A database with the Moodle schema installed and seeded as a fresh site, with a table prefix. */
    public static TestDatabase installed(DatabaseServer server, String tablePrefix) {
        return installed(server, tablePrefix, MoodleBranch.MOODLE_4_5);
    }

    /** A database with a Moodle branch's schema installed and seeded as a fresh site of that branch. */
    public static TestDatabase installed(DatabaseServer server, String tablePrefix, MoodleBranch branch) {
        return new TestDatabase(server, TablePrefix.of(tablePrefix), true, branch);
    }

    /** An empty database (for installer tests); {@link #moodle()} still uses the prefix {@code mdl_}. */
    public static TestDatabase empty(DatabaseServer server) {
        return new TestDatabase(server, TablePrefix.DEFAULT, false, MoodleBranch.MOODLE_4_5);
    }

    /** The server. */
    public DatabaseServer server() {
        return server;
    }

    /** The Moodle branch whose schema is installed (4.5 unless made otherwise). */
    public MoodleBranch branch() {
        return branch;
    }

    /** The jOOQ dialect. */
    public SQLDialect dialect() {
        return server.dialect();
    }

    /** The table prefix. */
    public TablePrefix tablePrefix() {
        return prefix;
    }

    /** The full name of a Moodle table in this database: {@code table("user")} is {@code mdl_user}. */
    public String table(String moodleTable) {
        return prefix.tableName(moodleTable);
    }

    /** The database, created (and installed) on first use: the DSL renders generated tables with the prefix. */
    public synchronized MoodleDatabase moodle() {
        if (moodle == null) {
            open();
        }
        return moodle;
    }

    /** Shortcut for {@code moodle().dsl()}. */
    public DSLContext dsl() {
        return moodle().dsl();
    }

    /** Shortcut for {@code moodle().dataSource()} (a small HikariCP pool). */
    public DataSource dataSource() {
        return moodle().dataSource();
    }

    /** An installer for this database, with its prefix and dialect. */
    public MoodleSchemaInstaller installer() {
        return MoodleSchemaInstaller.on(moodle());
    }

    /** The database's name on its server ({@code msync_…}). */
    public synchronized String name() {
        moodle();
        return name;
    }

    /** The database's JDBC URL (for a connection of another user, or from another process). */
    public synchronized String url() {
        moodle();
        return url;
    }

    /** How long installing the schema took, in milliseconds (0 for an empty database). */
    public synchronized long installMillis() {
        moodle();
        return installMillis;
    }

    private void open() {
        server.requireAvailable();
        name = "msync_" + randomSuffix();
        url = server.createDatabase(name);
        OPEN.add(this);
        try {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(server.user());
            config.setPassword(server.password());
            config.setPoolName(name);
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(1);
            pool = new HikariDataSource(config);
            MoodleDatabase database = MoodleDatabase.of(pool, server.dialect(), prefix.value());
            if (installed) {
                long start = System.nanoTime();
                MoodleSchemaInstaller.on(database).moodleVersion(branch).adminPassword(ADMIN_PASSWORD).install();
                installMillis = (System.nanoTime() - start) / 1_000_000;
            }
            moodle = database;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Drops the database; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (name == null || !OPEN.remove(this)) {
            return;
        }
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            server.dropDatabase(name, url);
        }
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return server + (installed ? "" : ", empty") + (prefix.isDefault() ? "" : ", prefix " + prefix)
                + (branch == MoodleBranch.MOODLE_4_5 ? "" : ", Moodle " + branch.label());
    }
}
