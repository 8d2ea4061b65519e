package org.moodlesync.jooq.internal.user;

import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.SiteConfig;

/** User preferences as Moodle's {@code set_user_preference} writes them, with its cache flag. */
final class Preferences {

    /** Moodle's cron generates and mails a password. */
    static final String CREATE_PASSWORD = "create_password";
    /** The user must change the password at next login. */
    static final String FORCE_PASSWORD_CHANGE = "auth_forcepasswordchange";
    /** When the manual auth plugin last saw the password change. */
    static final String PASSWORD_UPDATE_TIME = "auth_manual_passwordupdatetime";

    private Preferences() {
    }

    /** Sets a preference (updated when present) and flags the change for the user's sessions. */
    static void set(DSLContext dsl, SiteConfig site, long userId, String name, String value, long now) {
        int updated = dsl.update(MDL_USER_PREFERENCES)
                .set(MDL_USER_PREFERENCES.VALUE, value)
                .where(MDL_USER_PREFERENCES.USERID.eq(userId))
                .and(MDL_USER_PREFERENCES.NAME.eq(name))
                .execute();
        if (updated == 0) {
            dsl.insertInto(MDL_USER_PREFERENCES)
                    .set(MDL_USER_PREFERENCES.USERID, userId)
                    .set(MDL_USER_PREFERENCES.NAME, name)
                    .set(MDL_USER_PREFERENCES.VALUE, value)
                    .execute();
        }
        CacheFlags.mark(dsl, site, CacheFlags.USER_PREFERENCES_CHANGED, Long.toString(userId), now);
    }
}
