package org.moodlesync.jooq.internal.site;

import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.moodlesync.jooq.internal.support.InsertBatch;

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

    /** Names per statement of {@link #markAll}: small {@code IN} lists every engine probes its index with. */
    private static final int NAMES_PER_STATEMENT = 500;

    /**
     * {@link #mark} for many names at once, as many {@code set_cache_flag} calls would leave the table: the flags that
     * exist are updated (on PostgreSQL the update returns their names; elsewhere one query finds them first), the
     * others inserted as one batch. Per {@value #NAMES_PER_STATEMENT} names.
     */
    public static void markAll(DSLContext dsl, SiteConfig site, String flagType, Collection<String> names, long now) {
        long expiry = now + site.sessionTimeout();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
        for (int from = 0; from < distinct.size(); from += NAMES_PER_STATEMENT) {
            List<String> slice = distinct.subList(from, Math.min(distinct.size(), from + NAMES_PER_STATEMENT));
            var update = dsl.update(MDL_CACHE_FLAGS).set(MDL_CACHE_FLAGS.VALUE, "1")
                    .set(MDL_CACHE_FLAGS.TIMEMODIFIED, now).set(MDL_CACHE_FLAGS.EXPIRY, expiry)
                    .where(MDL_CACHE_FLAGS.FLAGTYPE.eq(flagType));
            Set<String> present;
            if (dsl.dialect().family() == SQLDialect.POSTGRES) {
                present = new HashSet<>(update.and(MDL_CACHE_FLAGS.NAME.in(slice))
                        .returningResult(MDL_CACHE_FLAGS.NAME).fetch(MDL_CACHE_FLAGS.NAME));
            } else {
                present = new HashSet<>(dsl.select(MDL_CACHE_FLAGS.NAME).from(MDL_CACHE_FLAGS)
                        .where(MDL_CACHE_FLAGS.FLAGTYPE.eq(flagType)).and(MDL_CACHE_FLAGS.NAME.in(slice))
                        .fetch(MDL_CACHE_FLAGS.NAME));
                if (!present.isEmpty()) {
                    update.and(MDL_CACHE_FLAGS.NAME.in(present)).execute();
                }
            }
            InsertBatch insert = InsertBatch.into(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE, MDL_CACHE_FLAGS.NAME,
                    MDL_CACHE_FLAGS.VALUE, MDL_CACHE_FLAGS.TIMEMODIFIED, MDL_CACHE_FLAGS.EXPIRY);
            for (String name : slice) {
                if (!present.contains(name)) {
                    insert.row(flagType, name, "1", now, expiry);
                }
            }
            insert.execute(dsl);
        }
    }
}
