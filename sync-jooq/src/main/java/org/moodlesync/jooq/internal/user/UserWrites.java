package org.moodlesync.jooq.internal.user;

import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;

/**
 * Where a planned user line's writes go: executed at once ({@link ImmediateUserWrites}, one line in its savepoint),
 * gathered and written in batches ({@link BatchedUserWrites}, the fast path of a chunk), or nowhere (dry run).
 */
interface UserWrites {

    /** Writes nothing: the dry run. */
    UserWrites NONE = new UserWrites() {
        @Override
        public void create(NewUser user) {
        }

        @Override
        public void update(UserUpdate update) {
        }
    };

    /** A new user: the row, its context, its preferences and profile data. */
    void create(NewUser user);

    /** Changes to an existing user. */
    void update(UserUpdate update);

    /**
     * A user to create.
     *
     * @param user        the row (its id is a placeholder until written)
     * @param preferences preferences to write
     * @param profile     profile field values to write
     * @param now         the time
     */
    record NewUser(MdlUserRecord user, Map<String, String> preferences, List<ProfileWrite> profile, long now) {
    }

    /**
     * Changes to a user.
     *
     * @param userId      the user
     * @param set         the columns to change (with timemodified), may be empty
     * @param endSessions true when the user is suspended: their sessions go
     * @param preferences preferences to set
     * @param profile     profile field values to write
     * @param now         the time
     */
    record UserUpdate(long userId, Map<Field<?>, Object> set, boolean endSessions, Map<String, String> preferences,
                      List<ProfileWrite> profile, long now) {
    }

    /**
     * One {@code user_info_data} value.
     *
     * @param fieldId the field
     * @param data    the value
     * @param format  the data format (1 for textarea)
     * @param exists  true to update the stored row, false to insert one
     */
    record ProfileWrite(long fieldId, String data, int format, boolean exists) {
    }
}
