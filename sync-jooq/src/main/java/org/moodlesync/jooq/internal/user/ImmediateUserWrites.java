package org.moodlesync.jooq.internal.user;

import static org.moodlesync.jooq.schema.Tables.MDL_SESSIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;

import java.util.List;
import org.jooq.DSLContext;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.site.SiteSchema;

/** Executes a line's writes at once (the line runs in its own savepoint). */
final class ImmediateUserWrites implements UserWrites {

    private final DSLContext dsl;
    private final SiteConfig site;
    private final SiteSchema schema;

    ImmediateUserWrites(DSLContext dsl, SiteConfig site) {
        this.dsl = dsl;
        this.site = site;
        this.schema = SiteSchema.of(site);
    }

    @Override
    public void create(NewUser n) {
        long id = dsl.insertInto(MDL_USER).set(row(n, schema)).returningResult(MDL_USER.ID).fetchOne().value1();
        n.user().setId(id);
        Contexts.create(dsl, ContextLevel.USER, id, site.systemPath());
        n.preferences().forEach((name, value) -> Preferences.set(dsl, site, id, name, value, n.now()));
        writeProfile(dsl, id, n.profile());
    }

    @Override
    public void update(UserUpdate u) {
        if (!u.set().isEmpty()) {
            dsl.update(MDL_USER).set(u.set()).where(MDL_USER.ID.eq(u.userId())).execute();
        }
        if (u.endSessions()) {
            dsl.deleteFrom(MDL_SESSIONS).where(MDL_SESSIONS.USERID.eq(u.userId())).execute();
        }
        u.preferences().forEach((name, value) -> Preferences.set(dsl, site, u.userId(), name, value, u.now()));
        writeProfile(dsl, u.userId(), u.profile());
    }

    /** The row to insert: the user without its placeholder id (the database numbers it). */
    /** The new user's row to insert: every column the site has (the copy names all of them), but the id. */
    static MdlUserRecord row(NewUser n, SiteSchema schema) {
        MdlUserRecord row = n.user().copy();
        row.reset(MDL_USER.ID);
        return schema.writable(row);
    }

    static void writeProfile(DSLContext dsl, long userId, List<ProfileWrite> writes) {
        for (ProfileWrite w : writes) {
            if (w.exists()) {
                dsl.update(MDL_USER_INFO_DATA).set(MDL_USER_INFO_DATA.DATA, w.data())
                        .where(MDL_USER_INFO_DATA.USERID.eq(userId)).and(MDL_USER_INFO_DATA.FIELDID.eq(w.fieldId()))
                        .execute();
            } else {
                dsl.insertInto(MDL_USER_INFO_DATA).set(MDL_USER_INFO_DATA.USERID, userId)
                        .set(MDL_USER_INFO_DATA.FIELDID, w.fieldId()).set(MDL_USER_INFO_DATA.DATA, w.data())
                        .set(MDL_USER_INFO_DATA.DATAFORMAT, MDL_USER_INFO_DATA.DATAFORMAT.getDataType()
                                .convert(w.format()))
                        .execute();
            }
        }
    }
}
