package org.moodlesync.api.spi;

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
