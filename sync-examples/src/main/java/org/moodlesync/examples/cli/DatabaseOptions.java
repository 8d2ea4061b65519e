package org.moodlesync.examples.cli;

import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.support.MoodleDatabase;
import picocli.CommandLine.Option;

/** How to reach the Moodle database: shared by the commands that write to one. */
public final class DatabaseOptions {

    @Option(names = "--db-url", required = true, paramLabel = "URL",
            description = "JDBC URL of the Moodle database (jdbc:postgresql://…, jdbc:mariadb://…, jdbc:h2:…)")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "database password (or set MOODLE_SYNC_DB_PASSWORD, which keeps it out of the process list)")
    String password;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "mdl_",
            description = "Moodle's table prefix (default: ${DEFAULT-VALUE})")
    String prefix;

    /** The password given, or the one in {@code MOODLE_SYNC_DB_PASSWORD}. */
    private String password() {
        return password != null ? password : System.getenv("MOODLE_SYNC_DB_PASSWORD");
    }

    /** Opens a pool to the database, described as a Moodle database with the table prefix. */
    MoodleDatabase open() {
        return MoodleDatabase.fromJdbcUrl(url, user, password(), prefix);
    }

    /** Opens a pooled connection to the Moodle database. */
    JooqMoodle connect() {
        JooqMoodle moodle = JooqMoodle.connect(url, user, password());
        try {
            return moodle.tablePrefix(prefix);
        } catch (RuntimeException e) {
            moodle.close();
            throw e;
        }
    }
}
