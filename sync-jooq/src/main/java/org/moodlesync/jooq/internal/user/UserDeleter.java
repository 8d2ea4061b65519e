package org.moodlesync.jooq.internal.user;

import static org.moodlesync.jooq.schema.Tables.MDL_BLOCK_INSTANCES;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_EXTERNAL_TOKENS;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_GRADES;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_SESSIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_TAG_INSTANCE;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_LASTACCESS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PASSWORD_HISTORY;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import java.util.Locale;
import org.jooq.DSLContext;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;

/**
 * Moodle's soft delete ({@code delete_user}), row for row in the core tables: the user leaves every enrolment,
 * role, group and cohort; preferences, profile data, sessions, tokens, grades and what hangs on the user context
 * (files, blocks) go; the user row stays, scrambled (username rebuilt from the e-mail and the time, e-mail = MD5 of
 * the old username, idnumber emptied, picture 0, deleted = 1), and so does the user context.
 */
final class UserDeleter {

    private final SiteConfig site;

    UserDeleter(SiteConfig site) {
        this.site = site;
    }

    /** Deletes a user (nothing written in a dry run) and returns the row as it is afterwards. */
    MdlUserRecord delete(DSLContext dsl, MdlUserRecord user, long now, boolean dryRun) {
        long id = user.getId();
        String newUsername = dryRun ? deletedUsername(user, now) : freeDeletedUsername(dsl, user, now);
        if (!dryRun) {
            dsl.deleteFrom(MDL_GRADE_GRADES).where(MDL_GRADE_GRADES.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_TAG_INSTANCE).where(MDL_TAG_INSTANCE.ITEMTYPE.eq("user"))
                    .and(MDL_TAG_INSTANCE.ITEMID.eq(id)).execute();
            dsl.deleteFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_COHORT_MEMBERS).where(MDL_COHORT_MEMBERS.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_USER_PREFERENCES).where(MDL_USER_PREFERENCES.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_USER_INFO_DATA).where(MDL_USER_INFO_DATA.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_USER_PASSWORD_HISTORY).where(MDL_USER_PASSWORD_HISTORY.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_USER_LASTACCESS).where(MDL_USER_LASTACCESS.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_EXTERNAL_TOKENS).where(MDL_EXTERNAL_TOKENS.USERID.eq(id)).execute();
            dsl.deleteFrom(MDL_SESSIONS).where(MDL_SESSIONS.USERID.eq(id)).execute();
            Contexts.ContextRef context = Contexts.find(dsl, ContextLevel.USER, id);
            if (context != null) {
                dsl.deleteFrom(MDL_FILES).where(MDL_FILES.CONTEXTID.eq(context.id())).execute();
                dsl.deleteFrom(MDL_BLOCK_INSTANCES).where(MDL_BLOCK_INSTANCES.PARENTCONTEXTID.eq(context.id()))
                        .execute();
                dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(context.id())).execute();
            }
            dsl.update(MDL_USER)
                    .set(MDL_USER.DELETED, MDL_USER.DELETED.getDataType().convert(1))
                    .set(MDL_USER.USERNAME, newUsername)
                    .set(MDL_USER.EMAIL, UserLookup.usernameHash(user.getUsername()))
                    .set(MDL_USER.IDNUMBER, "")
                    .set(MDL_USER.PICTURE, 0L)
                    .set(MDL_USER.TIMEMODIFIED, now)
                    .where(MDL_USER.ID.eq(id))
                    .execute();
            CacheFlags.mark(dsl, site, CacheFlags.DIRTY_USERS, Long.toString(id), now);
        }
        MdlUserRecord after = user.copy();
        after.setId(id);
        after.setDeleted(MDL_USER.DELETED.getDataType().convert(1));
        after.setUsername(newUsername);
        after.setEmail(UserLookup.usernameHash(user.getUsername()));
        after.setIdnumber("");
        after.setPicture(0L);
        after.setTimemodified(now);
        return after;
    }

    private String freeDeletedUsername(DSLContext dsl, MdlUserRecord user, long now) {
        long stamp = now;
        String name = deletedUsername(user, stamp);
        while (dsl.fetchExists(MDL_USER, MDL_USER.USERNAME.eq(name)
                .and(MDL_USER.MNETHOSTID.eq(user.getMnethostid())))) {
            name = deletedUsername(user, ++stamp);
        }
        return name;
    }

    /** Moodle's name for a deleted account: the e-mail (or a made-up one) cleaned as a username, plus the time. */
    static String deletedUsername(MdlUserRecord user, long stamp) {
        String email = user.getEmail();
        String base = email == null || email.isEmpty()
                ? user.getUsername() + "." + user.getId() + "@unknownemail.invalid" : email;
        base = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.@-]", "");
        String suffix = "." + stamp;
        if (base.length() + suffix.length() > 100) {
            base = base.substring(0, 100 - suffix.length());
        }
        return base + suffix;
    }
}
