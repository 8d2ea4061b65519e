package org.moodlesync.jooq.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_GRADES;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_ITEMS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_LASTACCESS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolGroupAction;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.jooq.schema.tables.records.MdlGroupsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlRoleAssignmentsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlUserEnrolmentsRecord;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.jooq.impl.DSL;

/** The enrolment file end to end (file → engine → jOOQ writer → rows) on H2, PostgreSQL and MariaDB. */
class EnrolmentsFileTest {

    static final long NOW = EnrolTestSite.NOW;
    static final String HEADER = "cmd;rolename;uid;cid;enrol;starttime;endtime;gcmd;g1;g2";

    @TempDir
    Path dir;

    private EnrolTestSite site(TestDatabase db) {
        return new EnrolTestSite(db, dir);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void addEnrolsWithTheRowsMoodleWrites(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice", "bob", "carol");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        Path f = s.file("enrols.csv", HEADER,
                "add;student;ALICE;CHEM101;manual;2024-09-01;2030-06-30 18:00;;;",
                "add;editingteacher;BOB;CHEM101;;1725177600;;;;",
                ";;CAROL;CHEM101;;2024-09-01T08:00:00+02:00;;;;");

        RunResult run = s.engine().enrolments().timeZone(ZoneOffset.UTC).from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
        MdlUserEnrolmentsRecord alice = s.enrolment("alice", chem.manualId());
        assertThat(alice.getStatus()).isZero();
        assertThat(alice.getTimestart()).isEqualTo(1_725_148_800L);
        assertThat(alice.getTimeend()).isEqualTo(1_909_072_800L);
        assertThat(alice.getModifierid()).isZero();
        assertThat(alice.getTimecreated()).isEqualTo(NOW);
        assertThat(alice.getTimemodified()).isEqualTo(NOW);
        MdlUserEnrolmentsRecord bob = s.enrolment("bob", chem.manualId());
        assertThat(bob.getTimestart()).isEqualTo(1_725_177_600L);
        assertThat(bob.getTimeend()).as("no end: Moodle writes 0, not the column default").isZero();
        assertThat(s.enrolment("carol", chem.manualId()).getTimestart()).isEqualTo(1_725_170_400L);

        List<MdlRoleAssignmentsRecord> roles = s.roles("alice", chem.contextId());
        assertThat(roles).hasSize(1);
        MdlRoleAssignmentsRecord ra = roles.get(0);
        assertThat(ra.getRoleid()).isEqualTo(s.roleId("student"));
        assertThat(ra.getComponent()).as("manual enrolments assign manual roles").isEmpty();
        assertThat(ra.getItemid()).isZero();
        assertThat(ra.getTimemodified()).isEqualTo(NOW);
        assertThat(ra.getSortorder()).isZero();
        assertThat(s.roleNames("bob", chem.contextId())).containsExactly("editingteacher");
        assertThat(s.roleNames("carol", chem.contextId())).as("no role named: the instance's default")
                .containsExactly("student");
        for (String u : List.of("alice", "bob", "carol")) {
            var flag = s.dsl.selectFrom(MDL_CACHE_FLAGS).where(MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtyusers"))
                    .and(MDL_CACHE_FLAGS.NAME.eq(Long.toString(s.userId(u)))).fetchOne();
            assertThat(flag).as("user marked dirty").isNotNull();
            assertThat(flag.getExpiry()).isEqualTo(NOW + 28_800);
        }
        assertThat(run.lines().get(0).changes()).extracting(c -> c.field())
                .containsExactly("enrolment", "timestart", "timeend", "role");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void datesWithoutAZoneAreTheSitesWallClock(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        // a fresh site's timezone is Europe/London: 1 September is summer time (UTC+1)
        s.engine().enrolments().from(s.file("e.csv", "uid;cid;starttime", "ALICE;CHEM101;2024-09-01")).execute();
        assertThat(s.enrolment("alice", chem.manualId()).getTimestart()).isEqualTo(1_725_145_200L);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aRerunOfTheSameFileChangesNothing(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice", "bob", "carol");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        CourseFixture.Course phys = s.courses.create("PHYS201", "P201");
        s.courses.enableSelf(phys);
        Path f = s.file("enrols.csv", HEADER,
                "add;student;ALICE;CHEM101;manual;;;gaddcreate;Lab A;Lab B",
                "add;teacher;BOB;PHYS201;self;2024-09-01;;replace-create;Tutors;",
                "shift;editingteacher;ALICE;PHYS201;;;;;;",
                "add;manager;CAROL;CHEM101;none;;;;;",
                "del;;BOB;CHEM101;;;;;;");
        RunResult first = s.engine().enrolments().from(f).execute();
        assertThat(first.failures()).isEmpty();
        DSLContext dsl = s.dsl;
        var ue = dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch();
        var ra = dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).orderBy(MDL_ROLE_ASSIGNMENTS.ID).fetch();
        var gm = dsl.selectFrom(MDL_GROUPS_MEMBERS).orderBy(MDL_GROUPS_MEMBERS.ID).fetch();
        var g = SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_GROUPS).orderBy(MDL_GROUPS.ID), MDL_GROUPS);

        RunResult again = s.later().enrolments().from(f).execute();

        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(again.lines()).allMatch(l -> l.changes().isEmpty());
        assertThat(dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch()).isEqualTo(ue);
        assertThat(dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).orderBy(MDL_ROLE_ASSIGNMENTS.ID).fetch()).isEqualTo(ra);
        assertThat(dsl.selectFrom(MDL_GROUPS_MEMBERS).orderBy(MDL_GROUPS_MEMBERS.ID).fetch()).isEqualTo(gm);
        assertThat(SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_GROUPS).orderBy(MDL_GROUPS.ID), MDL_GROUPS)).isEqualTo(g);
        assertThat(s.groupsOf("alice", chem.id())).containsExactly("Lab A", "Lab B");
        assertThat(s.groupsOf("bob", phys.id())).containsExactly("Tutors");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void shiftChangesTheRoleAndKeepsEnrolmentAndGroups(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.engine().enrolments().from(s.file("a.csv", HEADER,
                "add;student;ALICE;CHEM101;manual;2024-09-01;;gaddcreate;Lab A;")).execute();
        long ueId = s.enrolment("alice", chem.manualId()).getId();

        RunResult run = s.engine().enrolments().from(s.file("b.csv", "cmd;rolename;uid;cid",
                "shift;teacher;ALICE;CHEM101")).execute();

        LineResult line = run.lines().get(0);
        assertThat(line.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(line.changes()).extracting(Object::toString)
                .containsExactly("role: student -> null", "role: teacher");
        assertThat(s.roleNames("alice", chem.contextId())).containsExactly("teacher");
        assertThat(s.enrolment("alice", chem.manualId()).getId()).as("same enrolment").isEqualTo(ueId);
        assertThat(s.enrolment("alice", chem.manualId()).getTimestart()).as("times kept").isNotEqualTo(NOW);
        assertThat(s.groupsOf("alice", chem.id())).containsExactly("Lab A");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void unenrollingTheLastEnrolmentClearsWhatMoodleClears(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice", "bob");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        CourseFixture.Course phys = s.courses.create("PHYS201", "P201");
        s.engine().enrolments().from(s.file("a.csv", HEADER,
                "add;student;ALICE;CHEM101;;;;gaddcreate;Lab A;Lab B",
                "add;student;ALICE;PHYS201;;;;gaddcreate;Lab A;",
                "add;student;BOB;CHEM101;;;;gadd;Lab A;")).execute();
        DSLContext dsl = s.dsl;
        long alice = s.userId("alice");
        // what a course gathers: a manual role beside the enrolment, a role in an activity, last access, a grade
        dsl.insertInto(MDL_ROLE_ASSIGNMENTS).set(MDL_ROLE_ASSIGNMENTS.ROLEID, s.roleId("teacher"))
                .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, chem.contextId()).set(MDL_ROLE_ASSIGNMENTS.USERID, alice)
                .set(MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED, NOW).execute();
        long module = s.courses.moduleContext(chem, 77);
        dsl.insertInto(MDL_ROLE_ASSIGNMENTS).set(MDL_ROLE_ASSIGNMENTS.ROLEID, s.roleId("editingteacher"))
                .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, module).set(MDL_ROLE_ASSIGNMENTS.USERID, alice)
                .set(MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED, NOW).execute();
        for (long course : List.of(chem.id(), phys.id())) {
            dsl.insertInto(MDL_USER_LASTACCESS).set(MDL_USER_LASTACCESS.USERID, alice)
                    .set(MDL_USER_LASTACCESS.COURSEID, course).set(MDL_USER_LASTACCESS.TIMEACCESS, NOW).execute();
        }
        long item = dsl.insertInto(MDL_GRADE_ITEMS).set(MDL_GRADE_ITEMS.COURSEID, chem.id())
                .set(MDL_GRADE_ITEMS.ITEMTYPE, "course").set(MDL_GRADE_ITEMS.TIMECREATED, NOW)
                .set(MDL_GRADE_ITEMS.TIMEMODIFIED, NOW).returningResult(MDL_GRADE_ITEMS.ID).fetchSingle().value1();
        dsl.insertInto(MDL_GRADE_GRADES).set(MDL_GRADE_GRADES.ITEMID, item).set(MDL_GRADE_GRADES.USERID, alice)
                .execute();

        RunResult run = s.engine().enrolments().from(s.file("b.csv", "cmd;uid;cid", "del;ALICE;CHEM101"))
                .execute();

        LineResult line = run.lines().get(0);
        assertThat(line.outcome()).isEqualTo(Outcome.DELETED);
        assertThat(line.messages()).anyMatch(m -> m.contains("last enrolment"));
        assertThat(s.enrolment("alice", chem.manualId())).isNull();
        assertThat(s.roles("alice", chem.contextId())).as("every role in the course context").isEmpty();
        assertThat(s.roles("alice", module)).as("and below it").isEmpty();
        assertThat(s.groupsOf("alice", chem.id())).isEmpty();
        assertThat(dsl.fetchCount(MDL_USER_LASTACCESS, MDL_USER_LASTACCESS.USERID.eq(alice)
                .and(MDL_USER_LASTACCESS.COURSEID.eq(chem.id())))).isZero();
        assertThat(dsl.fetchCount(MDL_GRADE_GRADES, MDL_GRADE_GRADES.USERID.eq(alice))).isZero();
        // the other course and the other user are untouched
        assertThat(s.enrolment("alice", phys.manualId())).isNotNull();
        assertThat(s.roleNames("alice", phys.contextId())).containsExactly("student");
        assertThat(s.groupsOf("alice", phys.id())).containsExactly("Lab A");
        assertThat(dsl.fetchCount(MDL_USER_LASTACCESS, MDL_USER_LASTACCESS.USERID.eq(alice))).isEqualTo(1);
        assertThat(s.groupsOf("bob", chem.id())).containsExactly("Lab A");
        assertThat(s.dsl.fetchCount(MDL_GROUPS, MDL_GROUPS.COURSEID.eq(chem.id()))).as("groups stay").isEqualTo(2);

        RunResult again = s.engine().enrolments().from(s.file("b.csv", "cmd;uid;cid", "del;ALICE;CHEM101"))
                .execute();
        assertThat(again.lines().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void unenrollingFromOneOfTwoMethodsKeepsManualRolesAndGroups(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.courses.enableSelf(chem);
        s.engine().enrolments().from(s.file("a.csv", HEADER,
                "add;student;ALICE;CHEM101;manual;;;gaddcreate;Lab A;",
                "add;student;ALICE;CHEM101;self;;;;;")).execute();
        assertThat(s.enrolments("alice")).hasSize(2);

        RunResult run = s.engine().enrolments().from(s.file("b.csv", "cmd;uid;cid;enrol", "del;ALICE;CHEM101;self"))
                .execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.DELETED);
        assertThat(s.enrolment("alice", chem.selfId())).isNull();
        assertThat(s.enrolment("alice", chem.manualId())).isNotNull();
        assertThat(s.roleNames("alice", chem.contextId())).containsExactly("student");
        assertThat(s.groupsOf("alice", chem.id())).containsExactly("Lab A");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void roleOnlyLinesAssignManualRolesWithoutEnrolling(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice", "bob");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.courses.enableSelf(chem);

        RunResult run = s.engine().enrolments().from(s.file("a.csv", "rolename;uid;cid;enrol",
                "teacher;ALICE;CHEM101;none")).execute();
        // tool_sync's role-only mode (no enrol column), on request
        RunResult compat = s.engine().enrolments().roleOnlyWithoutEnrolColumn(true).from(s.file("b.csv",
                "rolename;uid;cid", "manager;BOB;CHEM101")).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(compat.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(s.enrolments("alice")).isEmpty();
        assertThat(s.enrolments("bob")).isEmpty();
        MdlRoleAssignmentsRecord ra = s.roles("alice", chem.contextId()).get(0);
        assertThat(ra.getComponent()).as("bug #13: not the component of the course's last enabled instance")
                .isEmpty();
        assertThat(ra.getItemid()).isZero();
        assertThat(s.roleNames("bob", chem.contextId())).containsExactly("manager");

        RunResult del = s.engine().enrolments().from(s.file("c.csv", "cmd;rolename;uid;cid;enrol",
                "del;teacher;ALICE;CHEM101;none", "del;;BOB;CHEM101;none")).execute();
        assertThat(del.lines()).extracting(LineResult::outcome).containsExactly(Outcome.DELETED, Outcome.DELETED);
        assertThat(s.roles("alice", chem.contextId())).isEmpty();
        assertThat(s.roles("bob", chem.contextId())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void groupCommands(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.engine().enrolments().from(s.file("a.csv", HEADER,
                "add;student;ALICE;CHEM101;;;;addcreate;Lab A;Lab B")).execute();
        MdlGroupsRecord labA = SiteRows.fetchOne(s.dsl, s.dsl.select(DSL.asterisk()).from(MDL_GROUPS).where(MDL_GROUPS.NAME.eq("Lab A")), MDL_GROUPS);
        assertThat(labA.getCourseid()).isEqualTo(chem.id());
        assertThat(labA.getIdnumber()).isEmpty();
        assertThat(labA.getDescriptionformat().intValue()).isEqualTo(1);
        if (SiteSchema.of(db.branch()).has(MDL_GROUPS.VISIBILITY)) { // Moodle 4.2 on
            assertThat(labA.getVisibility().intValue()).isZero();
            assertThat(labA.getParticipation().intValue()).isEqualTo(1);
        }
        assertThat(labA.getTimecreated()).isEqualTo(NOW);
        var member = s.dsl.selectFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.GROUPID.eq(labA.getId()))
                .fetchSingle();
        assertThat(member.getComponent()).isEmpty();
        assertThat(member.getItemid()).isZero();
        assertThat(member.getTimeadded()).isEqualTo(NOW);

        RunResult run = s.engine().enrolments().from(s.file("b.csv", HEADER,
                "add;;ALICE;CHEM101;;;;greplacecreate;Lab C;",
                "add;;ALICE;CHEM101;;;;gadd;Lab A;",
                "add;;ALICE;CHEM101;;;;gdel;Lab C;Lab Z",
                "add;;ALICE;CHEM101;;;;gadd;Lab Z;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.UPDATED, Outcome.UPDATED, Outcome.UPDATED, Outcome.FAILED);
        assertThat(run.lines().get(0).changes()).extracting(Object::toString)
                .containsExactly("group: Lab A -> null", "group: Lab B -> null", "group: Lab C");
        assertThat(run.failures().get(0).error().toString()).contains("b.csv:5:9").contains("no group named Lab Z");
        assertThat(s.groupsOf("alice", chem.id())).containsExactly("Lab A");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void badLinesFailAloneAndLeaveNothingBehind(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice", "bob");
        s.courses.create("CHEM101", "C101");
        Path f = s.file("enrols.csv", HEADER,
                "add;student;NOBODY;CHEM101;;;;;;",
                "add;student;ALICE;NOCOURSE;;;;;;",
                "add;wizard;ALICE;CHEM101;;;;;;",
                "add;coursecreator;ALICE;CHEM101;;;;;;",
                "add;student;ALICE;CHEM101;self;;;;;",
                "add;student;ALICE;CHEM101;cohort;;;;;",
                "add;student;ALICE;CHEM101;;2024-09-01;2024-08-01;;;",
                "add;student;ALICE;CHEM101;;;;gadd;No such group;",
                "add;;ALICE;CHEM101;none;;;;;",
                "add;student;BOB;CHEM101;none;;;gaddcreate;Lab A;",
                "add;student;BOB;CHEM101;;;;;;");

        RunResult run = s.engine().enrolments().from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.FAILED, Outcome.FAILED,
                Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED,
                Outcome.FAILED, Outcome.FAILED, Outcome.CREATED);
        List<String> errors = run.failures().stream().map(l -> l.error().toString()).toList();
        assertThat(errors.get(0)).contains("enrols.csv:2:3").contains("no user with idnumber NOBODY");
        assertThat(errors.get(1)).contains(":3:4").contains("no course with shortname NOCOURSE");
        assertThat(errors.get(2)).contains(":4:2").contains("no role with shortname wizard");
        assertThat(errors.get(3)).contains(":5:2").contains("cannot be assigned in a course");
        assertThat(errors.get(4)).contains(":6:5").contains("self enrolment method of course CHEM101 is disabled");
        assertThat(errors.get(5)).contains(":7:5").contains("made by Moodle's cohort plugin");
        assertThat(errors.get(6)).contains(":8:7").contains("before it starts");
        assertThat(errors.get(7)).contains(":9:9").contains("no group named No such group");
        assertThat(errors.get(8)).contains(":10:2").contains("a role is required");
        assertThat(errors.get(9)).contains(":11:9").contains("not enrolled");
        assertThat(s.enrolments("alice")).as("nothing half-written").isEmpty();
        assertThat(s.dsl.fetchCount(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.USERID.eq(s.userId("alice"))))
                .isZero();
        assertThat(s.dsl.fetchCount(MDL_GROUPS)).as("the group of the failed line is rolled back").isZero();
        assertThat(s.enrolments("bob")).hasSize(1);
        assertThat(Files.readAllLines(run.trybackFile())).hasSize(11).first().isEqualTo(HEADER);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aDryRunWritesNothingButLaterLinesSeeEarlierOnes(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice");
        s.courses.create("CHEM101", "C101");
        DSLContext dsl = s.dsl;
        int flags = dsl.fetchCount(MDL_CACHE_FLAGS);

        RunResult run = s.engine().enrolments().dryRun().from(s.file("a.csv", HEADER,
                "add;student;ALICE;CHEM101;;;;gaddcreate;Lab A;",
                "shift;teacher;ALICE;CHEM101;;;;gadd;Lab A;",
                "del;;ALICE;CHEM101;;;;;;")).execute();

        assertThat(run.dryRun()).isTrue();
        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.UPDATED, Outcome.DELETED);
        assertThat(run.lines()).allMatch(LineResult::dryRun);
        assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS)).isZero();
        assertThat(dsl.fetchCount(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.USERID.eq(s.userId("alice")))).isZero();
        assertThat(dsl.fetchCount(MDL_GROUPS)).isZero();
        assertThat(dsl.fetchCount(MDL_CACHE_FLAGS)).isEqualTo(flags);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void disableSuspendsAndEnableReactivates(TestDatabase db) throws IOException {
        EnrolTestSite s = site(db);
        s.users("alice");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.engine().enrolments().from(s.file("a.csv", "uid;cid", "ALICE;CHEM101")).execute();

        RunResult off = s.engine().enrolments().from(s.file("b.csv", "cmd;uid;cid", "disable;ALICE;CHEM101"))
                .execute();
        assertThat(off.lines().get(0).changes()).extracting(Object::toString)
                .containsExactly("status: active -> suspended");
        assertThat(s.enrolment("alice", chem.manualId()).getStatus()).isEqualTo(1L);
        assertThat(s.roleNames("alice", chem.contextId())).as("roles stay").containsExactly("student");

        RunResult on = s.later().enrolments().from(s.file("c.csv", "cmd;uid;cid", "enable;ALICE;CHEM101"))
                .execute();
        assertThat(on.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        MdlUserEnrolmentsRecord ue = s.enrolment("alice", chem.manualId());
        assertThat(ue.getStatus()).isZero();
        assertThat(ue.getTimemodified()).isEqualTo(NOW + 7200);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void commandsBuiltInCodeAndOtherIdentifiers(TestDatabase db) {
        EnrolTestSite s = site(db);
        s.users("alice");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        RunResult run = s.engine().enrolments().identifyUsersBy(UserKey.USERNAME)
                .identifyCoursesBy(org.moodlesync.api.command.CourseKey.IDNUMBER)
                .commands(List.of(EnrolCommand.builder().user("alice").course("C101").role("teacher")
                        .groups(EnrolGroupAction.ADD_CREATE, "Lab A").build(),
                        EnrolCommand.builder().action(EnrolAction.SHIFT).user("alice").course("C101")
                                .role("student").build()))
                .execute();
        assertThat(run.failures()).isEmpty();
        assertThat(s.roleNames("alice", chem.contextId())).isEqualTo(Set.of("student"));
        assertThat(s.groupsOf("alice", chem.id())).containsExactly("Lab A");
    }
}
