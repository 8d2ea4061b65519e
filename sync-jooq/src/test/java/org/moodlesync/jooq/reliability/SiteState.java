package org.moodlesync.jooq.reliability;

import static org.moodlesync.jooq.schema.Tables.MDL_COHORT;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.schema.DefaultSchema;
import org.moodlesync.jooq.schema.tables.records.MdlContextRecord;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.moodlesync.jooq.internal.site.SiteSchema;

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
     * twice; and the courses' invariants (below). ADD THE INVARIANTS OF A KIND HERE when it lands.
     */
    public static List<String> violations(DSLContext dsl) {
        List<String> broken = new ArrayList<>();
        var u = MDL_USER.as("u");
        var c = MDL_CONTEXT.as("c");
        String systemPath = dsl.select(MDL_CONTEXT.PATH).from(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(10L))
                .fetchOne(MDL_CONTEXT.PATH);
        count(broken, "users without their user context", dsl.fetchCount(dsl.select(u.ID).from(u).whereNotExists(
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
        courses(dsl, broken);
        return broken;
    }

    /**
     * Courses and what hangs from them: every course has exactly one course context under its category's context
     * (Moodle's path and depth) and, the front page aside, its section 0; no course context, section, enrol instance or group without its
     * course; no enrolment without its instance or user; no group member without group or user; no cohort member
     * without cohort or user; no role assignment without its context or user; no course shortname twice.
     */
    private static void courses(DSLContext dsl, List<String> broken) {
        var co = MDL_COURSE.as("co");
        var c = MDL_CONTEXT.as("c");
        count(broken, "courses without their course context", dsl.fetchCount(dsl.selectOne().from(co).whereNotExists(
                DSL.selectOne().from(c).where(c.CONTEXTLEVEL.eq(50L)).and(c.INSTANCEID.eq(co.ID)))));
        count(broken, "courses with more than one course context", dsl.fetchCount(dsl.select(c.INSTANCEID).from(c)
                .where(c.CONTEXTLEVEL.eq(50L)).groupBy(c.INSTANCEID).having(DSL.count().gt(1))));
        count(broken, "course contexts without their course", dsl.fetchCount(dsl.selectFrom(c)
                .where(c.CONTEXTLEVEL.eq(50L)).andNotExists(DSL.selectOne().from(co).where(co.ID.eq(c.INSTANCEID)))));
        Map<Long, MdlContextRecord> categories = new java.util.HashMap<>();
        for (var ctx : dsl.selectFrom(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(40L)).fetch()) {
            categories.put(ctx.getInstanceid(), ctx);
        }
        MdlContextRecord system = dsl.selectFrom(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(10L)).fetchOne();
        for (var r : dsl.select(MDL_COURSE.ID, MDL_COURSE.CATEGORY, MDL_CONTEXT.ID, MDL_CONTEXT.PATH,
                MDL_CONTEXT.DEPTH).from(MDL_COURSE).join(MDL_CONTEXT).on(MDL_CONTEXT.CONTEXTLEVEL.eq(50L)
                .and(MDL_CONTEXT.INSTANCEID.eq(MDL_COURSE.ID))).fetch()) {
            MdlContextRecord parent = r.value2() == 0 ? system : categories.get(r.value2());
            if (parent == null) {
                broken.add("course " + r.value1() + " in category " + r.value2() + " that has no context");
            } else if (!(parent.getPath() + "/" + r.value3()).equals(r.value4())
                    || r.value5().intValue() != parent.getDepth().intValue() + 1) {
                broken.add("course context " + r.value3() + " has path " + r.value4() + " depth " + r.value5());
            }
        }
        count(broken, "courses without their section 0", dsl.fetchCount(dsl.selectOne().from(co).where(co.FORMAT
                .ne("site")).andNotExists(
                DSL.selectOne().from(MDL_COURSE_SECTIONS).where(MDL_COURSE_SECTIONS.COURSE.eq(co.ID))
                        .and(MDL_COURSE_SECTIONS.SECTION.eq(0L)))));
        count(broken, "course sections without their course", dsl.fetchCount(dsl.selectOne().from(MDL_COURSE_SECTIONS)
                .whereNotExists(DSL.selectOne().from(co).where(co.ID.eq(MDL_COURSE_SECTIONS.COURSE)))));
        count(broken, "enrol instances without their course", dsl.fetchCount(dsl.selectFrom(MDL_ENROL)
                .whereNotExists(DSL.selectOne().from(co).where(co.ID.eq(MDL_ENROL.COURSEID)))));
        count(broken, "enrolments without their instance", dsl.fetchCount(dsl.selectFrom(MDL_USER_ENROLMENTS)
                .whereNotExists(DSL.selectOne().from(MDL_ENROL).where(MDL_ENROL.ID.eq(MDL_USER_ENROLMENTS.ENROLID)))));
        count(broken, "enrolments without their user", dsl.fetchCount(dsl.selectFrom(MDL_USER_ENROLMENTS)
                .whereNotExists(DSL.selectOne().from(MDL_USER).where(MDL_USER.ID.eq(MDL_USER_ENROLMENTS.USERID)))));
        count(broken, "users enrolled twice through one instance", dsl.fetchCount(dsl.select(
                MDL_USER_ENROLMENTS.ENROLID, MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                .groupBy(MDL_USER_ENROLMENTS.ENROLID, MDL_USER_ENROLMENTS.USERID).having(DSL.count().gt(1))));
        count(broken, "groups without their course", dsl.fetchCount(dsl.selectOne().from(MDL_GROUPS)
                .whereNotExists(DSL.selectOne().from(co).where(co.ID.eq(MDL_GROUPS.COURSEID)))));
        count(broken, "group members without their group", dsl.fetchCount(dsl.selectFrom(MDL_GROUPS_MEMBERS)
                .whereNotExists(DSL.selectOne().from(MDL_GROUPS).where(MDL_GROUPS.ID.eq(MDL_GROUPS_MEMBERS.GROUPID)))));
        count(broken, "group members without their user", dsl.fetchCount(dsl.selectFrom(MDL_GROUPS_MEMBERS)
                .whereNotExists(DSL.selectOne().from(MDL_USER).where(MDL_USER.ID.eq(MDL_GROUPS_MEMBERS.USERID)))));
        count(broken, "cohort members without their cohort", dsl.fetchCount(dsl.selectFrom(MDL_COHORT_MEMBERS)
                .whereNotExists(DSL.selectOne().from(MDL_COHORT).where(MDL_COHORT.ID.eq(MDL_COHORT_MEMBERS.COHORTID)))));
        count(broken, "cohort members without their user", dsl.fetchCount(dsl.selectFrom(MDL_COHORT_MEMBERS)
                .whereNotExists(DSL.selectOne().from(MDL_USER).where(MDL_USER.ID.eq(MDL_COHORT_MEMBERS.USERID)))));
        count(broken, "role assignments without their context", dsl.fetchCount(dsl.selectFrom(MDL_ROLE_ASSIGNMENTS)
                .whereNotExists(DSL.selectOne().from(c).where(c.ID.eq(MDL_ROLE_ASSIGNMENTS.CONTEXTID)))));
        count(broken, "role assignments without their user", dsl.fetchCount(dsl.selectFrom(MDL_ROLE_ASSIGNMENTS)
                .whereNotExists(DSL.selectOne().from(MDL_USER).where(MDL_USER.ID.eq(MDL_ROLE_ASSIGNMENTS.USERID)))));
        count(broken, "course shortnames held twice", dsl.fetchCount(dsl.select(co.SHORTNAME).from(co)
                .groupBy(co.SHORTNAME).having(DSL.count().gt(1))));
    }

    private static void count(List<String> broken, String what, int n) {
        if (n > 0) {
            broken.add(n + " " + what);
        }
    }

    /** The columns of the site's branch (the installed schema may be of another branch than 4.5). */
    private static SiteSchema schema(DSLContext dsl) {
        return SiteSchema.of(SiteConfig.load(dsl));
    }

    /** Every row of every table, by table name (rows in id order, as lists of values). */
    public static Map<String, List<List<Object>>> dump(DSLContext dsl) {
        Map<String, List<List<Object>>> all = new TreeMap<>();
        SiteSchema schema = schema(dsl);
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            all.put(table.getName(), rows(dsl, schema, table));
        }
        return all;
    }

    private static List<List<Object>> rows(DSLContext dsl, SiteSchema schema, Table<?> table) {
        Field<?> id = table.field("id");
        List<Field<?>> fields = schema.fields(table);
        Result<? extends Record> result = id == null ? dsl.select(fields).from(table).fetch()
                : dsl.select(fields).from(table).orderBy(id).fetch();
        List<List<Object>> rows = new ArrayList<>(result.size());
        for (Record r : result) {
            rows.add(Arrays.asList(r.intoArray()));
        }
        return rows;
    }

    /** Columns holding ids (or made of them): left out by {@link #comparable}, which follows the links by name. */
    private static final Set<String> ID_COLUMNS = Set.of("path", "course", "category", "parent", "customint1",
            "customint2", "sequence");

    /**
     * Columns that follow the order entities were created in, or name an entity by id (a cache flag names a user by
     * id or a context by path): a rerun creates the lines that failed after the others.
     */
    private static final Set<String> ORDER_OF_CREATION = Set.of("mdl_course.sortorder",
            "mdl_course_categories.sortorder", "mdl_cache_flags.name");

    /**
     * A site's content independent of ids, salts and creation order, to compare a site repaired by reruns with one written in a
     * single clean run: every table's rows (as sorted strings) without their id columns (any column named
     * {@code id} or ending in {@code id}, those of {@code ID_COLUMNS} and {@code ORDER_OF_CREATION}), password hashes as "hash"; and the
     * links those ids made, by name: each course's category, each enrolment (user, course, plugin, status), role
     * assignment (user, context, role), enrol instance (course, plugin, linked course or cohort), group (course),
     * group member and cohort member.
     */
    public static Map<String, List<String>> comparable(DSLContext dsl) {
        Map<String, List<String>> all = new TreeMap<>();
        SiteSchema schema = schema(dsl);
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            List<Field<?>> kept = schema.fields(table).stream().filter(f -> {
                String n = f.getName().toLowerCase(java.util.Locale.ROOT);
                return !n.endsWith("id") && !ID_COLUMNS.contains(n) && !ORDER_OF_CREATION.contains(table.getName() + "."
                        + n);
            }).toList();
            List<String> rows = new ArrayList<>();
            for (Record r : dsl.select(kept).from(table).fetch()) {
                List<String> values = new ArrayList<>();
                for (Field<?> f : kept) {
                    Object v = r.get(f);
                    values.add(f.getName().equals("password") && v != null && v.toString().startsWith("$") ? "hash"
                            : String.valueOf(v));
                }
                rows.add(String.join("|", values));
            }
            rows.sort(null);
            all.put(table.getName(), rows);
        }
        all.put("~links", links(dsl));
        return all;
    }

    private static List<String> links(DSLContext dsl) {
        List<String> links = new ArrayList<>();
        Map<Long, String> users = new java.util.HashMap<>();
        SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_USER), MDL_USER).forEach(u -> users.put(u.getId(), u.getUsername()));
        Map<Long, String> courses = new java.util.HashMap<>();
        SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_COURSE), MDL_COURSE).forEach(c -> courses.put(c.getId(), c.getShortname()));
        Map<Long, String> categories = new java.util.HashMap<>();
        dsl.selectFrom(MDL_COURSE_CATEGORIES).fetch().forEach(c -> categories.put(c.getId(), c.getName()));
        Map<Long, String> cohorts = new java.util.HashMap<>();
        dsl.selectFrom(MDL_COHORT).fetch().forEach(c -> cohorts.put(c.getId(), c.getIdnumber()));
        Map<Long, String> groups = new java.util.HashMap<>();
        SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_GROUPS), MDL_GROUPS).forEach(g -> groups.put(g.getId(), courses.get(g.getCourseid()) + "/"
                + g.getName()));
        Map<Long, String> roles = new java.util.HashMap<>();
        dsl.selectFrom(MDL_ROLE).fetch().forEach(r -> roles.put(r.getId(), r.getShortname()));
        Map<Long, String> contexts = new java.util.HashMap<>();
        for (var c : dsl.selectFrom(MDL_CONTEXT).fetch()) {
            long level = c.getContextlevel();
            String what = level == 50 ? courses.get(c.getInstanceid()) : level == 30 ? users.get(c.getInstanceid())
                    : level == 40 ? categories.get(c.getInstanceid()) : String.valueOf(c.getInstanceid());
            contexts.put(c.getId(), level + ":" + what);
        }
        for (var c : SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_COURSE), MDL_COURSE)) {
            links.add("course " + c.getShortname() + " in " + categories.get(c.getCategory()));
        }
        for (var c : dsl.selectFrom(MDL_COURSE_CATEGORIES).fetch()) {
            links.add("category " + c.getName() + " under " + categories.get(c.getParent()));
        }
        Map<Long, String> instances = new java.util.HashMap<>();
        for (var e : dsl.selectFrom(MDL_ENROL).fetch()) {
            String linked = "meta".equals(e.getEnrol()) ? courses.get(e.getCustomint1())
                    : "cohort".equals(e.getEnrol()) ? cohorts.get(e.getCustomint1()) : "-";
            String name = courses.get(e.getCourseid()) + "/" + e.getEnrol() + "/" + linked;
            instances.put(e.getId(), name);
            links.add("enrol instance " + name + " role " + roles.get(e.getRoleid()) + " group "
                    + groups.get(e.getCustomint2()));
        }
        for (var ue : dsl.selectFrom(MDL_USER_ENROLMENTS).fetch()) {
            links.add("enrolment " + users.get(ue.getUserid()) + " in " + instances.get(ue.getEnrolid()) + " status "
                    + ue.getStatus());
        }
        for (var ra : dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).fetch()) {
            links.add("role " + roles.get(ra.getRoleid()) + " of " + users.get(ra.getUserid()) + " in "
                    + contexts.get(ra.getContextid()) + " by " + ra.getComponent() + " "
                    + instances.get(ra.getItemid()));
        }
        for (var gm : dsl.selectFrom(MDL_GROUPS_MEMBERS).fetch()) {
            links.add("member " + users.get(gm.getUserid()) + " of group " + groups.get(gm.getGroupid()));
        }
        for (var cm : dsl.selectFrom(MDL_COHORT_MEMBERS).fetch()) {
            links.add("member " + users.get(cm.getUserid()) + " of cohort " + cohorts.get(cm.getCohortid()));
        }
        links.sort(null);
        return links;
    }

    /** A site put back as it was when {@code dump} was taken (only the tables that differ are rewritten). */
    public static void restore(DSLContext dsl, Map<String, List<List<Object>>> dump) {
        SiteSchema schema = schema(dsl); // read before the config rows are rewritten
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                List<List<Object>> wanted = dump.get(table.getName());
                if (rows(tx, schema, table).equals(wanted)) {
                    continue;
                }
                tx.deleteFrom(table).execute();
                if (!wanted.isEmpty()) {
                    var insert = tx.insertInto(table, schema.fields(table));
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
        for (var user : SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_USER).orderBy(MDL_USER.ID), MDL_USER)) {
            names.put(user.getId(), user.getUsername());
            String password = user.getPassword().startsWith("$") ? "hash" : user.getPassword();
            state.put("user " + user.getUsername(), String.join("|", user.getIdnumber(), user.getFirstname(),
                    user.getLastname(), user.getEmail(), user.getAuth(), String.valueOf(user.getSuspended()),
                    String.valueOf(user.getDeleted()), user.getCity(), user.getCountry(), user.getLang(),
                    String.valueOf(user.getDescription()), user.getPhone1(), user.getInstitution(),
                    String.valueOf(user.getMaildisplay()), password, String.valueOf(user.getTimemodified()),
                    String.valueOf(user.getMnethostid())));
        }
        for (var p : SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_USER_PREFERENCES), MDL_USER_PREFERENCES)) {
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
