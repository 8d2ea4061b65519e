package org.moodlesync.jooq.internal.user;

import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_SESSIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep3;
import org.jooq.InsertValuesStep4;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.schema.tables.records.MdlUserPreferencesRecord;
import org.moodlesync.jooq.schema.tables.records.MdlUserInfoDataRecord;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.IdReservation;
import org.moodlesync.jooq.internal.support.TableStatistics;

/**
 * Gathers the writes of a chunk's plain lines and writes them set-wise: one multi-row insert of users, one query for
 * their ids, one multi-row insert of their contexts and one update of the contexts' paths, one insert each of
 * preferences and profile data; updates go as one JDBC batch. A failure throws: the caller rolls the chunk back and
 * replays it line by line.
 */
final class BatchedUserWrites implements UserWrites {

    private final DSLContext dsl;
    private final SiteConfig site;
    private final UserLookup lookup;
    private final TableStatistics statistics;
    private final List<NewUser> creates = new ArrayList<>();
    private final List<UserUpdate> updates = new ArrayList<>();

    BatchedUserWrites(DSLContext dsl, SiteConfig site, UserLookup lookup, TableStatistics statistics) {
        this.dsl = dsl;
        this.site = site;
        this.lookup = lookup;
        this.statistics = statistics;
    }

    @Override
    public void create(NewUser user) {
        creates.add(user);
    }

    @Override
    public void update(UserUpdate update) {
        updates.add(update);
    }

    /** True when nothing waits. */
    boolean isEmpty() {
        return creates.isEmpty() && updates.isEmpty();
    }

    /** Writes what waits, and gives the new users their real ids (in their records and in the lookup). */
    void flush() {
        if (!creates.isEmpty()) {
            flushCreates();
            creates.clear();
        }
        if (!updates.isEmpty()) {
            flushUpdates();
            updates.clear();
        }
    }

    private void flushCreates() {
        if (IdReservation.supported(dsl)) {
            insertWithReservedIds();
        } else {
            insertAndReadIds();
        }
        statistics.inserted(MDL_USER, creates.size());
        statistics.inserted(MDL_CONTEXT, creates.size());
        writePreferencesAndProfiles();
    }

    /**
     * PostgreSQL: the users' and their contexts' ids taken from the sequences first (two queries), then the users
     * and the contexts, paths included, each sent as one batch of one statement (pgjdbc rewrites it into
     * multi-row inserts).
     */
    private void insertWithReservedIds() {
        List<Long> userIds = IdReservation.reserve(dsl, MDL_USER, creates.size());
        List<Long> contextIds = IdReservation.reserve(dsl, MDL_CONTEXT, creates.size());
        Map<List<Field<?>>, BatchBindStep> userBatches = new LinkedHashMap<>();
        for (int i = 0; i < creates.size(); i++) {
            NewUser n = creates.get(i);
            long placeholder = n.user().getId();
            n.user().setId(userIds.get(i));
            lookup.reassign(placeholder, userIds.get(i));
            List<Field<?>> fields = new ArrayList<>();
            for (Field<?> f : MDL_USER.fields()) {
                if (n.user().changed(f)) {
                    fields.add(f);
                }
            }
            Object[] values = new Object[fields.size()];
            for (int f = 0; f < values.length; f++) {
                values[f] = n.user().get(fields.get(f));
            }
            userBatches.computeIfAbsent(fields, fs -> dsl.batch(dsl.insertInto(MDL_USER).columns(fs)
                    .values(new Object[fs.size()]))).bind(values);
        }
        userBatches.values().forEach(BatchBindStep::execute);

        Long level = ContextLevel.USER.valueIn(MDL_CONTEXT.CONTEXTLEVEL);
        Short depth = (short) (Contexts.depthOf(site.systemPath()) + 1);
        BatchBindStep contexts = dsl.batch(dsl.insertInto(MDL_CONTEXT, MDL_CONTEXT.ID, MDL_CONTEXT.CONTEXTLEVEL,
                MDL_CONTEXT.INSTANCEID, MDL_CONTEXT.PATH, MDL_CONTEXT.DEPTH, MDL_CONTEXT.LOCKED)
                .values((Long) null, null, null, null, null, null));
        for (int i = 0; i < creates.size(); i++) {
            long contextId = contextIds.get(i);
            contexts = contexts.bind(contextId, level, userIds.get(i), site.systemPath() + "/" + contextId, depth,
                    (short) 0);
        }
        contexts.execute();
    }

    /**
     * Other databases: the users in one multi-row insert that returns their ids, their contexts in another, then
     * one update that sets every new context's path from its id.
     */
    private void insertAndReadIds() {
        SiteSchema schema = SiteSchema.of(site);
        var insert = dsl.insertInto(MDL_USER).set(ImmediateUserWrites.row(creates.get(0), schema));
        for (int i = 1; i < creates.size(); i++) {
            insert = insert.newRecord().set(ImmediateUserWrites.row(creates.get(i), schema));
        }
        Map<String, NewUser> byUsername = new HashMap<>();
        creates.forEach(n -> byUsername.put(n.user().getUsername(), n));
        insert.returningResult(MDL_USER.ID, MDL_USER.USERNAME).fetch().forEach(r -> {
            NewUser n = byUsername.get(r.value2());
            long placeholder = n.user().getId();
            n.user().setId(r.value1());
            lookup.reassign(placeholder, r.value1());
        });

        List<Long> ids = creates.stream().map(n -> n.user().getId()).toList();
        var contexts = dsl.insertInto(MDL_CONTEXT,
                MDL_CONTEXT.CONTEXTLEVEL, MDL_CONTEXT.INSTANCEID, MDL_CONTEXT.DEPTH, MDL_CONTEXT.LOCKED);
        Long level = ContextLevel.USER.valueIn(MDL_CONTEXT.CONTEXTLEVEL);
        for (Long id : ids) {
            contexts = contexts.values(level, id, (short) 0, (short) 0);
        }
        contexts.execute();
        dsl.update(MDL_CONTEXT)
                .set(MDL_CONTEXT.PATH, DSL.concat(DSL.val(site.systemPath() + "/"), MDL_CONTEXT.ID.cast(String.class)))
                .set(MDL_CONTEXT.DEPTH, (short) (Contexts.depthOf(site.systemPath()) + 1))
                .where(MDL_CONTEXT.CONTEXTLEVEL.eq(level))
                .and(MDL_CONTEXT.INSTANCEID.in(ids))
                .and(MDL_CONTEXT.PATH.isNull())
                .execute();
    }

    private void writePreferencesAndProfiles() {
        InsertValuesStep3<MdlUserPreferencesRecord, Long, String, String> prefs = null;
        InsertValuesStep4<MdlUserInfoDataRecord, Long, Long, String, Short> profile = null;
        long now = creates.get(0).now();
        for (NewUser n : creates) {
            long id = n.user().getId();
            for (Map.Entry<String, String> p : n.preferences().entrySet()) {
                prefs = (prefs == null ? dsl.insertInto(MDL_USER_PREFERENCES, MDL_USER_PREFERENCES.USERID,
                        MDL_USER_PREFERENCES.NAME, MDL_USER_PREFERENCES.VALUE) : prefs)
                        .values(id, p.getKey(), p.getValue());
            }
            for (ProfileWrite w : n.profile()) {
                profile = (profile == null ? dsl.insertInto(MDL_USER_INFO_DATA, MDL_USER_INFO_DATA.USERID,
                        MDL_USER_INFO_DATA.FIELDID, MDL_USER_INFO_DATA.DATA, MDL_USER_INFO_DATA.DATAFORMAT) : profile)
                        .values(id, w.fieldId(), w.data(), (short) w.format());
            }
        }
        if (prefs != null) {
            prefs.execute();
            // as set_user_preference does: other sessions of the user reload their preferences
            var flags = dsl.insertInto(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE, MDL_CACHE_FLAGS.NAME,
                    MDL_CACHE_FLAGS.VALUE, MDL_CACHE_FLAGS.TIMEMODIFIED, MDL_CACHE_FLAGS.EXPIRY);
            for (NewUser n : creates) {
                if (!n.preferences().isEmpty()) {
                    flags = flags.values(CacheFlags.USER_PREFERENCES_CHANGED, n.user().getId().toString(), "1",
                            now, now + site.sessionTimeout());
                }
            }
            flags.execute();
        }
        if (profile != null) {
            profile.execute();
        }
    }

    private void flushUpdates() {
        // one prepared statement per set of columns, its values bound: a batch of distinct queries would be sent
        // as plain statements with the values written into their text
        Map<List<Field<?>>, List<UserUpdate>> shapes = new LinkedHashMap<>();
        List<Long> endSessions = new ArrayList<>();
        for (UserUpdate u : updates) {
            if (!u.set().isEmpty()) {
                shapes.computeIfAbsent(List.copyOf(u.set().keySet()), k -> new ArrayList<>()).add(u);
            }
            if (u.endSessions()) {
                endSessions.add(u.userId());
            }
        }
        for (Map.Entry<List<Field<?>>, List<UserUpdate>> shape : shapes.entrySet()) {
            List<Field<?>> columns = shape.getKey();
            Map<Field<?>, Object> template = new LinkedHashMap<>();
            columns.forEach(c -> template.put(c, null));
            BatchBindStep batch = dsl.batch(dsl.update(MDL_USER).set(template).where(MDL_USER.ID.eq((Long) null)));
            for (UserUpdate u : shape.getValue()) {
                Object[] values = new Object[columns.size() + 1];
                for (int i = 0; i < columns.size(); i++) {
                    values[i] = u.set().get(columns.get(i));
                }
                values[columns.size()] = u.userId();
                batch = batch.bind(values);
            }
            batch.execute();
        }
        if (!endSessions.isEmpty()) {
            dsl.deleteFrom(MDL_SESSIONS).where(MDL_SESSIONS.USERID.in(endSessions)).execute();
        }
        for (UserUpdate u : updates) {
            u.preferences().forEach((name, value) -> Preferences.set(dsl, site, u.userId(), name, value, u.now()));
            ImmediateUserWrites.writeProfile(dsl, u.userId(), u.profile());
        }
    }
}
