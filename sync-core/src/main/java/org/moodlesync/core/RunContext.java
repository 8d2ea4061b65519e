package org.moodlesync.core;

import java.time.Clock;
import java.util.List;
import org.moodlesync.api.lock.RunLocks;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.SyncListener;

/**
 * What a step needs from its engine to run: the backend written to, the clock, the engine's listeners and its run
 * locks. The engine hands one to each step it makes, so steps do not depend on {@link SyncEngine}.
 */
public final class RunContext {

    private final MoodleBackend moodle;
    private final Clock clock;
    private final List<SyncListener> listeners;
    private final RunLocks locks;

    RunContext(MoodleBackend moodle, Clock clock, List<SyncListener> listeners, RunLocks locks) {
        this.moodle = moodle;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.locks = locks;
    }

    /** The backend written to. */
    public MoodleBackend moodle() {
        return moodle;
    }

    /** The clock of runs. */
    public Clock clock() {
        return clock;
    }

    /** The listeners that hear every run of the engine. */
    public List<SyncListener> listeners() {
        return listeners;
    }

    /** The locks that let one run per kind run at a time. */
    public RunLocks locks() {
        return locks;
    }
}
