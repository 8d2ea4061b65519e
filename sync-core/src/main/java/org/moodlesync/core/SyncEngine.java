package org.moodlesync.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.api.lock.RunLocks;

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

    private final RunContext context;

    private SyncEngine(Builder b) {
        this.context = new RunContext(
                Objects.requireNonNull(b.moodle, "moodle backend (SyncEngine.builder().moodle(...))"), b.clock,
                b.listeners, b.locks != null ? b.locks : RunLocks.inProcess());
    }

    /**
     * Starts an engine: {@link Builder#moodle} is required, the rest has defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The users file: create, update, delete (by its {@code deleted} column).
     *
     * @return a new users step (the CLI's {@code users} kind)
     */
    public UserSync users() {
        return Kinds.USERS.newStep(context);
    }

    /**
     * tool_sync's separate user delete file: every line deletes a user.
     *
     * @return a new user deletes step
     */
    public UserSync userDeletes() {
        return Kinds.USER_DELETES.newStep(context);
    }

    /**
     * tool_sync's separate user suspend file: every line suspends a user.
     *
     * @return a new user suspends step
     */
    public UserSync userSuspends() {
        return Kinds.USER_SUSPENDS.newStep(context);
    }

    /**
     * User pictures: the images of a zip archive (or handed over by the host) become the pictures of the users
     * their names name; or a removal list removes pictures.
     *
     * @return a new pictures step
     */
    public PictureSync pictures() {
        return Kinds.PICTURES.newStep(context);
    }

    /**
     * The enrolment file: enrol, unenrol, change roles, suspend; the enrolled user's groups.
     *
     * @return a new enrolments step
     */
    public EnrolSync enrolments() {
        return Kinds.ENROLMENTS.newStep(context);
    }

    /**
     * The groups and groupings file: create, update, delete groups and groupings.
     *
     * @return a new groups step
     */
    public GroupSync groups() {
        return Kinds.GROUPS.newStep(context);
    }

    /**
     * The group members file: users join, leave or move between groups.
     *
     * @return a new group members step
     */
    public GroupMemberSync groupMembers() {
        return Kinds.GROUP_MEMBERS.newStep(context);
    }

    /**
     * The course file: create (also from a template) and update courses; categories are created on demand.
     *
     * @return a new courses step
     */
    public CourseSync courses() {
        return Kinds.COURSES.newStep(context);
    }

    /**
     * The course delete file: every line deletes a course (courses holding content are refused).
     *
     * @return a new course deletes step
     */
    public CourseDeleteSync courseDeletes() {
        return Kinds.COURSE_DELETES.newStep(context);
    }

    /**
     * The course existence check file: every line says whether a course exists; never writes.
     *
     * @return a new course checks step
     */
    public CourseCheckSync courseChecks() {
        return Kinds.COURSE_CHECKS.newStep(context);
    }

    /**
     * The course reset file: every line removes user data of a course, option by option.
     *
     * @return a new course resets step
     */
    public CourseResetSync courseResets() {
        return Kinds.COURSE_RESETS.newStep(context);
    }

    /**
     * The meta-course bindings file: every line links (or unlinks) a meta course to a master course.
     *
     * @return a new meta-course bindings step
     */
    public CourseMetaSync courseMetas() {
        return Kinds.COURSE_METAS.newStep(context);
    }

    /**
     * The cohorts file: create, update and delete cohorts, add and remove members.
     *
     * @return a new cohorts step
     */
    public CohortSync cohorts() {
        return Kinds.COHORTS.newStep(context);
    }

    /**
     * The cohort to course bindings file: cohort sync enrolment instances and their enrolments.
     *
     * @return a new cohort bindings step
     */
    public CohortBindingSync cohortBindings() {
        return Kinds.COHORT_BINDINGS.newStep(context);
    }

    /**
     * The step of a kind of file, when this version of moodle-sync has one ({@link Kinds}): {@code
     * step(SyncKind.USERS)} is {@link #users()}, {@code step(SyncKind.PICTURES)} is {@link #pictures()}. Runs chosen
     * at run time (workspace, run all, scheduler, command line) use it.
     *
     * @param kind the kind of file; not null
     * @return a new step of that kind, or empty when this version has none for it
     * @throws NullPointerException when {@code kind} is null
     */
    public Optional<SyncStep<?, ?>> step(SyncKind kind) {
        return Kinds.of(Objects.requireNonNull(kind, "kind")).<SyncStep<?, ?>>map(d -> d.newStep(context));
    }

    /**
     * The kinds of file that have a step ({@link Kinds}), in tool_sync's order.
     *
     * @return the kinds, in tool_sync's order; not modifiable
     */
    public static Set<SyncKind> supportedKinds() {
        return Kinds.kinds();
    }

    /**
     * The locks that let one run per kind run at a time (default: {@link RunLocks#inProcess()}).
     *
     * @return the engine's run locks
     */
    public RunLocks locks() {
        return context.locks();
    }

    /**
     * The backend written to.
     *
     * @return the backend given to {@link Builder#moodle}
     */
    public MoodleBackend moodle() {
        return context.moodle();
    }

    /**
     * The clock runs use.
     *
     * @return the engine's clock (default: the system clock in the default time zone)
     */
    public Clock clock() {
        return context.clock();
    }

    /**
     * Listeners that hear every run.
     *
     * @return the engine's listeners, in the order added; not modifiable
     */
    public List<SyncListener> listeners() {
        return context.listeners();
    }

    /** Builds a {@link SyncEngine}. */
    public static final class Builder {
        private MoodleBackend moodle;
        private Clock clock = Clock.systemDefaultZone();
        private final List<SyncListener> listeners = new ArrayList<>();
        private RunLocks locks;

        private Builder() {
        }

        /**
         * The Moodle to write to (required), for example the jOOQ backend's {@code JooqMoodle}.
         *
         * @param moodle the backend; {@link #build()} refuses null
         * @return this builder
         */
        public Builder moodle(MoodleBackend moodle) {
            this.moodle = moodle;
            return this;
        }

        /**
         * The clock of runs (times written, file names); tests pass a fixed clock. Default: the system clock in the
         * default time zone.
         *
         * @param clock the clock; not null
         * @return this builder
         * @throws NullPointerException when {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A listener hearing every run of this engine; can be called more than once.
         *
         * @param listener the listener; not null
         * @return this builder
         * @throws NullPointerException when {@code listener} is null
         */
        public Builder listener(SyncListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The locks that refuse a second run of the same kind while one runs: {@link RunLocks#inProcess()} by
         * default; the jOOQ backend's {@code runLocks()} to hold across processes and machines.
         *
         * @param locks the locks; not null
         * @return this builder
         * @throws NullPointerException when {@code locks} is null
         */
        public Builder locks(RunLocks locks) {
            this.locks = Objects.requireNonNull(locks, "locks");
            return this;
        }

        /**
         * The engine, with this builder's settings.
         *
         * @return a new engine
         * @throws NullPointerException when no backend was given ({@link #moodle})
         */
        public SyncEngine build() {
            return new SyncEngine(this);
        }
    }
}
