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

    /**
     * The backend written to.
     *
     * @return the engine's backend
     */
    public MoodleBackend moodle() {
        return moodle;
    }

    /**
     * The clock of runs.
     *
     * @return the engine's clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The listeners that hear every run of the engine.
     *
     * @return the engine's listeners; not modifiable
     */
    public List<SyncListener> listeners() {
        return listeners;
    }

    /**
     * The locks that let one run per kind run at a time.
     *
     * @return the engine's run locks
     */
    public RunLocks locks() {
        return locks;
    }
}
