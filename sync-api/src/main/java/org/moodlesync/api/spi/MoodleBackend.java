package org.moodlesync.api.spi;

import org.moodlesync.api.command.course.CourseCheckCommand;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseKey;
import org.moodlesync.api.command.course.CourseMetaCommand;
import org.moodlesync.api.command.course.CourseRef;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.command.course.CourseSyncOptions;
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

    /** A short description for reports (database URL without credentials, table prefix). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
