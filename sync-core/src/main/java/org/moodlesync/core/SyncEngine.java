package org.moodlesync.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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

    /**
     * The step of each kind of file, for runs chosen by kind (workspace runs, run all, the scheduler, the command
     * line). Adding a kind is one line here, next to its step method.
     */
    private static final Map<SyncKind, Function<SyncEngine, FileSync<?, ?>>> STEPS = steps();

    private static Map<SyncKind, Function<SyncEngine, FileSync<?, ?>>> steps() {
        Map<SyncKind, Function<SyncEngine, FileSync<?, ?>>> steps = new EnumMap<>(SyncKind.class);
        steps.put(SyncKind.USERS, SyncEngine::users);
        steps.put(SyncKind.USER_DELETES, SyncEngine::userDeletes);
        steps.put(SyncKind.USER_SUSPENDS, SyncEngine::userSuspends);
        steps.put(SyncKind.COURSE_RESETS, SyncEngine::courseResets);
        steps.put(SyncKind.COURSE_CHECKS, SyncEngine::courseChecks);
        steps.put(SyncKind.COURSE_DELETES, SyncEngine::courseDeletes);
        steps.put(SyncKind.COURSES, SyncEngine::courses);
        steps.put(SyncKind.COURSE_METAS, SyncEngine::courseMetas);
        steps.put(SyncKind.ENROLMENTS, SyncEngine::enrolments);
        steps.put(SyncKind.GROUPS, SyncEngine::groups);
        steps.put(SyncKind.GROUP_MEMBERS, SyncEngine::groupMembers);
        steps.put(SyncKind.COHORTS, SyncEngine::cohorts);
        steps.put(SyncKind.COHORT_BINDINGS, SyncEngine::cohortBindings);
        // pictures read zip archives, not command files: they run through pictures(), not through a step
        // (workspace runs and the scheduler call pictures() for every archive of the pictures prefix)
        return Collections.unmodifiableMap(steps);
    }

    private final RunContext context;

    private SyncEngine(Builder b) {
        this.context = new RunContext(
                Objects.requireNonNull(b.moodle, "moodle backend (SyncEngine.builder().moodle(...))"), b.clock,
                b.listeners, b.locks != null ? b.locks : RunLocks.inProcess());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The users file: create, update, delete (by its {@code deleted} column). */
    public UserSync users() {
        return new UserSync(context, SyncKind.USERS);
    }

    /** tool_sync's separate user delete file: every line deletes a user. */
    public UserSync userDeletes() {
        return new UserSync(context, SyncKind.USER_DELETES);
    }

    /** tool_sync's separate user suspend file: every line suspends a user. */
    public UserSync userSuspends() {
        return new UserSync(context, SyncKind.USER_SUSPENDS);
    }

    /**
     * User pictures: the images of a zip archive (or handed over by the host) become the pictures of the users
     * their names name; or a removal list removes pictures.
     */
    public PictureSync pictures() {
        return new PictureSync(context);
    }

    /** The enrolment file: enrol, unenrol, change roles, suspend; the enrolled user's groups. */
    public EnrolSync enrolments() {
        return new EnrolSync(context);
    }

    /** The groups and groupings file: create, update, delete groups and groupings. */
    public GroupSync groups() {
        return new GroupSync(context);
    }

    /** The group members file: users join, leave or move between groups. */
    public GroupMemberSync groupMembers() {
        return new GroupMemberSync(context);
    }

    /** The course file: create (also from a template) and update courses; categories are created on demand. */
    public CourseSync courses() {
        return new CourseSync(context);
    }

    /** The course delete file: every line deletes a course (courses holding content are refused). */
    public CourseDeleteSync courseDeletes() {
        return new CourseDeleteSync(context);
    }

    /** The course existence check file: every line says whether a course exists; never writes. */
    public CourseCheckSync courseChecks() {
        return new CourseCheckSync(context);
    }

    /** The course reset file: every line removes user data of a course, option by option. */
    public CourseResetSync courseResets() {
        return new CourseResetSync(context);
    }

    /** The meta-course bindings file: every line links (or unlinks) a meta course to a master course. */
    public CourseMetaSync courseMetas() {
        return new CourseMetaSync(context);
    }

    /** The cohorts file: create, update and delete cohorts, add and remove members. */
    public CohortSync cohorts() {
        return new CohortSync(context);
    }

    /** The cohort to course bindings file: cohort sync enrolment instances and their enrolments. */
    public CohortBindingSync cohortBindings() {
        return new CohortBindingSync(context);
    }

    /**
     * The step of a kind of file, when this version of moodle-sync has one: {@code step(SyncKind.USERS)} is
     * {@link #users()}. Runs chosen at run time (workspace, run all, scheduler) use it.
     */
    public Optional<FileSync<?, ?>> step(SyncKind kind) {
        Function<SyncEngine, FileSync<?, ?>> step = STEPS.get(Objects.requireNonNull(kind, "kind"));
        return step == null ? Optional.empty() : Optional.of(step.apply(this));
    }

    /** The kinds of file that have a step, in tool_sync's order. */
    public static Set<SyncKind> supportedKinds() {
        return STEPS.keySet();
    }

    /** The locks that let one run per kind run at a time (default: {@link RunLocks#inProcess()}). */
    public RunLocks locks() {
        return context.locks();
    }

    /** The backend written to. */
    public MoodleBackend moodle() {
        return context.moodle();
    }

    /** The clock runs use. */
    public Clock clock() {
        return context.clock();
    }

    /** Listeners that hear every run. */
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

        /**
         * The locks that refuse a second run of the same kind while one runs: {@link RunLocks#inProcess()} by
         * default; the jOOQ backend's {@code runLocks()} to hold across processes and machines.
         */
        public Builder locks(RunLocks locks) {
            this.locks = Objects.requireNonNull(locks, "locks");
            return this;
        }

        public SyncEngine build() {
            return new SyncEngine(this);
        }
    }
}
