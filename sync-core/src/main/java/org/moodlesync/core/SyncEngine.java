package org.moodlesync.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.SyncListener;

/**
 * The façade: one engine per Moodle, one fluent step per kind of file.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder()
 *         .moodle(JooqMoodle.on(dataSource))
 *         .build();
 *
 * RunResult run = engine.users()
 *         .from(Path.of("userimport.csv"))
 *         .identifyBy(UserKey.IDNUMBER)
 *         .dryRun()
 *         .execute();
 * }</pre>
 *
 * An engine is immutable and thread-safe; each {@code execute()} is one run.
 */
public final class SyncEngine {

    private final MoodleBackend moodle;
    private final Clock clock;
    private final List<SyncListener> listeners;

    private SyncEngine(Builder b) {
        this.moodle = Objects.requireNonNull(b.moodle, "moodle backend (SyncEngine.builder().moodle(...))");
        this.clock = b.clock;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The users file: create, update, delete (by its {@code deleted} column). */
    public UserSync users() {
        return new UserSync(this, SyncKind.USERS);
    }

    /** tool_sync's separate user delete file: every line deletes a user. */
    public UserSync userDeletes() {
        return new UserSync(this, SyncKind.USER_DELETES);
    }

    /** tool_sync's separate user suspend file: every line suspends a user. */
    public UserSync userSuspends() {
        return new UserSync(this, SyncKind.USER_SUSPENDS);
    }

    /** The cohorts file: create, update and delete cohorts, add and remove members. */
    public CohortSync cohorts() {
        return new CohortSync(this);
    }

    /** The cohort to course bindings file: cohort sync enrolment instances and their enrolments. */
    public CohortBindingSync cohortBindings() {
        return new CohortBindingSync(this);
    }

    /** The backend written to. */
    public MoodleBackend moodle() {
        return moodle;
    }

    /** The clock runs use. */
    public Clock clock() {
        return clock;
    }

    /** Listeners that hear every run. */
    public List<SyncListener> listeners() {
        return listeners;
    }

    /** Builds a {@link SyncEngine}. */
    public static final class Builder {
        private MoodleBackend moodle;
        private Clock clock = Clock.systemDefaultZone();
        private final List<SyncListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The Moodle to write to (required). */
        public Builder moodle(MoodleBackend moodle) {
            this.moodle = moodle;
            return this;
        }

        /** The clock of runs (times written, file names); tests pass a fixed clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A listener hearing every run of this engine. */
        public Builder listener(SyncListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public SyncEngine build() {
            return new SyncEngine(this);
        }
    }
}
