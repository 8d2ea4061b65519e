package org.moodlesync.api.lock;

/** A lock held by one run; {@link #close()} releases it (safe to call more than once). */
public interface RunLock extends AutoCloseable {

    /** {@return the lock's name, for example {@code moodle-sync:users}} */
    String name();

    /** Releases the lock. */
    @Override
    void close();
}
