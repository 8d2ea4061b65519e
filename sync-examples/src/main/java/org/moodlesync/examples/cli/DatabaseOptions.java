package org.moodlesync.examples.cli;

import java.nio.file.Path;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.support.MoodleConfigFile;
import org.moodlesync.jooq.support.MoodleDatabase;
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
            description = "Moodle's config.php: database type, host, port, name, user, password and table prefix"
                    + " are read from it (never executed); instead of --db-url")
    Path moodleConfig;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "database password (or set MOODLE_SYNC_DB_PASSWORD, which keeps it out of the process list)")
    String password;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Moodle's table prefix (default: config.php's, else mdl_)")
    String prefix;

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
        if (moodleConfig != null && url == null) {
            MoodleConfigFile config = config();
            return new Target(config.jdbcUrl(), user != null ? user : config.dbuser(),
                    pw != null ? pw : config.dbpass(), prefix != null ? prefix : config.prefix());
        }
        if (url == null) {
            throw new IllegalArgumentException("the database is missing: give --db-url URL or --moodle-config"
                    + " PATH/config.php");
        }
        return new Target(url, user, pw, prefix != null ? prefix : "mdl_");
    }

    /** Opens a pool to the database, described as a Moodle database with the table prefix. */
    MoodleDatabase open() {
        Target t = target();
        return MoodleDatabase.fromJdbcUrl(t.url(), t.user(), t.password(), t.prefix());
    }

    /** Opens a pooled connection to the Moodle database. */
    JooqMoodle connect() {
        Target t = target();
        JooqMoodle moodle = JooqMoodle.connect(t.url(), t.user(), t.password());
        try {
            return moodle.tablePrefix(t.prefix());
        } catch (RuntimeException e) {
            moodle.close();
            throw e;
        }
    }
}
