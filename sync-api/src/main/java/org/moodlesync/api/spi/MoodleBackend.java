package org.moodlesync.api.spi;

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

    /** A short description for reports (database URL without credentials, table prefix). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
