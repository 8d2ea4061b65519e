package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.moodlesync.api.lock.RunLocks;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.lock.LockTable;
import org.moodlesync.jooq.support.MoodleConfigFile;
import picocli.CommandLine.Option;

/**
 * How to reach the Moodle database: a JDBC URL, or the site's own {@code config.php}; and which run locks to use.
 * Shared by the commands that write to a Moodle.
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

    @Option(names = "--lock", paramLabel = "MODE", defaultValue = "auto",
            description = "run locks: db (table moodlesync_lock, shared by every machine), local (this"
                    + " process only), none, or auto: db when the table exists, else local with a warning"
                    + " (default: ${DEFAULT-VALUE})")
    String lock;

    /** The settings of {@code --moodle-config}, when given. */
    MoodleConfigFile config() {
        return moodleConfig == null ? null : MoodleConfigFile.read(moodleConfig);
    }

    /** Opens a pooled connection to the Moodle database. */
    JooqMoodle connect() {
        String pw = password != null ? password : System.getenv("MOODLE_SYNC_DB_PASSWORD");
        if (moodleConfig != null) {
            if (url != null) {
                throw new IllegalArgumentException("give --db-url or --moodle-config, not both");
            }
            MoodleConfigFile config = config();
            return JooqMoodle.connect(config.jdbcUrl(), user != null ? user : config.dbuser(),
                    pw != null ? pw : config.dbpass()).tablePrefix(prefix != null ? prefix : config.prefix());
        }
        if (url == null) {
            throw new IllegalArgumentException("the database is missing: give --db-url URL or --moodle-config"
                    + " PATH/config.php");
        }
        return JooqMoodle.connect(url, user, pw).tablePrefix(prefix != null ? prefix : "mdl_");
    }

    /** The run locks chosen by {@code --lock}, for this Moodle. */
    RunLocks locks(JooqMoodle moodle, PrintWriter err) {
        return switch (lock.toLowerCase(Locale.ROOT)) {
            case "db", "database" -> {
                if (!LockTable.exists(moodle.database())) {
                    throw new IllegalArgumentException("--lock db: the lock table "
                            + LockTable.tableName(moodle.database()) + " does not exist (create it with"
                            + " 'moodle-sync lock-table --create')");
                }
                yield moodle.runLocks();
            }
            case "local" -> RunLocks.inProcess();
            case "none" -> RunLocks.none();
            case "auto" -> {
                if (LockTable.exists(moodle.database())) {
                    yield moodle.runLocks();
                }
                err.println("moodle-sync: warning: no lock table " + LockTable.tableName(moodle.database())
                        + ": runs on other machines are not kept apart ('moodle-sync lock-table --create')");
                err.flush();
                yield RunLocks.inProcess();
            }
            default -> throw new IllegalArgumentException("--lock is db, local, none or auto, not " + lock);
        };
    }
}
