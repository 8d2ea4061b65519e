package org.moodlesync.api.spi;

import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureSyncOptions;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupSyncOptions;
import org.moodlesync.api.command.course.CourseCheckCommand;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseKey;
import org.moodlesync.api.command.course.CourseMetaCommand;
import org.moodlesync.api.command.course.CourseRef;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.cohort.CohortBindingOptions;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortSyncOptions;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;

/**
 * A Moodle to synchronise into: the factory of one {@link CommandWriter} per aggregate. moodle-sync's own
 * implementation writes Moodle's tables over jOOQ ({@code org.moodlesync.jooq.JooqMoodle}); tests can pass a
 * double, and a host application another backend.
 */
public interface MoodleBackend {

    /** The writer of users files (create, update, delete, suspend). */
    CommandWriter<UserCommand> users(UserSyncOptions options);

    /**
     * The writer of user pictures (set or remove the icons of users, in the database and the site's file store).
     *
     * @throws UnsupportedOperationException when this backend cannot write pictures
     */
    default CommandWriter<PictureCommand> pictures(PictureSyncOptions options) {
        throw new UnsupportedOperationException("pictures not supported by this backend");
    }

    /** The writer of enrolment files (enrol, unenrol, change role, suspend, groups of the enrolled user). */
    default CommandWriter<EnrolCommand> enrolments(EnrolSyncOptions options) {
        throw new UnsupportedOperationException("enrolments are not supported by this backend");
    }

    /** The writer of groups and groupings files. */
    default CommandWriter<GroupCommand> groups(GroupSyncOptions options) {
        throw new UnsupportedOperationException("groups are not supported by this backend");
    }

    /** The writer of group members files. */
    default CommandWriter<GroupMemberCommand> groupMembers(GroupSyncOptions options) {
        throw new UnsupportedOperationException("group members are not supported by this backend");
    }

    /** The writer of course files (create, update, from a template; categories on demand). */
    default CommandWriter<CourseCommand> courses(CourseSyncOptions options) {
        throw new UnsupportedOperationException("courses are not supported by this backend");
    }

    /** The writer of course delete files, courses identified by {@code identifyBy}. */
    default CommandWriter<CourseRef> courseDeletes(CourseKey identifyBy) {
        throw new UnsupportedOperationException("course deletes are not supported by this backend");
    }

    /** The reader of course existence check files (it never writes), courses identified by {@code identifyBy}. */
    default CommandWriter<CourseCheckCommand> courseChecks(CourseKey identifyBy) {
        throw new UnsupportedOperationException("course checks are not supported by this backend");
    }

    /** The writer of course reset files, courses identified by {@code identifyBy}. */
    default CommandWriter<CourseResetCommand> courseResets(CourseKey identifyBy) {
        throw new UnsupportedOperationException("course resets are not supported by this backend");
    }

    /** The writer of meta-course binding files, courses identified by {@code identifyBy}. */
    default CommandWriter<CourseMetaCommand> courseMetas(CourseKey identifyBy) {
        throw new UnsupportedOperationException("course meta bindings are not supported by this backend");
    }

    /** The writer of cohorts files (cohorts and their members). */
    default CommandWriter<CohortCommand> cohorts(CohortSyncOptions options) {
        throw new UnsupportedOperationException("cohorts are not supported by this backend");
    }

    /** The writer of cohort to course bindings files (cohort sync enrolment instances). */
    default CommandWriter<CohortBindingCommand> cohortBindings(CohortBindingOptions options) {
        throw new UnsupportedOperationException("cohort bindings are not supported by this backend");
    }

    /** A short description for reports (database URL without credentials, table prefix). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
