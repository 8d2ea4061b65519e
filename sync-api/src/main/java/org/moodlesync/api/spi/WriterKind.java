package org.moodlesync.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.cohort.CohortBindingOptions;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortSyncOptions;
import org.moodlesync.api.command.course.CourseCheckCommand;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseMetaCommand;
import org.moodlesync.api.command.course.CourseRef;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureSyncOptions;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;

/**
 * The typed key of one kind of {@link CommandWriter}: the command type {@code C} it writes and the options
 * {@code O} it is made with. A backend hands out its writers by key ({@link MoodleBackend#writer}), so the SPI does
 * not grow a method per kind: a new kind is a new constant here (see docs/adding-a-kind.md).
 *
 * <p>One writer may serve several kinds of file: {@link #USERS} writes the users file and tool_sync's user delete
 * and suspend files.
 *
 * @param <C> the command type
 * @param <O> the options type
 */
public final class WriterKind<C, O> {

    /** Users (create, update, delete, suspend). */
    @SuppressWarnings("deprecation")
    public static final WriterKind<UserCommand, UserSyncOptions> USERS =
            new WriterKind<>("users", UserCommand.class, UserSyncOptions.class, MoodleBackend::users);

    /** User pictures (the icons of users, in the database and the site's file store). */
    @SuppressWarnings("deprecation")
    public static final WriterKind<PictureCommand, PictureSyncOptions> PICTURES =
            new WriterKind<>("pictures", PictureCommand.class, PictureSyncOptions.class, MoodleBackend::pictures);

    /** Enrolments (enrol, unenrol, change role, suspend, groups of the enrolled user). */
    @SuppressWarnings("deprecation")
    public static final WriterKind<EnrolCommand, EnrolSyncOptions> ENROLMENTS =
            new WriterKind<>("enrolments", EnrolCommand.class, EnrolSyncOptions.class, MoodleBackend::enrolments);

    /** Groups and groupings. */
    @SuppressWarnings("deprecation")
    public static final WriterKind<GroupCommand, GroupSyncOptions> GROUPS =
            new WriterKind<>("groups", GroupCommand.class, GroupSyncOptions.class, MoodleBackend::groups);

    /** Group members. */
    @SuppressWarnings("deprecation")
    public static final WriterKind<GroupMemberCommand, GroupSyncOptions> GROUP_MEMBERS = new WriterKind<>(
            "group-members", GroupMemberCommand.class, GroupSyncOptions.class, MoodleBackend::groupMembers);

    /** Courses (create, update, from a template; categories on demand). */
    @SuppressWarnings("deprecation")
    public static final WriterKind<CourseCommand, CourseSyncOptions> COURSES =
            new WriterKind<>("courses", CourseCommand.class, CourseSyncOptions.class, MoodleBackend::courses);

    /** Course deletes; the options are the field naming the courses. */
    @SuppressWarnings("deprecation")
    public static final WriterKind<CourseRef, CourseKey> COURSE_DELETES =
            new WriterKind<>("course-deletes", CourseRef.class, CourseKey.class, MoodleBackend::courseDeletes);

    /** Course existence checks (never writes); the options are the field naming the courses. */
    @SuppressWarnings("deprecation")
    public static final WriterKind<CourseCheckCommand, CourseKey> COURSE_CHECKS = new WriterKind<>(
            "course-checks", CourseCheckCommand.class, CourseKey.class, MoodleBackend::courseChecks);

    /** Course resets; the options are the field naming the courses. */
    @SuppressWarnings("deprecation")
    public static final WriterKind<CourseResetCommand, CourseKey> COURSE_RESETS = new WriterKind<>(
            "course-resets", CourseResetCommand.class, CourseKey.class, MoodleBackend::courseResets);

    /** Meta-course bindings; the options are the field naming the courses. */
    @SuppressWarnings("deprecation")
    public static final WriterKind<CourseMetaCommand, CourseKey> COURSE_METAS = new WriterKind<>(
            "course-metas", CourseMetaCommand.class, CourseKey.class, MoodleBackend::courseMetas);

    /** Cohorts and their members. */
    @SuppressWarnings("deprecation")
    public static final WriterKind<CohortCommand, CohortSyncOptions> COHORTS =
            new WriterKind<>("cohorts", CohortCommand.class, CohortSyncOptions.class, MoodleBackend::cohorts);

    /** Cohort to course bindings (cohort sync enrolment instances). */
    @SuppressWarnings("deprecation")
    public static final WriterKind<CohortBindingCommand, CohortBindingOptions> COHORT_BINDINGS = new WriterKind<>(
            "cohort-bindings", CohortBindingCommand.class, CohortBindingOptions.class, MoodleBackend::cohortBindings);

    private static final List<WriterKind<?, ?>> ALL = List.of(USERS, PICTURES, ENROLMENTS, GROUPS, GROUP_MEMBERS,
            COURSES, COURSE_DELETES, COURSE_CHECKS, COURSE_RESETS, COURSE_METAS, COHORTS, COHORT_BINDINGS);

    private final String name;
    private final Class<C> commandType;
    private final Class<O> optionsType;
    private final BiFunction<MoodleBackend, O, CommandWriter<C>> perKindMethod;

    /**
     * A kind of writer added after the per-kind factory methods (a new kind uses this one): backends answer it
     * through {@link MoodleBackend#writer} only.
     */
    private WriterKind(String name, Class<C> commandType, Class<O> optionsType) {
        this(name, commandType, optionsType, (backend, options) -> {
            throw new UnsupportedOperationException(name + " are not supported by this backend");
        });
    }

    private WriterKind(String name, Class<C> commandType, Class<O> optionsType,
                       BiFunction<MoodleBackend, O, CommandWriter<C>> perKindMethod) {
        this.name = name;
        this.commandType = commandType;
        this.optionsType = optionsType;
        this.perKindMethod = perKindMethod;
    }

    /** {@return every writer kind of this version, in the order of the documentation} */
    public static List<WriterKind<?, ?>> all() {
        return ALL;
    }

    /** {@return a short name for messages ({@code users}, {@code course-deletes}, …)} */
    public String name() {
        return name;
    }

    /** {@return the type of the commands the writer writes} */
    public Class<C> commandType() {
        return commandType;
    }

    /** {@return the type of the options the writer is made with} */
    public Class<O> optionsType() {
        return optionsType;
    }

    /**
     * The writer of a backend written before {@link MoodleBackend#writer}: its per-kind factory method (for
     * {@link #USERS}, {@code users(options)}). The bridge of {@link MoodleBackend#writer}'s default, kept for one
     * release.
     */
    CommandWriter<C> fromPerKindMethod(MoodleBackend backend, O options) {
        return perKindMethod.apply(backend, options);
    }

    @Override
    public String toString() {
        return "WriterKind[" + name + "]";
    }

    static <C, O> WriterKind<C, O> checked(WriterKind<C, O> kind) {
        return Objects.requireNonNull(kind, "kind");
    }
}
