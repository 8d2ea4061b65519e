package org.moodlesync.jooq.internal.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.internal.cohort.CohortsFileTest.cohort;
import static org.moodlesync.jooq.internal.cohort.CohortsFileTest.members;
import static org.moodlesync.jooq.internal.cohort.CohortsFileTest.userId;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
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
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * The set-wise path of the cohorts writer ({@link MemberAdds}): member adds of a chunk gathered and written at the end
 * of the chunk or before a line that writes at once, with what enrol_cohort writes for bound cohorts, on H2,
 * PostgreSQL and MariaDB.
 */
class CohortMemberAddsTest {

    static final long NOW = CohortsFileTest.NOW;
    static final long ADMIN = 2;
    static final List<Table<?>> WRITTEN = List.of(MDL_COHORT_MEMBERS, MDL_USER_ENROLMENTS, MDL_ROLE_ASSIGNMENTS,
            MDL_GROUPS_MEMBERS, MDL_CACHE_FLAGS);

    @TempDir
    Path dir;

    private long c1;
    private long c2;

    private static SyncEngine engine(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CohortsFileTest.CLOCK).build();
    }

    private Path file(String name, String... lines) throws IOException {
        return CommandFiles.write(dir, name, lines);
    }

    /**
     * Users u1..u6 (E1..E6); cohort STAFF = {u1} bound to C1 (default role, a new group) and to C2 (editingteacher);
     * cohort PLAIN bound to nothing.
     */
    private void site(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        assertThat(engine(db).users().from(file("users.csv", CohortsFileTest.USERS,
                "u1;E1;Una;One;u1@example.org",
                "u2;E2;Dos;Two;u2@example.org",
                "u3;E3;Tres;Three;u3@example.org",
                "u4;E4;Cuatro;Four;u4@example.org",
                "u5;E5;Cinco;Five;u5@example.org",
                "u6;E6;Seis;Six;u6@example.org")).execute().counts().created()).isEqualTo(6);
        long sci = MoodleFixtures.category(dsl, "Science", "SCI", 0, NOW);
        c1 = MoodleFixtures.course(dsl, sci, "C1", "C1", NOW);
        c2 = MoodleFixtures.course(dsl, 1, "C2", "C2", NOW);
        assertThat(engine(db).cohorts().from(file("cohorts.csv", "cidnumber;cname;userid",
                "STAFF;Staff;E1", "PLAIN;Plain;")).execute().succeeded()).isTrue();
        assertThat(engine(db).cohortBindings().from(file("b.csv", "cohort;course;role;makegroup",
                "STAFF;C1;;1", "STAFF;C2;editingteacher;")).execute().succeeded()).isTrue();
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

    private static List<String> withRole(DSLContext dsl, long enrolId, long roleId) {
        return dsl.select(MDL_USER.USERNAME).from(MDL_ROLE_ASSIGNMENTS)
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_ROLE_ASSIGNMENTS.USERID))
                .where(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("enrol_cohort")).and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(enrolId))
                .and(MDL_ROLE_ASSIGNMENTS.ROLEID.eq(roleId))
                .orderBy(MDL_USER.USERNAME).fetch(MDL_USER.USERNAME);
    }

    private static List<String> groupMembers(DSLContext dsl, long groupId) {
        return dsl.select(MDL_USER.USERNAME).from(MDL_GROUPS_MEMBERS)
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_GROUPS_MEMBERS.USERID))
                .where(MDL_GROUPS_MEMBERS.GROUPID.eq(groupId)).orderBy(MDL_USER.USERNAME).fetch(MDL_USER.USERNAME);
    }

    private static Map<Table<?>, Integer> counts(DSLContext dsl) {
        return Map.of(WRITTEN.get(0), dsl.fetchCount(WRITTEN.get(0)), WRITTEN.get(1), dsl.fetchCount(WRITTEN.get(1)),
                WRITTEN.get(2), dsl.fetchCount(WRITTEN.get(2)), WRITTEN.get(3), dsl.fetchCount(WRITTEN.get(3)),
                WRITTEN.get(4), dsl.fetchCount(WRITTEN.get(4)));
    }

    private static boolean dirty(DSLContext dsl, String username) {
        return dsl.fetchExists(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtyusers")
                .and(MDL_CACHE_FLAGS.NAME.eq(String.valueOf(userId(dsl, username))))
                .and(MDL_CACHE_FLAGS.TIMEMODIFIED.eq(NOW)).and(MDL_CACHE_FLAGS.EXPIRY.eq(NOW + 28_800)));
    }

    @OnEachDatabase
    void aChunkMixingAddsFailuresDuplicatesAndARemoveWritesWhatEachLineAsks(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        long staff = cohort(dsl, "STAFF").getId();
        MdlEnrolRecord e1 = instance(dsl, c1);
        MdlEnrolRecord e2 = instance(dsl, c2);
        long group = e1.getCustomint2();
        long student = MoodleFixtures.role(dsl, "student");
        long teacher = MoodleFixtures.role(dsl, "editingteacher");
        Path f = file("members.csv", "cmd;cidnumber;cname;userid",
                "add;STAFF;;E2",
                "add;PLAIN;;E2",
                "add;STAFF;;NOPE",
                "add;STAFF;;E1",
                "add;STAFF;;E3",
                "add;STAFF;;E3",
                "del;STAFF;;E3",
                "add;STAFF;Staff;E4",
                "add;NEWC;New one;E5",
                "add;NEWC;;E6",
                "add;STAFF;;E3");
        List<Outcome> expected = List.of(Outcome.UPDATED, Outcome.UPDATED, Outcome.FAILED, Outcome.UNCHANGED,
                Outcome.UPDATED, Outcome.UNCHANGED, Outcome.UPDATED, Outcome.UPDATED, Outcome.CREATED,
                Outcome.UPDATED, Outcome.UPDATED);
        Map<Table<?>, Integer> before = counts(dsl);

        RunResult dry = engine(db).cohorts().from(f).dryRun().execute();

        assertThat(dry.lines()).extracting(LineResult::outcome).containsExactlyElementsOf(expected);
        assertThat(counts(dsl)).as("a dry run writes nothing").isEqualTo(before);

        RunResult run = engine(db).cohorts().from(f).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactlyElementsOf(expected);
        LineResult first = run.lines().get(0);
        assertThat(first.changes()).containsExactly(new FieldChange("member added", null, "u2"));
        assertThat(first.messages()).containsExactly("enrolled in course C1 (cohort sync)", "role student in course C1",
                "added to group Staff cohort of course C1", "enrolled in course C2 (cohort sync)",
                "role editingteacher in course C2",
                "group memberships changed: Moodle's group caches (core/groupdata, core/user_group_groupings) see it"
                        + " after a cache purge (admin/cli/purge_caches.php)");
        assertThat(dry.lines().get(0).messages()).as("the dry run says the same").isEqualTo(first.messages());
        assertThat(run.lines().get(1).messages()).isEmpty();
        assertThat(run.lines().get(2).error().reason()).contains("no user with idnumber NOPE");
        assertThat(run.lines().get(3).messages()).containsExactly("user u1 is already a member");
        assertThat(run.lines().get(5).messages()).containsExactly("user u3 is already a member");
        assertThat(run.lines().get(6).changes()).containsExactly(new FieldChange("member removed", null, "u3"));
        assertThat(run.lines().get(6).messages()).as("the gathered add was written before the remove")
                .contains("unenrolled from course C1", "unenrolled from course C2");
        assertThat(run.lines().get(10).messages()).as("enrolled again after the remove")
                .contains("enrolled in course C1 (cohort sync)", "enrolled in course C2 (cohort sync)");

        assertThat(members(dsl, staff)).containsExactly("u1", "u2", "u3", "u4");
        assertThat(members(dsl, cohort(dsl, "PLAIN").getId())).containsExactly("u2");
        assertThat(members(dsl, cohort(dsl, "NEWC").getId())).containsExactly("u5", "u6");
        assertThat(dsl.fetchCount(MDL_COHORT_MEMBERS, MDL_COHORT_MEMBERS.COHORTID.eq(staff)
                .and(MDL_COHORT_MEMBERS.USERID.eq(userId(dsl, "u3"))))).as("one row, not two").isOne();
        assertThat(dsl.select(MDL_COHORT_MEMBERS.TIMEADDED).from(MDL_COHORT_MEMBERS)
                .fetch(MDL_COHORT_MEMBERS.TIMEADDED)).containsOnly(NOW);
        assertThat(enrolled(dsl, e1.getId())).containsExactly("u1", "u2", "u3", "u4");
        assertThat(enrolled(dsl, e2.getId())).containsExactly("u1", "u2", "u3", "u4");
        assertThat(dsl.selectFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.ENROLID.in(e1.getId(), e2.getId()))
                .fetch()).allSatisfy(ue -> {
                    assertThat(ue.getStatus()).isZero();
                    assertThat(ue.getTimestart()).isZero();
                    assertThat(ue.getTimeend()).isZero();
                    assertThat(ue.getModifierid()).isEqualTo(ADMIN);
                    assertThat(ue.getTimecreated()).isEqualTo(NOW);
                    assertThat(ue.getTimemodified()).isEqualTo(NOW);
                });
        assertThat(withRole(dsl, e1.getId(), student)).containsExactly("u1", "u2", "u3", "u4");
        assertThat(withRole(dsl, e2.getId(), teacher)).containsExactly("u1", "u2", "u3", "u4");
        long ctx1 = MoodleFixtures.courseContext(dsl, c1).id();
        assertThat(dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(e1.getId())).fetch())
                .allSatisfy(ra -> {
                    assertThat(ra.getContextid()).isEqualTo(ctx1);
                    assertThat(ra.getModifierid()).isEqualTo(ADMIN);
                    assertThat(ra.getTimemodified()).isEqualTo(NOW);
                    assertThat(ra.getSortorder()).isZero();
                });
        assertThat(groupMembers(dsl, group)).containsExactly("u1", "u2", "u3", "u4");
        assertThat(dsl.selectFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.GROUPID.eq(group)).fetch())
                .allSatisfy(gm -> {
                    assertThat(gm.getComponent()).isEqualTo("enrol_cohort");
                    assertThat(gm.getItemid()).isEqualTo(e1.getId());
                    assertThat(gm.getTimeadded()).isEqualTo(NOW);
                });
        assertThat(dsl.select(MDL_GROUPS.TIMEMODIFIED).from(MDL_GROUPS).where(MDL_GROUPS.ID.eq(group))
                .fetchOne(MDL_GROUPS.TIMEMODIFIED)).isEqualTo(NOW);
        for (String u : List.of("u2", "u3", "u4")) {
            assertThat(dirty(dsl, u)).as(u + " marked dirty").isTrue();
        }
        List<Long> order = dsl.select(MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.eq(e1.getId())).orderBy(MDL_USER_ENROLMENTS.ID)
                .fetch(MDL_USER_ENROLMENTS.USERID);
        assertThat(order).as("rows in file order").containsExactly(userId(dsl, "u1"), userId(dsl, "u2"),
                userId(dsl, "u4"), userId(dsl, "u3"));

        RunResult again = engine(db).cohorts().from(file("again.csv", "cmd;cidnumber;userid",
                "add;STAFF;E2", "add;STAFF;E3", "add;STAFF;E4", "add;PLAIN;E2", "add;NEWC;E6")).execute();
        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
    }

    @OnEachDatabase
    void anEnrolmentToReactivateIsWrittenAtOnceBetweenGatheredAdds(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        MdlEnrolRecord e1 = instance(dsl, c1);
        dsl.update(MDL_CONFIG_PLUGINS).set(MDL_CONFIG_PLUGINS.VALUE, "2")
                .where(MDL_CONFIG_PLUGINS.PLUGIN.eq("enrol_cohort")).and(MDL_CONFIG_PLUGINS.NAME.eq("unenrolaction"))
                .execute();
        assertThat(engine(db).cohorts().from(file("out.csv", "cmd;cidnumber;userid", "del;STAFF;E1")).execute()
                .lines().get(0).messages()).contains("enrolment suspended in course C1");

        RunResult run = engine(db).cohorts().from(file("back.csv", "cmd;cidnumber;userid",
                "add;STAFF;E2",
                "add;STAFF;E1",
                "add;STAFF;E3")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UPDATED);
        assertThat(run.lines().get(1).messages()).contains("enrolment reactivated in course C1",
                "enrolment reactivated in course C2");
        assertThat(enrolled(dsl, e1.getId())).containsExactly("u1", "u2", "u3");
        assertThat(dsl.select(MDL_USER_ENROLMENTS.STATUS).from(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.eq(e1.getId())).fetch(MDL_USER_ENROLMENTS.STATUS))
                .containsOnly(0L);
        assertThat(groupMembers(dsl, e1.getCustomint2())).containsExactly("u1", "u2", "u3");
    }

    @OnEachDatabase
    void aDisabledBindingOrPluginEnrolsNobody(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        assertThat(engine(db).cohortBindings().from(file("off.csv", "cmd;cohort;course;role",
                "del;STAFF;C2;editingteacher")).execute().succeeded()).isTrue();

        RunResult run = engine(db).cohorts().from(file("m.csv", "cmd;cidnumber;userid", "add;STAFF;E2")).execute();

        assertThat(run.lines().get(0).messages()).contains("enrolled in course C1 (cohort sync)")
                .noneMatch(m -> m.contains("C2"));
        assertThat(enrolled(dsl, instance(dsl, c1).getId())).containsExactly("u1", "u2");
        assertThat(enrolled(dsl, instance(dsl, c2).getId())).as("the disabled binding enrols nobody")
                .containsExactly("u1");

        dsl.update(MDL_CONFIG).set(MDL_CONFIG.VALUE, "manual,guest,self")
                .where(MDL_CONFIG.NAME.eq("enrol_plugins_enabled")).execute();
        RunResult off = engine(db).cohorts().from(file("m2.csv", "cmd;cidnumber;userid", "add;STAFF;E3")).execute();

        assertThat(off.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(off.lines().get(0).messages())
                .containsExactly("the cohort enrolment plugin is disabled on this site: no course enrolment");
        assertThat(members(dsl, cohort(dsl, "STAFF").getId())).containsExactly("u1", "u2", "u3");
        assertThat(enrolled(dsl, instance(dsl, c1).getId())).containsExactly("u1", "u2");
        assertThat(dirty(dsl, "u3")).isFalse();
    }

    @OnEachDatabase
    void aChunkTheDatabaseRefusesIsReplayedLineByLine(TestDatabase db) throws IOException {
        site(db);
        DSLContext dsl = db.dsl();
        long u3 = userId(dsl, "u3");
        dsl.alterTable(MDL_GROUPS_MEMBERS).add(DSL.constraint("ms_test_no_u3")
                .check(MDL_GROUPS_MEMBERS.USERID.ne(u3))).execute();

        RunResult run = engine(db).cohorts().from(file("m.csv", "cmd;cidnumber;userid",
                "add;STAFF;E2",
                "add;STAFF;E3",
                "add;PLAIN;E3",
                "add;STAFF;E4")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.UPDATED, Outcome.FAILED,
                Outcome.UPDATED, Outcome.UPDATED);
        assertThat(run.failures().get(0).error().toString()).contains("m.csv:3")
                .contains("the database refused the line");
        assertThat(members(dsl, cohort(dsl, "STAFF").getId())).as("nothing of the refused line")
                .containsExactly("u1", "u2", "u4");
        assertThat(members(dsl, cohort(dsl, "PLAIN").getId())).containsExactly("u3");
        assertThat(enrolled(dsl, instance(dsl, c1).getId())).containsExactly("u1", "u2", "u4");
        assertThat(enrolled(dsl, instance(dsl, c2).getId())).containsExactly("u1", "u2", "u4");
        assertThat(dirty(dsl, "u3")).isFalse();
        assertThat(dirty(dsl, "u4")).isTrue();
    }
}
