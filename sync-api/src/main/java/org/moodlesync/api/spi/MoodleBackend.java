package org.moodlesync.api.spi;

import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureSyncOptions;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupSyncOptions;
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

    /** A short description for reports (database URL without credentials, table prefix). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
