package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.moodlesync.api.lock.RunLocks;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.lock.LockTable;
import picocli.CommandLine.Option;

/** Which run locks the commands that run files use. */
public final class LockArgs {

    @Option(names = "--lock", paramLabel = "MODE", defaultValue = "auto",
            description = "run locks: db (table moodlesync_lock, shared by every machine), local (an OS file"
                    + " lock shared by every process of this machine: in the workspace for process and schedule,"
                    + " else under java.io.tmpdir/moodle-sync-locks), none, or auto: local plus db when the table"
                    + " exists (without it process and schedule warn)"
                    + " (default: ${DEFAULT-VALUE})")
    String lock;

    /**
     * The run locks chosen by {@code --lock}, for this Moodle, with the local file locks in {@code localDir} (null:
     * the per-database folder of {@link #localDirOf(JooqMoodle)}); {@code auto} without the table warns on
     * {@code err}.
     */
    RunLocks locks(JooqMoodle moodle, PrintWriter err, Path localDir) {
        return locks(moodle, err, true, localDir);
    }

    /** As {@link #locks(JooqMoodle, PrintWriter, Path)} for a run without workspace. */
    RunLocks locks(JooqMoodle moodle, PrintWriter err, boolean warn) {
        return locks(moodle, err, warn, null);
    }

    /**
     * The folder of the local file locks of runs without workspace: {@code <java.io.tmpdir>/moodle-sync-locks/<hash>},
     * the hash (SHA-256, 16 hex digits) of the database's JDBC URL and table prefix, so every process running files
     * into the same Moodle from this machine takes the same lock files.
     */
    static Path localDirOf(JooqMoodle moodle) {
        String url = moodle.dsl().connectionResult(c -> c.getMetaData().getURL());
        String key = url + "\n" + LockTable.tableName(moodle.database());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Path.of(System.getProperty("java.io.tmpdir"), "moodle-sync-locks",
                    HexFormat.of().formatHex(hash, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #locks(JooqMoodle, PrintWriter, Path)}; {@code warn} false keeps {@code auto} silent. */
    RunLocks locks(JooqMoodle moodle, PrintWriter err, boolean warn, Path localDir) {
        java.util.function.Supplier<RunLocks> local = () -> RunLocks.inFiles(
                localDir != null ? localDir : localDirOf(moodle));
        return switch (lock.toLowerCase(Locale.ROOT)) {
            case "db", "database" -> {
                if (!LockTable.exists(moodle.database())) {
                    throw new IllegalArgumentException("--lock db: the lock table "
                            + LockTable.tableName(moodle.database()) + " does not exist (create it with"
                            + " 'moodle-sync lock-table --create')");
                }
                yield moodle.runLocks();
            }
            case "local" -> local.get();
            case "none" -> RunLocks.none();
            case "auto" -> {
                if (LockTable.exists(moodle.database())) {
                    yield RunLocks.both(local.get(), moodle.runLocks());
                }
                if (!warn) {
                    yield local.get();
                }
                err.println("moodle-sync: warning: no lock table " + LockTable.tableName(moodle.database())
                        + ": runs on other machines are not kept apart ('moodle-sync lock-table --create')");
                err.flush();
                yield local.get();
            }
            default -> throw new IllegalArgumentException("--lock is db, local, none or auto, not " + lock);
        };
    }
}
