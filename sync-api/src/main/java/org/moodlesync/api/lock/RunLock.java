package org.moodlesync.api.lock;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** A lock held by one run; {@link #close()} releases it (safe to call more than once). */
public interface RunLock extends AutoCloseable {

    /** {@return the lock's name, for example {@code moodle-sync:users}} */
    String name();

    /** Releases the lock. */
    @Override
    void close();

    /**
     * A held lock that runs {@code release} on its first {@link #close()} only: what a {@link RunLocks}
     * implementation returns once it has taken its lock.
     *
     * @param name    the lock's name
     * @param release gives the lock back (deletes the row, unlocks the file…)
     * @return the lock
     */
    static RunLock held(String name, Runnable release) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(release, "release");
        AtomicBoolean open = new AtomicBoolean(true);
        return new RunLock() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {
                if (open.compareAndSet(true, false)) {
                    release.run();
                }
            }

            @Override
            public String toString() {
                return "run lock " + name;
            }
        };
    }

    /**
     * This machine's name, as lock holders and run markers record it: the local host name, else the host part of
     * the JVM's name ({@code pid@host}), else {@code unknown}.
     *
     * @return the name
     */
    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String name = ManagementFactory.getRuntimeMXBean().getName();
            int at = name.indexOf('@');
            return at >= 0 ? name.substring(at + 1) : "unknown";
        }
    }
}
