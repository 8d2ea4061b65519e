package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.moodlesync.api.lock.RunLocks;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.lock.LockTable;
import picocli.CommandLine.Option;

/** Which run locks the commands that run files use. */
public final class LockArgs {

    @Option(names = "--lock", paramLabel = "MODE", defaultValue = "auto",
            description = "run locks: db (table moodlesync_lock, shared by every machine), local (this"
                    + " process only), none, or auto: db when the table exists, else local (process and schedule"
                    + " warn)"
                    + " (default: ${DEFAULT-VALUE})")
    String lock;

    /** The run locks chosen by {@code --lock}, for this Moodle; {@code auto} without the table warns on {@code err}. */
    RunLocks locks(JooqMoodle moodle, PrintWriter err) {
        return locks(moodle, err, true);
    }

    /** As {@link #locks(JooqMoodle, PrintWriter)}; {@code warn} false keeps {@code auto} silent (a run by hand). */
    RunLocks locks(JooqMoodle moodle, PrintWriter err, boolean warn) {
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
                if (!warn) {
                    yield RunLocks.inProcess();
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
