package org.moodlesync.api.lock;

import org.moodlesync.api.SyncKind;

/**
 * Locks that let one run per kind of file run at a time on one Moodle. The engine takes the kind's lock for every
 * run ({@code execute()}), so a second run of the same kind is refused with a {@link RunLockedException} instead of
 * writing the same rows at the same time.
 *
 * <ul>
 *   <li>{@link #inProcess()} (the engine's default): runs of one engine object, in one JVM;</li>
 *   <li>{@link #inFiles(java.nio.file.Path)}: every process of this machine (OS file locks, freed when their
 *       process dies);</li>
 *   <li>the jOOQ backend's database locks ({@code JooqMoodle.runLocks()}): every process and machine that shares the
 *       Moodle database; a lock held by a crashed process expires by itself;</li>
 *   <li>{@link #none()}: no locking at all (the host application serialises runs itself).</li>
 * </ul>
 */
public interface RunLocks {

    /**
     * Takes a lock or refuses at once (never waits).
     *
     * @param name the lock's name, at most 64 characters
     * @return the lock, to close when the run ends
     * @throws RunLockedException when someone else holds it
     */
    RunLock acquire(String name);

    /**
     * Takes the lock of one kind of run: {@code moodle-sync:<kind>} (for example {@code moodle-sync:users}).
     *
     * @param kind the kind of file
     * @return the lock, to close when the run ends
     * @throws RunLockedException when someone else holds it
     */
    default RunLock acquire(SyncKind kind) {
        return acquire(nameOf(kind));
    }

    /**
     * The lock name of a kind of run.
     *
     * @param kind the kind of file
     * @return {@code moodle-sync:} and the kind's {@linkplain SyncKind#cliName() command-line name}
     */
    static String nameOf(SyncKind kind) {
        return "moodle-sync:" + kind.cliName();
    }

    /** {@return locks that hold within this object: runs of one engine in one JVM} */
    static RunLocks inProcess() {
        return new InProcessRunLocks();
    }

    /**
     * Locks that hold across every process of this machine: an OS file lock on {@code <dir>/<name>.lock}, released by
     * the OS when its holder dies (so a dead holder never blocks). The refusal names the holder (host, pid, since).
     *
     * @param dir the directory of the lock files, created when missing
     * @return the locks
     */
    static RunLocks inFiles(java.nio.file.Path dir) {
        return new FileRunLocks(dir);
    }

    /**
     * Both locks: {@code first}, then {@code second}; refused when either is held (the first is then released).
     *
     * @param first  taken first, released last
     * @param second taken second
     * @return the combined locks
     */
    static RunLocks both(RunLocks first, RunLocks second) {
        return name -> {
            RunLock a = first.acquire(name);
            RunLock b;
            try {
                b = second.acquire(name);
            } catch (RuntimeException e) {
                a.close();
                throw e;
            }
            return RunLock.held(name, () -> {
                try {
                    b.close();
                } finally {
                    a.close();
                }
            });
        };
    }

    /** {@return no locking: every acquire succeeds} */
    static RunLocks none() {
        return name -> RunLock.held(name, () -> { });
    }
}
