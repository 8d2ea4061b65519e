package org.moodlesync.jooq.reliability;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.schema.DefaultSchema;

/**
 * What a site holds, for the reliability tests: the invariants no run may break, a full dump of every table (to
 * prove that nothing else changed, or to put a site back as it was), and the site's logical content independent
 * of ids and salts (to compare a site repaired by reruns with one written in a single clean run).
 */
public final class SiteState {

    private SiteState() {
    }

    /**
     * The broken invariants of a site (empty when it is coherent). Users: every user has exactly one user context
     * with Moodle's path and depth; no user context, preference or profile value without its user; no username
     * twice. ADD THE INVARIANTS OF A KIND HERE when it lands (for example every course has its context, sections
     * and enrol instances).
     */
    public static List<String> violations(DSLContext dsl) {
        List<String> broken = new ArrayList<>();
        var u = MDL_USER.as("u");
        var c = MDL_CONTEXT.as("c");
        String systemPath = dsl.select(MDL_CONTEXT.PATH).from(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(10L))
                .fetchOne(MDL_CONTEXT.PATH);
        count(broken, "users without their user context", dsl.fetchCount(dsl.selectFrom(u).whereNotExists(
                DSL.selectOne().from(c).where(c.CONTEXTLEVEL.eq(30L)).and(c.INSTANCEID.eq(u.ID)))));
        count(broken, "user contexts without their user", dsl.fetchCount(dsl.selectFrom(c).where(c.CONTEXTLEVEL
                .eq(30L)).andNotExists(DSL.selectOne().from(u).where(u.ID.eq(c.INSTANCEID)))));
        count(broken, "users with more than one user context", dsl.fetchCount(dsl.select(c.INSTANCEID).from(c)
                .where(c.CONTEXTLEVEL.eq(30L)).groupBy(c.INSTANCEID).having(DSL.count().gt(1))));
        for (var ctx : dsl.selectFrom(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L)).fetch()) {
            if (!(systemPath + "/" + ctx.getId()).equals(ctx.getPath()) || ctx.getDepth() == null
                    || ctx.getDepth().intValue() != 2) {
                broken.add("user context " + ctx.getId() + " has path " + ctx.getPath() + " depth " + ctx.getDepth());
            }
        }
        count(broken, "preferences without their user", dsl.fetchCount(dsl.selectFrom(MDL_USER_PREFERENCES)
                .whereNotExists(DSL.selectOne().from(u).where(u.ID.eq(MDL_USER_PREFERENCES.USERID)))));
        count(broken, "profile values without their user", dsl.fetchCount(dsl.selectFrom(MDL_USER_INFO_DATA)
                .whereNotExists(DSL.selectOne().from(u).where(u.ID.eq(MDL_USER_INFO_DATA.USERID)))));
        count(broken, "usernames held twice", dsl.fetchCount(dsl.select(u.MNETHOSTID, u.USERNAME).from(u)
                .groupBy(u.MNETHOSTID, u.USERNAME).having(DSL.count().gt(1))));
        return broken;
    }

    private static void count(List<String> broken, String what, int n) {
        if (n > 0) {
            broken.add(n + " " + what);
        }
    }

    /** Every row of every table, by table name (rows in id order, as lists of values). */
    public static Map<String, List<List<Object>>> dump(DSLContext dsl) {
        Map<String, List<List<Object>>> all = new TreeMap<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            all.put(table.getName(), rows(dsl, table));
        }
        return all;
    }

    private static List<List<Object>> rows(DSLContext dsl, Table<?> table) {
        Field<?> id = table.field("id");
        Result<? extends Record> result = id == null ? dsl.selectFrom(table).fetch()
                : dsl.selectFrom(table).orderBy(id).fetch();
        List<List<Object>> rows = new ArrayList<>(result.size());
        for (Record r : result) {
            rows.add(Arrays.asList(r.intoArray()));
        }
        return rows;
    }

    /** A site put back as it was when {@code dump} was taken (only the tables that differ are rewritten). */
    public static void restore(DSLContext dsl, Map<String, List<List<Object>>> dump) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                List<List<Object>> wanted = dump.get(table.getName());
                if (rows(tx, table).equals(wanted)) {
                    continue;
                }
                tx.deleteFrom(table).execute();
                if (!wanted.isEmpty()) {
                    var insert = tx.insertInto(table, table.fields());
                    for (List<Object> row : wanted) {
                        insert = insert.values(row);
                    }
                    insert.execute();
                }
            }
        });
    }

    /**
     * The users as a person would compare them: every user by username with its fields, the kind of its password
     * (a hash is a hash: salts differ), its preferences, profile values and number of user contexts. Ids are left
     * out: a rerun after a failure may number rows differently. ADD A KIND'S CONTENT HERE when it lands.
     */
    public static Map<String, String> logical(DSLContext dsl) {
        Map<String, String> state = new TreeMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        for (var user : dsl.selectFrom(MDL_USER).orderBy(MDL_USER.ID).fetch()) {
            names.put(user.getId(), user.getUsername());
            String password = user.getPassword().startsWith("$") ? "hash" : user.getPassword();
            state.put("user " + user.getUsername(), String.join("|", user.getIdnumber(), user.getFirstname(),
                    user.getLastname(), user.getEmail(), user.getAuth(), String.valueOf(user.getSuspended()),
                    String.valueOf(user.getDeleted()), user.getCity(), user.getCountry(), user.getLang(),
                    String.valueOf(user.getDescription()), user.getPhone1(), user.getInstitution(),
                    String.valueOf(user.getMaildisplay()), password, String.valueOf(user.getTimemodified()),
                    String.valueOf(user.getMnethostid())));
        }
        for (var p : dsl.selectFrom(MDL_USER_PREFERENCES).fetch()) {
            state.put("preference " + names.get(p.getUserid()) + " " + p.getName(), p.getValue());
        }
        for (var d : dsl.selectFrom(MDL_USER_INFO_DATA).fetch()) {
            state.put("profile " + names.get(d.getUserid()) + " " + d.getFieldid(), d.getData());
        }
        for (var r : dsl.select(MDL_CONTEXT.INSTANCEID, DSL.count()).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L)).groupBy(MDL_CONTEXT.INSTANCEID).fetch()) {
            state.put("contexts of " + names.get(r.value1()), String.valueOf(r.value2()));
        }
        return state;
    }
}
