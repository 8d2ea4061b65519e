package org.moodlesync.api.command.user;

import org.moodlesync.api.command.UserKey;

import java.util.Objects;

/**
 * Options of the users kind, tool_sync's users settings as typed values. Immutable; change with the
 * {@code withX} methods:
 *
 * <pre>{@code
 * UserSyncOptions options = UserSyncOptions.defaults().withIdentifyBy(UserKey.USERNAME).withAllowRename(true);
 * }</pre>
 *
 * @param identifyBy      the field matching file lines to existing users (tool_sync's {@code users_primaryidentity},
 *                        default {@code idnumber}); a line without a value for it is matched by username
 * @param protectEmails   never change the e-mail of an existing user (tool_sync's {@code users_protectemails},
 *                        default on); a missing e-mail is still filled in
 * @param createPasswords when a new user has no password column, let Moodle generate and mail one
 *                        (tool_sync's {@code users_createpasswords})
 * @param allowRename     honour the {@code oldusername} column (tool_sync's {@code users_allowrename})
 * @param fastHash        hash passwords with {@code rounds=5000} as Moodle's bulk upload does, instead of the
 *                        normal {@code rounds=10000}
 */
public record UserSyncOptions(UserKey identifyBy, boolean protectEmails, boolean createPasswords,
                              boolean allowRename, boolean fastHash) {

    /**
     * Checks that a key is given.
     *
     * @param identifyBy      the field matching file lines to existing users (tool_sync's
     *                        {@code users_primaryidentity}, default {@code idnumber}); a line without a value for it is
     *                        matched by username
     * @param protectEmails   never change the e-mail of an existing user (tool_sync's {@code users_protectemails},
     *                        default on); a missing e-mail is still filled in
     * @param createPasswords when a new user has no password column, let Moodle generate and mail one (tool_sync's
     *                        {@code users_createpasswords})
     * @param allowRename     honour the {@code oldusername} column (tool_sync's {@code users_allowrename})
     * @param fastHash        hash passwords with {@code rounds=5000} as Moodle's bulk upload does, instead of the
     *                        normal {@code rounds=10000}
     * @throws NullPointerException when {@code identifyBy} is null
     */
    public UserSyncOptions {
        Objects.requireNonNull(identifyBy, "identifyBy");
    }

    /**
     * tool_sync's defaults: identify by idnumber, protect e-mails, no generated passwords, no renames.
     *
     * @return the default options
     */
    public static UserSyncOptions defaults() {
        return new UserSyncOptions(UserKey.IDNUMBER, true, false, false, false);
    }

    /**
     * A copy identifying users by another field.
     *
     * @param key the identifying field
     * @return the changed copy
     */
    public UserSyncOptions withIdentifyBy(UserKey key) {
        return new UserSyncOptions(key, protectEmails, createPasswords, allowRename, fastHash);
    }

    /**
     * A copy with e-mail protection on or off.
     *
     * @param on true: e-mails of existing users are never changed
     * @return the changed copy
     */
    public UserSyncOptions withProtectEmails(boolean on) {
        return new UserSyncOptions(identifyBy, on, createPasswords, allowRename, fastHash);
    }

    /**
     * A copy with password generation for new users on or off.
     *
     * @param on true: a new user without a password column gets one generated and mailed by Moodle's cron
     * @return the changed copy
     */
    public UserSyncOptions withCreatePasswords(boolean on) {
        return new UserSyncOptions(identifyBy, protectEmails, on, allowRename, fastHash);
    }

    /**
     * A copy with renames on or off.
     *
     * @param on true: the {@code oldusername} column renames users
     * @return the changed copy
     */
    public UserSyncOptions withAllowRename(boolean on) {
        return new UserSyncOptions(identifyBy, protectEmails, createPasswords, on, fastHash);
    }

    /**
     * A copy with fast password hashing on or off.
     *
     * @param on true: SHA-512 crypt with {@code rounds=5000} instead of {@code rounds=10000}
     * @return the changed copy
     */
    public UserSyncOptions withFastHash(boolean on) {
        return new UserSyncOptions(identifyBy, protectEmails, createPasswords, allowRename, on);
    }
}
