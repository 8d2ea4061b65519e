package org.moodlesync.jooq.site;

import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;

import org.jooq.DSLContext;

/**
 * The {@code cache_flags} rows through which a running Moodle notices direct writes: users whose access changed
 * reload it, users whose preferences changed reload them, contexts marked dirty are re-read.
 */
public final class CacheFlags {

    /** A user's roles or enrolments changed. */
    public static final String DIRTY_USERS = "accesslib/dirtyusers";
    /** A context (and what is below it) changed. */
    public static final String DIRTY_CONTEXTS = "accesslib/dirtycontexts";
    /** A user's preferences changed. */
    public static final String USER_PREFERENCES_CHANGED = "userpreferenceschanged";

    private CacheFlags() {
    }

    /** Sets a flag as Moodle's {@code set_cache_flag} does: updated when present, inserted otherwise. */
    public static void mark(DSLContext dsl, SiteConfig site, String flagType, String name, long now) {
        long expiry = now + site.sessionTimeout();
        int updated = dsl.update(MDL_CACHE_FLAGS)
                .set(MDL_CACHE_FLAGS.VALUE, "1")
                .set(MDL_CACHE_FLAGS.TIMEMODIFIED, now)
                .set(MDL_CACHE_FLAGS.EXPIRY, expiry)
                .where(MDL_CACHE_FLAGS.FLAGTYPE.eq(flagType))
                .and(MDL_CACHE_FLAGS.NAME.eq(name))
                .execute();
        if (updated == 0) {
            dsl.insertInto(MDL_CACHE_FLAGS)
                    .set(MDL_CACHE_FLAGS.FLAGTYPE, flagType)
                    .set(MDL_CACHE_FLAGS.NAME, name)
                    .set(MDL_CACHE_FLAGS.VALUE, "1")
                    .set(MDL_CACHE_FLAGS.TIMEMODIFIED, now)
                    .set(MDL_CACHE_FLAGS.EXPIRY, expiry)
                    .execute();
        }
    }
}
