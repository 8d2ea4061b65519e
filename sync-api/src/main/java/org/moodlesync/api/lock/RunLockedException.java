package org.moodlesync.api.lock;

import org.moodlesync.api.SyncException;

/** A run was refused because another run holds the same lock (same kind of file, same Moodle). */
public class RunLockedException extends SyncException {

    /** The lock asked for. */
    private final String lockName;
    /** Who holds it, or {@code null}. */
    private final String holder;

    /**
     * A refusal whose message names the lock and its holder and says the run can be retried later; its run failure
     * is {@link org.moodlesync.api.RunFailure.Kind#LOCKED}.
     *
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

    /** {@return the lock asked for} */
    public String lockName() {
        return lockName;
    }

    /** {@return who holds the lock, as far as known, or null} */
    public String holder() {
        return holder;
    }
}
