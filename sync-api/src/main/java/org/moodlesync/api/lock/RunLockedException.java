package org.moodlesync.api.lock;

import org.moodlesync.api.SyncException;

/** A run was refused because another run holds the same lock (same kind of file, same Moodle). */
public class RunLockedException extends SyncException {

    private final String lockName;
    private final String holder;

    /**
     * @param lockName the lock asked for
     * @param holder   who holds it and since when, as far as known (null when unknown)
     */
    public RunLockedException(String lockName, String holder) {
        super(org.moodlesync.api.RunFailure.Kind.LOCKED,
                "another run holds the lock " + lockName + (holder == null ? "" : " (" + holder + ")")
                + ": this run is refused; it can be retried once that run has ended");
        this.lockName = lockName;
        this.holder = holder;
    }

    /** The lock asked for. */
    public String lockName() {
        return lockName;
    }

    /** Who holds the lock, as far as known, or null. */
    public String holder() {
        return holder;
    }
}
