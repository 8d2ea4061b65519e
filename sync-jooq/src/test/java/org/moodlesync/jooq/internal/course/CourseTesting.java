package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlContextRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseCategoriesRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.jooq.impl.DSL;

/** What the course tests share: a fixed clock, files, row lookups, snapshots of the course tables. */
final class CourseTesting {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    /** The tables a course run may touch, for "nothing written" assertions. */
    static final List<Table<?>> TABLES = List.of(MDL_COURSE, MDL_COURSE_CATEGORIES, MDL_CONTEXT,
            MDL_COURSE_SECTIONS, MDL_COURSE_FORMAT_OPTIONS, MDL_ENROL, MDL_USER_ENROLMENTS, MDL_ROLE_ASSIGNMENTS,
            MDL_CACHE_FLAGS, MDL_GROUPS, MDL_GROUPS_MEMBERS);

    private CourseTesting() {
    }

    static SyncEngine engine(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build();
    }

    static SyncEngine engineLater(TestDatabase db, Duration later) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(Clock.offset(CLOCK, later)).build();
    }

    static Path file(Path dir, String name, String... lines) throws IOException {
        return CommandFiles.write(dir, name, lines);
    }

    static MdlCourseRecord course(DSLContext dsl, String shortname) {
        return SiteRows.fetchOne(dsl, dsl.select(DSL.asterisk()).from(MDL_COURSE).where(MDL_COURSE.SHORTNAME.eq(shortname)), MDL_COURSE);
    }

    static MdlCourseCategoriesRecord category(DSLContext dsl, String name) {
        return dsl.selectFrom(MDL_COURSE_CATEGORIES).where(MDL_COURSE_CATEGORIES.NAME.eq(name)).fetchOne();
    }

    static MdlContextRecord context(DSLContext dsl, long level, long instance) {
        return dsl.selectFrom(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(level))
                .and(MDL_CONTEXT.INSTANCEID.eq(instance)).fetchOne();
    }

    /** Every row of the course tables, table by table, for before/after comparisons. */
    static Map<String, List<Record>> snapshot(DSLContext dsl) {
        Map<String, List<Record>> all = new LinkedHashMap<>();
        SiteSchema schema = SiteSchema.of(SiteConfig.load(dsl));
        for (Table<?> t : TABLES) {
            all.put(t.getName(), List.copyOf(dsl.select(schema.fields(t)).from(t).orderBy(t.field("id")).fetch()));
        }
        return all;
    }

    /** A user's id. */
    static long userId(DSLContext dsl, String username) {
        return dsl.select(org.moodlesync.jooq.schema.Tables.MDL_USER.ID).from(org.moodlesync.jooq.schema.Tables.MDL_USER)
                .where(org.moodlesync.jooq.schema.Tables.MDL_USER.USERNAME.eq(username)).fetchOne().value1();
    }

    /** A role's id. */
    static long roleId(DSLContext dsl, String shortname) {
        return dsl.select(org.moodlesync.jooq.schema.Tables.MDL_ROLE.ID).from(org.moodlesync.jooq.schema.Tables.MDL_ROLE)
                .where(org.moodlesync.jooq.schema.Tables.MDL_ROLE.SHORTNAME.eq(shortname)).fetchOne().value1();
    }

    /**
     * Enrols a user in a course's first instance of a plugin with a role, as Moodle's enrol_user does (manual
     * roles have no component, other plugins' roles are theirs).
     */
    static void enrol(DSLContext dsl, String course, String username, String role, String plugin, long status) {
        MdlCourseRecord c = course(dsl, course);
        long enrolId = dsl.select(MDL_ENROL.ID).from(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(c.getId()))
                .and(MDL_ENROL.ENROL.eq(plugin)).orderBy(MDL_ENROL.ID).limit(1).fetchOne().value1();
        long user = userId(dsl, username);
        dsl.insertInto(MDL_USER_ENROLMENTS).set(MDL_USER_ENROLMENTS.ENROLID, enrolId)
                .set(MDL_USER_ENROLMENTS.USERID, user).set(MDL_USER_ENROLMENTS.STATUS, status)
                .set(MDL_USER_ENROLMENTS.TIMESTART, 0L).set(MDL_USER_ENROLMENTS.TIMEEND, 0L)
                .set(MDL_USER_ENROLMENTS.TIMECREATED, NOW).set(MDL_USER_ENROLMENTS.TIMEMODIFIED, NOW).execute();
        if (role != null) {
            boolean own = plugin.equals("manual") || plugin.equals("self");
            dsl.insertInto(MDL_ROLE_ASSIGNMENTS).set(MDL_ROLE_ASSIGNMENTS.ROLEID, roleId(dsl, role))
                    .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, context(dsl, 50, c.getId()).getId())
                    .set(MDL_ROLE_ASSIGNMENTS.USERID, user).set(MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED, NOW)
                    .set(MDL_ROLE_ASSIGNMENTS.COMPONENT, own ? "" : "enrol_" + plugin)
                    .set(MDL_ROLE_ASSIGNMENTS.ITEMID, own ? 0L : enrolId).execute();
        }
    }

    /** A group of a course, with members. */
    static long group(DSLContext dsl, String course, String name, String... members) {
        long courseId = course(dsl, course).getId();
        long id = dsl.insertInto(MDL_GROUPS).set(MDL_GROUPS.COURSEID, courseId).set(MDL_GROUPS.NAME, name)
                .set(MDL_GROUPS.TIMECREATED, NOW).set(MDL_GROUPS.TIMEMODIFIED, NOW)
                .returningResult(MDL_GROUPS.ID).fetchOne().value1();
        for (String m : members) {
            dsl.insertInto(MDL_GROUPS_MEMBERS).set(MDL_GROUPS_MEMBERS.GROUPID, id)
                    .set(MDL_GROUPS_MEMBERS.USERID, userId(dsl, m)).set(MDL_GROUPS_MEMBERS.TIMEADDED, NOW).execute();
        }
        return id;
    }

    /** Users created through the users writer. */
    static void users(TestDatabase db, String... usernames) {
        List<UserCommand> commands = java.util.Arrays.stream(usernames).map(u -> UserCommand.builder().username(u)
                .idnumber("ID-" + u).firstname(u).lastname("Test").email(u + "@example.org").build()).toList();
        engine(db).users().commands(commands).noOutputFiles().execute();
    }
}
