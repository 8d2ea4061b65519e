package org.moodlesync.examples.cli;

import java.nio.file.Path;
import org.moodlesync.api.site.MoodleSiteFolder;
import org.moodlesync.api.site.PasswordPeppers;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.internal.support.MoodleConfigFile;
import org.moodlesync.jooq.database.MoodleDatabase;
import picocli.CommandLine.Option;

/**
 * How to reach the Moodle database: a JDBC URL, or the site's own {@code config.php}. Shared by the commands that
 * write to a Moodle.
 */
public final class DatabaseOptions {

    @Option(names = "--db-url", paramLabel = "URL",
            description = "JDBC URL of the Moodle database (jdbc:postgresql://…, jdbc:mariadb://…, jdbc:h2:…)")
    String url;

    @Option(names = "--moodle-config", paramLabel = "PATH",
            description = "Moodle's config.php, the folder holding it (a Moodle 4.x/5.0 folder, or the root of a"
                    + " 5.1+ site, above public/), or a 5.1+ site's public/ folder: database type, host, port, name,"
                    + " user, password, table prefix, password peppers and dataroot are read from config.php (never"
                    + " executed); instead of --db-url, or beside it for the peppers and the dataroot")
    Path moodleConfig;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "database password (or set MOODLE_SYNC_DB_PASSWORD, which keeps it out of the process list)")
    String password;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Moodle's table prefix (default: config.php's, else mdl_)")
    String prefix;

    @Option(names = "--db-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "give up on a database that does not answer after this many seconds (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 30;

    @Option(names = "--allow-unknown-moodle-version",
            description = "write into a site whose Moodle version moodle-sync does not know (refused by default;"
                    + " the report then says the version was unknown)")
    boolean allowUnknownMoodleVersion;

    private java.time.Duration timeout() {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--db-timeout must be a positive number of seconds");
        }
        return java.time.Duration.ofSeconds(timeoutSeconds);
    }

    private static String checkedUrl(String url) {
        if (!(url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")
                || url.startsWith("jdbc:h2:"))) {
            throw new IllegalArgumentException("the database URL '" + url + "' is not one moodle-sync knows: use"
                    + " jdbc:postgresql://HOST:PORT/DB, jdbc:mariadb://HOST:PORT/DB, jdbc:mysql://… or jdbc:h2:…");
        }
        return url;
    }

    /** The settings of {@code --moodle-config}, when given. */
    MoodleConfigFile config() {
        return moodleConfig == null ? null : MoodleConfigFile.read(moodleConfig);
    }

    /**
     * URL, user, password and prefix, from the options or from config.php. With {@code --db-url} the database comes
     * from the options alone; config.php then only gives what else it holds (the dataroot, for pictures).
     */
    private record Target(String url, String user, String password, String prefix) {
    }

    private Target target() {
        String pw = password != null ? password : System.getenv("MOODLE_SYNC_DB_PASSWORD");
        FailureMessages.secret(pw);
        if (moodleConfig != null && url == null) {
            MoodleConfigFile config = config();
            FailureMessages.secret(config.dbpass());
            return new Target(config.jdbcUrl(), user != null ? user : config.dbuser(),
                    pw != null ? pw : config.dbpass(), prefix != null ? prefix : config.prefix());
        }
        if (url == null) {
            throw new IllegalArgumentException("the database is missing: give --db-url URL or --moodle-config"
                    + " PATH (config.php or the site's folder)");
        }
        return new Target(checkedUrl(url), user, pw, prefix != null ? prefix : "mdl_");
    }

    /** Opens a pool to the database, described as a Moodle database with the table prefix. */
    MoodleDatabase open() {
        Target t = target();
        return MoodleDatabase.fromJdbcUrl(t.url(), t.user(), t.password(), t.prefix(), timeout());
    }

    /**
     * Refuses a database without {@code <prefix>config}: not a Moodle schema, or the wrong table prefix (looked up
     * in the database's metadata, no SQL).
     */
    static void requireMoodleTables(javax.sql.DataSource dataSource, String prefix) {
        String table = prefix + "config";
        try (java.sql.Connection c = dataSource.getConnection()) {
            java.sql.DatabaseMetaData meta = c.getMetaData();
            for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
                try (java.sql.ResultSet rs = meta.getTables(c.getCatalog(), null, name, null)) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new org.jooq.exception.DataAccessException("cannot read the database's tables: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the database has no table " + table + ": it is not a Moodle database, or"
                + " its table prefix is not '" + prefix + "' (see --prefix, or install the tables first)");
    }

    /**
     * The site's password peppers: {@code $CFG->passwordpeppers} of {@code --moodle-config} (with or without
     * {@code --db-url}), none without it.
     */
    PasswordPeppers peppers() {
        return moodleConfig == null ? PasswordPeppers.none()
                : PasswordPeppers.from(MoodleSiteFolder.locate(moodleConfig).read());
    }

    /** Opens a pooled connection to the Moodle database, hashing passwords with the site's peppers. */
    JooqMoodle connect() {
        Target t = target();
        PasswordPeppers peppers = peppers();
        JooqMoodle moodle = JooqMoodle.connect(t.url(), t.user(), t.password(), timeout());
        try {
            requireMoodleTables(moodle.database().dataSource(), t.prefix());
            JooqMoodle prefixed = moodle.tablePrefix(t.prefix()).passwordPeppers(peppers);
            return allowUnknownMoodleVersion ? prefixed.allowUnknownMoodleVersion() : prefixed;
        } catch (RuntimeException e) {
            moodle.close();
            throw e;
        }
    }
}
