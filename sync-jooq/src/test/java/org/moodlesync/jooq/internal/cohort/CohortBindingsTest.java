package org.moodlesync.jooq.internal.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.internal.cohort.CohortsFileTest.cohort;
import static org.moodlesync.jooq.internal.cohort.CohortsFileTest.userId;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG_PLUGINS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.schema.tables.records.MdlUserEnrolmentsRecord;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.internal.site.SiteRows;

/** Cohort to course bindings and the enrolments they make, on H2, PostgreSQL and MariaDB. */
class CohortBindingsTest {

    static final long NOW = CohortsFileTest.NOW;
    static final Clock CLOCK = CohortsFileTest.CLOCK;
    static final long ADMIN = 2;

    @TempDir
    Path dir;

    private long c1;
    private long c2;
    private long staff;
    private long student;

    private static SyncEngine engine(TestDatabase db) {
        return engine(db, CLOCK);
    }

    private static SyncEngine engine(TestDatabase db, Clock clock) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(clock).build();
    }

    private Path file(String name, String... lines) throws IOException {
        return CommandFiles.write(dir, name, lines);
    }

    /** Users u1..u4 (E1..E4), course C1 in category Science, course C2 in Category 1, cohort STAFF = {u1, u2}. */
    private void site(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        RunResult users = engine(db).users().from(file("users.csv", CohortsFileTest.USERS,
                "u1;E1;Una;One;u1@example.org",
                "u2;E2;Dos;Two;u2@example.org",
                "u3;E3;Tres;Three;u3@example.org",
                "u4;E4;Cuatro;Four;u4@example.org")).execute();
        assertThat(users.counts().created()).isEqualTo(4);
        long sci = MoodleFixtures.category(dsl, "Science", "SCI", 0, NOW);
        c1 = MoodleFixtures.course(dsl, sci, "C1", "C1", NOW);
        c2 = MoodleFixtures.course(dsl, 1, "C2", "C2", NOW);
        RunResult cohorts = engine(db).cohorts().from(file("cohorts.csv", "cidnumber;cname;userid",
                "STAFF;Staff;E1", "STAFF;Staff;E2")).execute();
        assertThat(cohorts.status()).isEqualTo(RunStatus.COMPLETED);
        staff = cohort(dsl, "STAFF").getId();
        student = MoodleFixtures.role(dsl, "student");
    }

    private static MdlEnrolRecord instance(DSLContext dsl, long course) {
        return dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(course)).and(MDL_ENROL.ENROL.eq("cohort"))
                .fetchOne();
    }

    private static List<String> enrolled(DSLContext dsl, long enrolId) {
        return dsl.select(MDL_USER.USERNAME).from(MDL_USER_ENROLMENTS)
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_USER_ENROLMENTS.USERID))
                .where(MDL_USER_ENROLMENTS.ENROLID.eq(enrolId)).orderBy(MDL_USER.USERNAME).fetch(MDL_USER.USERNAME);
    }

    private static List<String> withCohortRole(DSLContext dsl, long enrolId) {
        return dsl.select(MDL_USER.USERNAME).from(MDL_ROLE_ASSIGNMENTS)
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_ROLE_ASSIGNMENTS.USERID))
                .where(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("enrol_cohort")).and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(enrolId))
                .orderBy(MDL_USER.USERNAME).fetch(MDL_USER.USERNAME);
    }

    private static List<String> groupMembers(DSLContext dsl, long groupId) {
        return dsl.select(MDL_USER.USERNAME).from(MDL_GROUPS_MEMBERS)
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_GROUPS_MEMBERS.USERID))
                .where(MDL_GROUPS_MEMBERS.GROUPID.eq(groupId)).orderBy(MDL_USER.USERNAME).fetch(MDL_USER.USERNAME);
    }

    @OnEachDatabase
    void bindsACohortAndEnrolsItsMembersAsEnrolCohortDoes(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        Path f = file("cohortscourses.csv", "cohort;course;role",
                "STAFF;C1;",
                "STAFF;C2;editingteacher");

        RunResult run = engine(db).cohortBindings().from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
        MdlEnrolRecord e = instance(dsl, c1);
        assertThat(e.getStatus()).isZero();
        assertThat(e.getSortorder()).as("after the manual instance").isEqualTo(1L);
        assertThat(e.getRoleid()).as("enrol_cohort's default role").isEqualTo(student);
        assertThat(e.getCustomint1()).isEqualTo(staff);
        assertThat(e.getCustomint2()).as("no group").isZero();
        assertThat(e.getEnrolstartdate()).isZero();
        assertThat(e.getEnrolenddate()).isZero();
        assertThat(e.getTimecreated()).isEqualTo(NOW);
        assertThat(e.getTimemodified()).isEqualTo(NOW);
        assertThat(e.getName()).isNull();
        assertThat(enrolled(dsl, e.getId())).containsExactly("u1", "u2");
        for (MdlUserEnrolmentsRecord ue : dsl.selectFrom(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.eq(e.getId())).fetch()) {
            assertThat(ue.getStatus()).isZero();
            assertThat(ue.getTimestart()).isZero();
            assertThat(ue.getTimeend()).as("0 = no end, as Moodle writes").isZero();
            assertThat(ue.getModifierid()).as("the admin, as Moodle's cron").isEqualTo(ADMIN);
            assertThat(ue.getTimecreated()).isEqualTo(NOW);
            assertThat(ue.getTimemodified()).isEqualTo(NOW);
        }
        long ctx = MoodleFixtures.courseContext(dsl, c1).id();
        var roles = dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(e.getId())).fetch();
        assertThat(roles).hasSize(2).allSatisfy(ra -> {
            assertThat(ra.getRoleid()).isEqualTo(student);
            assertThat(ra.getContextid()).isEqualTo(ctx);
            assertThat(ra.getComponent()).isEqualTo("enrol_cohort");
            assertThat(ra.getModifierid()).isEqualTo(ADMIN);
            assertThat(ra.getTimemodified()).isEqualTo(NOW);
        });
        assertThat(withCohortRole(dsl, instance(dsl, c2).getId())).containsExactly("u1", "u2");
        assertThat(dsl.select(MDL_ROLE_ASSIGNMENTS.ROLEID).from(MDL_ROLE_ASSIGNMENTS)
                .where(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(instance(dsl, c2).getId())).fetch(MDL_ROLE_ASSIGNMENTS.ROLEID))
                .containsOnly(MoodleFixtures.role(dsl, "editingteacher"));
        for (String u : List.of("u1", "u2")) {
            var flag = dsl.selectFrom(MDL_CACHE_FLAGS).where(MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtyusers"))
                    .and(MDL_CACHE_FLAGS.NAME.eq(String.valueOf(userId(dsl, u)))).fetchOne();
            assertThat(flag.getExpiry()).isEqualTo(NOW + 28_800);
        }
        assertThat(run.lines().get(0).messages()).contains("2 members enrolled in course C1",
                "role student given to 2 members in course C1");
    }

    @OnEachDatabase
    void makesOrChoosesTheGroupOfTheBinding(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        long team = MoodleFixtures.group(dsl, c2, "Team", NOW);
        MoodleFixtures.group(dsl, c2, "Staff cohort", NOW);

        RunResult run = engine(db).cohortBindings().from(file("b.csv", "cohort;course;role;group;makegroup",
                "STAFF;C1;;;1",
                "STAFF;C2;;Team;",
                "STAFF;C2;teacher;;yes",
                "STAFF;C2;editingteacher;Nope;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED,
                Outcome.CREATED, Outcome.FAILED);
        var made = SiteRows.fetchOne(dsl, dsl.select(DSL.asterisk()).from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(c1)), MDL_GROUPS);
        assertThat(made.getName()).as("Moodle's name for a cohort's group").isEqualTo("Staff cohort");
        assertThat(made.getIdnumber()).isEmpty();
        assertThat(made.getDescription()).isNull();
        assertThat(made.getTimecreated()).isEqualTo(NOW);
        MdlEnrolRecord e1 = instance(dsl, c1);
        assertThat(e1.getCustomint2()).isEqualTo(made.getId());
        assertThat(groupMembers(dsl, made.getId())).containsExactly("u1", "u2");
        assertThat(dsl.selectFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.GROUPID.eq(made.getId())).fetch())
                .allSatisfy(gm -> {
                    assertThat(gm.getComponent()).isEqualTo("enrol_cohort");
                    assertThat(gm.getItemid()).isEqualTo(e1.getId());
                    assertThat(gm.getTimeadded()).isEqualTo(NOW);
                });
        assertThat(groupMembers(dsl, team)).containsExactly("u1", "u2");
        assertThat(dsl.select(MDL_GROUPS.NAME).from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(c2))
                .orderBy(MDL_GROUPS.ID).fetch(MDL_GROUPS.NAME))
                .as("a second cohort group gets Moodle's increment").containsExactly("Team", "Staff cohort",
                        "Staff cohort (2)");
        assertThat(run.lines().get(3).error().toString()).contains("b.csv:5:4")
                .contains("no group Nope in course C2 (makegroup=1 creates it)");

        // the binding changes group: the memberships it made move
        RunResult move = engine(db).cohortBindings().from(file("c.csv", "cohort;course;role;group",
                "STAFF;C2;student;Staff cohort")).execute();
        assertThat(move.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(groupMembers(dsl, team)).isEmpty();
        long staffGroup = dsl.select(MDL_GROUPS.ID).from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(c2))
                .and(MDL_GROUPS.NAME.eq("Staff cohort")).fetchOne(MDL_GROUPS.ID);
        assertThat(groupMembers(dsl, staffGroup)).containsExactly("u1", "u2");
    }

    @OnEachDatabase
    void honoursTheEnrolmentPeriod(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        long start = Instant.parse("2030-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("2030-07-01T12:30:00Z").getEpochSecond();

        RunResult run = engine(db).cohortBindings().timeZone(ZoneOffset.UTC).from(file("b.csv",
                "cohort;course;enrolstart;enrolend", "STAFF;C1;2030-01-01;2030-07-01 12:30")).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
        MdlEnrolRecord e = instance(dsl, c1);
        assertThat(e.getEnrolstartdate()).isEqualTo(start);
        assertThat(e.getEnrolenddate()).isEqualTo(end);
        assertThat(dsl.selectFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.ENROLID.eq(e.getId())).fetch())
                .hasSize(2).allSatisfy(ue -> {
                    assertThat(ue.getTimestart()).isEqualTo(start);
                    assertThat(ue.getTimeend()).isEqualTo(end);
                });

        long later = end + 86_400;
        RunResult changed = engine(db, Clock.offset(CLOCK, Duration.ofHours(1))).cohortBindings()
                .from(file("c.csv", "cohort;course;enrolend", "STAFF;C1;" + later)).execute();
        assertThat(changed.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(instance(dsl, c1).getTimemodified()).isEqualTo(NOW + 3600);
        assertThat(dsl.select(MDL_USER_ENROLMENTS.TIMEEND, MDL_USER_ENROLMENTS.TIMEMODIFIED).from(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.eq(e.getId())).fetch())
                .allSatisfy(r -> {
                    assertThat(r.value1()).isEqualTo(later);
                    assertThat(r.value2()).isEqualTo(NOW + 3600);
                });

        RunResult bad = engine(db).cohortBindings().from(file("d.csv", "cohort;course;enrolstart;enrolend",
                "STAFF;C2;2031-01-01;2030-01-01")).execute();
        assertThat(bad.lines().get(0).error().toString()).contains("d.csv:2:4").contains("after its start");
    }

    @OnEachDatabase
    void datesWithoutAZoneAreReadInTheSitesTimeZoneLikeEnrolments(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        dsl.update(MDL_CONFIG).set(MDL_CONFIG.VALUE, "Asia/Tokyo").where(MDL_CONFIG.NAME.eq("timezone")).execute();

        RunResult run = engine(db).cohortBindings().from(file("b.csv", "cohort;course;enrolstart;enrolend",
                "STAFF;C1;2030-07-01;2030-07-02T08:00:00Z")).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
        MdlEnrolRecord e = instance(dsl, c1);
        assertThat(e.getEnrolstartdate()).as("midnight in Tokyo, the site's zone")
                .isEqualTo(Instant.parse("2030-06-30T15:00:00Z").getEpochSecond());
        assertThat(e.getEnrolenddate()).isEqualTo(Instant.parse("2030-07-02T08:00:00Z").getEpochSecond());

        RunResult inParis = engine(db).cohortBindings().timeZone(java.time.ZoneId.of("Europe/Paris"))
                .from(file("c.csv", "cohort;course;enrolstart", "STAFF;C1;2030-07-01 00:00")).execute();
        assertThat(inParis.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(instance(dsl, c1).getEnrolstartdate()).as("the run's zone wins over the site's")
                .isEqualTo(Instant.parse("2030-06-30T22:00:00Z").getEpochSecond());
    }

    @OnEachDatabase
    void aRerunOfTheSameFileChangesNothing(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        MoodleFixtures.group(dsl, c2, "Team", NOW);
        engine(db).cohortBindings().from(file("a.csv", "cohort;course;role", "STAFF;C2;teacher")).execute();
        Path f = file("b.csv", "cmd;cohort;course;role;group;makegroup;enrolstart",
                "add;STAFF;C1;;;1;1900000000",
                "add;STAFF;C2;;Team;;",
                "del;STAFF;C2;teacher;;;",
                "fulldel;STAFF;C2;editingteacher;;;");
        RunResult first = engine(db).cohortBindings().from(f).execute();
        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        List<List<? extends Record>> before = snapshot(dsl);

        RunResult again = engine(db, Clock.offset(CLOCK, Duration.ofHours(2))).cohortBindings().from(f).execute();

        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(snapshot(dsl)).isEqualTo(before);
    }

    private static List<List<? extends Record>> snapshot(DSLContext dsl) {
        return List.of(dsl.selectFrom(MDL_ENROL).orderBy(MDL_ENROL.ID).fetch(),
                dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch(),
                dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).orderBy(MDL_ROLE_ASSIGNMENTS.ID).fetch(),
                SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_GROUPS).orderBy(MDL_GROUPS.ID), MDL_GROUPS),
                dsl.selectFrom(MDL_GROUPS_MEMBERS).orderBy(MDL_GROUPS_MEMBERS.ID).fetch(),
                dsl.selectFrom(MDL_CACHE_FLAGS).orderBy(MDL_CACHE_FLAGS.ID).fetch());
    }

    @OnEachDatabase
    void membersJoiningOrLeavingABoundCohortAreEnrolledOrUnenrolledInTheSameRun(TestDatabase db)
            throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        engine(db).cohortBindings().from(file("b.csv", "cohort;course;makegroup", "STAFF;C1;1")).execute();
        MdlEnrolRecord e = instance(dsl, c1);
        long group = e.getCustomint2();

        RunResult join = engine(db).cohorts().from(file("c.csv", "cmd;cidnumber;userid", "add;STAFF;E3")).execute();

        assertThat(join.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(join.lines().get(0).messages()).contains("enrolled in course C1 (cohort sync)",
                "role student in course C1", "added to group Staff cohort of course C1");
        assertThat(enrolled(dsl, e.getId())).containsExactly("u1", "u2", "u3");
        assertThat(withCohortRole(dsl, e.getId())).containsExactly("u1", "u2", "u3");
        assertThat(groupMembers(dsl, group)).containsExactly("u1", "u2", "u3");
        MdlUserEnrolmentsRecord u3 = dsl.selectFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.ENROLID
                .eq(e.getId())).and(MDL_USER_ENROLMENTS.USERID.eq(userId(dsl, "u3"))).fetchOne();
        assertThat(u3.getModifierid()).isEqualTo(ADMIN);

        RunResult leave = engine(db).cohorts().from(file("d.csv", "cmd;cidnumber;userid", "del;STAFF;E1")).execute();

        assertThat(leave.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(enrolled(dsl, e.getId())).containsExactly("u2", "u3");
        assertThat(withCohortRole(dsl, e.getId())).containsExactly("u2", "u3");
        assertThat(groupMembers(dsl, group)).containsExactly("u2", "u3");

        // a site that suspends leavers and removes their roles (enrol_cohort/unenrolaction = 3)
        dsl.update(MDL_CONFIG_PLUGINS).set(MDL_CONFIG_PLUGINS.VALUE, "3")
                .where(MDL_CONFIG_PLUGINS.PLUGIN.eq("enrol_cohort")).and(MDL_CONFIG_PLUGINS.NAME.eq("unenrolaction"))
                .execute();
        RunResult suspend = engine(db).cohorts().from(file("e.csv", "cmd;cidnumber;userid", "del;STAFF;E2"))
                .execute();
        assertThat(suspend.lines().get(0).messages()).contains("enrolment suspended in course C1");
        assertThat(enrolled(dsl, e.getId())).containsExactly("u2", "u3");
        assertThat(dsl.select(MDL_USER_ENROLMENTS.STATUS).from(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.eq(e.getId())).and(MDL_USER_ENROLMENTS.USERID.eq(userId(dsl, "u2")))
                .fetchOne(MDL_USER_ENROLMENTS.STATUS)).isEqualTo(1L);
        assertThat(withCohortRole(dsl, e.getId())).containsExactly("u3");

        // back in the cohort: the enrolment is active again, with its role
        RunResult back = engine(db).cohorts().from(file("f.csv", "cmd;cidnumber;userid", "add;STAFF;E2")).execute();
        assertThat(back.lines().get(0).messages()).contains("enrolment reactivated in course C1");
        assertThat(withCohortRole(dsl, e.getId())).containsExactly("u2", "u3");
    }

    @OnEachDatabase
    void disablesRestoresAndRemovesBindings(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        engine(db).cohortBindings().from(file("b.csv", "cohort;course;makegroup", "STAFF;C1;1")).execute();
        MdlEnrolRecord e = instance(dsl, c1);
        // u1 is also enrolled by hand, with a manual role: unbinding keeps that
        long manual = dsl.select(MDL_ENROL.ID).from(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(c1))
                .and(MDL_ENROL.ENROL.eq("manual")).fetchOne(MDL_ENROL.ID);
        long u1 = userId(dsl, "u1");
        long ctx = MoodleFixtures.courseContext(dsl, c1).id();
        dsl.insertInto(MDL_USER_ENROLMENTS).set(MDL_USER_ENROLMENTS.ENROLID, manual)
                .set(MDL_USER_ENROLMENTS.USERID, u1).set(MDL_USER_ENROLMENTS.TIMEEND, 0L).execute();
        dsl.insertInto(MDL_ROLE_ASSIGNMENTS).set(MDL_ROLE_ASSIGNMENTS.ROLEID, MoodleFixtures.role(dsl, "teacher"))
                .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, ctx).set(MDL_ROLE_ASSIGNMENTS.USERID, u1).execute();

        RunResult off = engine(db).cohortBindings().from(file("c.csv", "cmd;cohort;course", "del;STAFF;C1"))
                .execute();
        assertThat(off.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(instance(dsl, c1).getStatus()).isEqualTo(1L);
        assertThat(instance(dsl, c1).getTimemodified()).as("update_status does not stamp").isEqualTo(NOW);
        assertThat(enrolled(dsl, e.getId())).as("enrolments stay, without access").containsExactly("u1", "u2");
        assertThat(withCohortRole(dsl, e.getId())).as("enrol_cohort_sync removes the roles").isEmpty();
        assertThat(dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtycontexts")
                .and(MDL_CACHE_FLAGS.NAME.eq(MoodleFixtures.courseContext(dsl, c1).path())))).isEqualTo(1);

        RunResult on = engine(db).cohortBindings().from(file("d.csv", "cmd;cohort;course", "restore;STAFF;C1"))
                .execute();
        assertThat(on.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(instance(dsl, c1).getStatus()).isZero();
        assertThat(withCohortRole(dsl, e.getId())).containsExactly("u1", "u2");

        RunResult gone = engine(db).cohortBindings().from(file("e.csv", "cmd;cohort;course;role",
                "fulldel;STAFF;C1;*")).execute();
        assertThat(gone.lines().get(0).outcome()).isEqualTo(Outcome.DELETED);
        assertThat(instance(dsl, c1)).isNull();
        assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.ENROLID.eq(e.getId()))).isZero();
        assertThat(dsl.fetchCount(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.ITEMID.eq(e.getId())
                .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("enrol_cohort")))).isZero();
        assertThat(groupMembers(dsl, e.getCustomint2())).isEmpty();
        assertThat(dsl.fetchCount(MDL_GROUPS, MDL_GROUPS.ID.eq(e.getCustomint2()))).as("the group stays").isEqualTo(1);
        assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.ENROLID.eq(manual))).isEqualTo(1);
        assertThat(dsl.fetchCount(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(ctx)))
                .as("u1's manual role stays, u2 has none left").isEqualTo(1);
    }

    @OnEachDatabase
    void deletingABoundCohortDeletesItsBindings(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        engine(db).cohortBindings().from(file("b.csv", "cohort;course", "STAFF;C1", "STAFF;C2")).execute();

        RunResult run = engine(db).cohorts().from(file("c.csv", "cmd;cidnumber", "del;STAFF")).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.DELETED);
        assertThat(dsl.fetchCount(MDL_ENROL, MDL_ENROL.ENROL.eq("cohort"))).isZero();
        assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS)).isZero();
        assertThat(dsl.fetchCount(MDL_ROLE_ASSIGNMENTS)).isZero();
        assertThat(cohort(dsl, "STAFF")).isNull();
    }

    @OnEachDatabase
    void aDryRunWritesNothingButSaysWhatWouldHappen(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        List<List<? extends Record>> before = snapshot(dsl);

        RunResult run = engine(db).cohortBindings().dryRun().from(file("b.csv", "cohort;course;makegroup",
                "STAFF;C1;1", "STAFF;C2;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(run.lines().get(0).messages()).contains("group Staff cohort created in course C1",
                "2 members enrolled in course C1");
        assertThat(snapshot(dsl)).isEqualTo(before);
    }

    @OnEachDatabase
    void refusesWhatMoodleWouldRefuse(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        long other = MoodleFixtures.category(dsl, "Other", "OTH", 0, NOW);
        engine(db).cohorts().from(file("c.csv", "cidnumber;ccatcontext", "OTHERS;" + other)).execute();

        RunResult run = engine(db).cohortBindings().from(file("b.csv", "cmd;cohort;course;role;enrol",
                "add;STAFF;NOPE;;",
                "add;NOPE;C1;;",
                "add;STAFF;C1;nosuchrole;",
                "add;STAFF;C1;*;",
                "add;STAFF;C1;;self",
                "add;OTHERS;C1;;",
                "add;STAFF;C1;coursecreator;",
                "bind;STAFF;C1;;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.FAILED);
        assertThat(run.lines()).extracting(l -> l.error().reason()).containsExactly(
                "no course with idnumber NOPE",
                "no cohort with idnumber NOPE",
                "no role with shortname nosuchrole",
                "* (every role) only goes with del, restore or fulldel",
                "enrolment method self is not supported: moodle-sync binds cohorts with Moodle's cohort sync"
                        + " (enrol = cohort)",
                "cohort OTHERS belongs to a category that does not hold course C1: Moodle only binds a course to"
                        + " cohorts of the system or of the course's own categories",
                "role coursecreator cannot be assigned in courses",
                "unknown cmd bind (add, del, restore or fulldel)");
        assertThat(dsl.fetchCount(MDL_ENROL, MDL_ENROL.ENROL.eq("cohort"))).isZero();

        RunResult front = engine(db).cohortBindings().identifyCoursesBy(CourseKey.ID)
                .from(file("d.csv", "cohort;course", "STAFF;1")).execute();
        assertThat(front.lines().get(0).error().reason()).contains("front page");
    }

    @OnEachDatabase
    void aLineThatFailsHalfwayLeavesNothingBehind(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        engine(db).cohortBindings().from(file("b.csv", "cohort;course", "STAFF;C1")).execute();
        long enrol = instance(dsl, c1).getId();
        // the last write of a line that enrols someone (its cache flag) will fail
        dsl.execute(DSL.sql("DROP TABLE " + db.table("cache_flags")));

        RunResult run = engine(db).cohorts().from(file("c.csv", "cidnumber;cname;userid",
                "STAFF;Staff;E3",
                "NEW;New;E4")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.FAILED, Outcome.CREATED);
        assertThat(run.lines().get(0).error().reason()).startsWith("the database refused the line");
        assertThat(CohortsFileTest.members(dsl, staff)).containsExactly("u1", "u2");
        assertThat(enrolled(dsl, enrol)).containsExactly("u1", "u2");
        assertThat(withCohortRole(dsl, enrol)).containsExactly("u1", "u2");
        assertThat(CohortsFileTest.members(dsl, cohort(dsl, "NEW").getId())).containsExactly("u4");
    }
}
