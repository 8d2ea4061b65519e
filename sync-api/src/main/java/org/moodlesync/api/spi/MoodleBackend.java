package org.moodlesync.api.spi;

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
 * A Moodle to synchronise into: the factory of one {@link CommandWriter} per aggregate, looked up by its typed key
 * ({@link #writer(WriterKind, Object)}). moodle-sync's own implementation writes Moodle's tables over jOOQ
 * ({@code org.moodlesync.jooq.JooqMoodle}, its writers registered in one {@link WriterRegistry}); tests can pass a
 * double, and a host application another backend.
 *
 * <p>A backend implements {@link #writer}. The per-kind factory methods ({@link #users}, {@link #pictures}, …) are
 * the SPI of earlier versions, kept for one release: {@link #writer}'s default answers from them, so a backend
 * written against them keeps working; a backend implementing {@link #writer} needs none of them (they then throw
 * {@link UnsupportedOperationException}: call {@code writer(WriterKind.USERS, options)} instead).
 */
public interface MoodleBackend {

    /**
     * What full feeds need of this backend: the rows of a scope and the feed's ownership records. The default says
     * the backend has none.
     *
     * @return the backend's full-feed support
     * @throws UnsupportedOperationException when the backend cannot run full feeds
     */
    default org.moodlesync.api.feed.FeedOwnership feedOwnership() {
        throw new UnsupportedOperationException("full feeds are not supported by this backend");
    }

    /**
     * The writer of a kind, made with the run's options: {@code writer(WriterKind.USERS, userOptions)}. The engine
     * asks for one writer per run. By default, the per-kind method of earlier versions ({@link WriterKind#USERS}:
     * {@link #users}).
     *
     * @param kind    the kind of writer
     * @param options the run's options, of the kind's {@linkplain WriterKind#optionsType() options type}
     * @param <C>     the commands it writes
     * @param <O>     its options
     * @return a new writer
     * @throws UnsupportedOperationException when this backend cannot write this kind
     */
    default <C, O> CommandWriter<C> writer(WriterKind<C, O> kind, O options) {
        return WriterKind.checked(kind).fromPerKindMethod(this, options);
    }

    /**
     * The writer of users files (create, update, delete, suspend).
     *
     * @param options the run's options
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#USERS}
     */
    @Deprecated
    default CommandWriter<UserCommand> users(UserSyncOptions options) {
        throw new UnsupportedOperationException("users are not supported by this backend");
    }

    /**
     * The writer of user pictures (set or remove the icons of users, in the database and the site's file store).
     *
     * @param options the run's options
     * @return the writer
     * @throws UnsupportedOperationException when this backend cannot write pictures
     * @deprecated implement and call {@link #writer} with {@link WriterKind#PICTURES}
     */
    @Deprecated
    default CommandWriter<PictureCommand> pictures(PictureSyncOptions options) {
        throw new UnsupportedOperationException("pictures not supported by this backend");
    }

    /**
     * The writer of enrolment files (enrol, unenrol, change role, suspend, groups of the enrolled user).
     *
     * @param options the run's options
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#ENROLMENTS}
     */
    @Deprecated
    default CommandWriter<EnrolCommand> enrolments(EnrolSyncOptions options) {
        throw new UnsupportedOperationException("enrolments are not supported by this backend");
    }

    /**
     * The writer of groups and groupings files.
     *
     * @param options the run's options
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#GROUPS}
     */
    @Deprecated
    default CommandWriter<GroupCommand> groups(GroupSyncOptions options) {
        throw new UnsupportedOperationException("groups are not supported by this backend");
    }

    /**
     * The writer of group members files.
     *
     * @param options the run's options
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#GROUP_MEMBERS}
     */
    @Deprecated
    default CommandWriter<GroupMemberCommand> groupMembers(GroupSyncOptions options) {
        throw new UnsupportedOperationException("group members are not supported by this backend");
    }

    /**
     * The writer of course files (create, update, from a template; categories on demand).
     *
     * @param options the run's options
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#COURSES}
     */
    @Deprecated
    default CommandWriter<CourseCommand> courses(CourseSyncOptions options) {
        throw new UnsupportedOperationException("courses are not supported by this backend");
    }

    /**
     * The writer of course delete files, courses identified by {@code identifyBy}.
     *
     * @param identifyBy the course field the file names courses by
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#COURSE_DELETES}
     */
    @Deprecated
    default CommandWriter<CourseRef> courseDeletes(CourseKey identifyBy) {
        throw new UnsupportedOperationException("course deletes are not supported by this backend");
    }

    /**
     * The reader of course existence check files (it never writes), courses identified by {@code identifyBy}.
     *
     * @param identifyBy the course field the file names courses by
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#COURSE_CHECKS}
     */
    @Deprecated
    default CommandWriter<CourseCheckCommand> courseChecks(CourseKey identifyBy) {
        throw new UnsupportedOperationException("course checks are not supported by this backend");
    }

    /**
     * The writer of course reset files, courses identified by {@code identifyBy}.
     *
     * @param identifyBy the course field the file names courses by
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#COURSE_RESETS}
     */
    @Deprecated
    default CommandWriter<CourseResetCommand> courseResets(CourseKey identifyBy) {
        throw new UnsupportedOperationException("course resets are not supported by this backend");
    }

    /**
     * The writer of meta-course binding files, courses identified by {@code identifyBy}.
     *
     * @param identifyBy the course field the file names courses by
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#COURSE_METAS}
     */
    @Deprecated
    default CommandWriter<CourseMetaCommand> courseMetas(CourseKey identifyBy) {
        throw new UnsupportedOperationException("course meta bindings are not supported by this backend");
    }

    /**
     * The writer of cohorts files (cohorts and their members).
     *
     * @param options the run's options
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#COHORTS}
     */
    @Deprecated
    default CommandWriter<CohortCommand> cohorts(CohortSyncOptions options) {
        throw new UnsupportedOperationException("cohorts are not supported by this backend");
    }

    /**
     * The writer of cohort to course bindings files (cohort sync enrolment instances).
     *
     * @param options the run's options
     * @return the writer
     * @deprecated implement and call {@link #writer} with {@link WriterKind#COHORT_BINDINGS}
     */
    @Deprecated
    default CommandWriter<CohortBindingCommand> cohortBindings(CohortBindingOptions options) {
        throw new UnsupportedOperationException("cohort bindings are not supported by this backend");
    }

    /** {@return a short description for reports (database URL without credentials, table prefix)} */
    default String describe() {
        return getClass().getSimpleName();
    }
}
