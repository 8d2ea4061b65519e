package org.moodlesync.jooq.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.jooq.schema.tables.records.MdlGroupingsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlGroupsRecord;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.jooq.impl.DSL;

/** The groups and groupings file and the group members file on H2, PostgreSQL and MariaDB. */
class GroupFilesTest {

    static final long NOW = EnrolTestSite.NOW;
    static final String GROUPS = "type;courseid;name;idnumber;description;grouping;selfgrouping";

    @TempDir
    Path dir;

    private static MdlGroupsRecord group(DSLContext dsl, long courseId, String name) {
        return SiteRows.fetchOne(dsl, dsl.select(DSL.asterisk()).from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(courseId)).and(MDL_GROUPS.NAME.eq(name)), MDL_GROUPS);
    }

    private static MdlGroupingsRecord grouping(DSLContext dsl, long courseId, String name) {
        return dsl.selectFrom(MDL_GROUPINGS).where(MDL_GROUPINGS.COURSEID.eq(courseId))
                .and(MDL_GROUPINGS.NAME.eq(name)).fetchOne();
    }

    private static boolean linked(DSLContext dsl, long groupingId, long groupId) {
        return dsl.fetchExists(MDL_GROUPINGS_GROUPS, MDL_GROUPINGS_GROUPS.GROUPINGID.eq(groupingId)
                .and(MDL_GROUPINGS_GROUPS.GROUPID.eq(groupId)));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void createsGroupsAndGroupingsWithTheRowsMoodleWrites(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.courses.create("PHYS201", "P201");
        Path f = s.file("groups.csv", GROUPS,
                "grouping;CHEM101;Labs;CHEM-LABS;All labs;;",
                "group;CHEM101;Lab A;CHEM-A;Monday <b>lab</b>;CHEM-LABS;",
                ";CHEM101;Lab B;;;Labs;",
                "group;CHEM101;Tutors;CHEM-T;;;1",
                "group;PHYS201;Lab A;CHEM-A;;;");

        RunResult run = s.engine().groups().from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(run.notices()).anyMatch(n -> n.contains("purge_caches"));
        assertThat(run.lines()).extracting(l -> l.changes().stream().map(FieldChange::toString).toList())
                .as("a created line lists every value it stored")
                .containsExactly(
                        List.of("name: Labs", "idnumber: CHEM-LABS", "description: All labs"),
                        List.of("name: Lab A", "idnumber: CHEM-A", "description: Monday <b>lab</b>", "grouping: Labs"),
                        List.of("name: Lab B", "grouping: Labs"),
                        List.of("name: Tutors", "idnumber: CHEM-T", "grouping: Tutors"),
                        List.of("name: Lab A", "idnumber: CHEM-A"));
        assertThat(run.lines().get(3).messages()).contains("grouping Tutors created");
        DSLContext dsl = s.dsl;
        MdlGroupsRecord a = group(dsl, chem.id(), "Lab A");
        assertThat(a.getIdnumber()).isEqualTo("CHEM-A");
        assertThat(a.getDescription()).isEqualTo("Monday <b>lab</b>");
        assertThat(a.getDescriptionformat().intValue()).isEqualTo(1);
        assertThat(a.getEnrolmentkey()).isNull();
        assertThat(a.getPicture()).isZero();
        if (SiteSchema.of(db.branch()).has(MDL_GROUPS.VISIBILITY)) { // Moodle 4.2 on
            assertThat(a.getVisibility().intValue()).isZero();
            assertThat(a.getParticipation().intValue()).isEqualTo(1);
        }
        assertThat(a.getTimecreated()).isEqualTo(NOW);
        assertThat(a.getTimemodified()).isEqualTo(NOW);
        assertThat(group(dsl, chem.id(), "Lab B").getIdnumber()).isEmpty();
        MdlGroupingsRecord labs = grouping(dsl, chem.id(), "Labs");
        assertThat(labs.getIdnumber()).isEqualTo("CHEM-LABS");
        assertThat(labs.getDescription()).isEqualTo("All labs");
        assertThat(labs.getDescriptionformat().intValue()).isEqualTo(1);
        assertThat(labs.getConfigdata()).isNull();
        assertThat(labs.getTimecreated()).isEqualTo(NOW);
        assertThat(linked(dsl, labs.getId(), a.getId())).isTrue();
        assertThat(linked(dsl, labs.getId(), group(dsl, chem.id(), "Lab B").getId()))
                .as("grouping found by name when no idnumber matches").isTrue();
        MdlGroupingsRecord own = grouping(dsl, chem.id(), "Tutors");
        assertThat(own).as("selfgrouping creates a grouping of the group's name").isNotNull();
        assertThat(own.getIdnumber()).isEqualTo("CHEM-T");
        assertThat(linked(dsl, own.getId(), group(dsl, chem.id(), "Tutors").getId()))
                .as("bug #16: and puts the group in it").isTrue();
        assertThat(dsl.fetchCount(MDL_GROUPINGS_GROUPS)).isEqualTo(3);
        assertThat(dsl.fetchCount(MDL_GROUPS, MDL_GROUPS.COURSEID.eq(chem.id()))).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void updatesRenamesAndRerunsChangeNothing(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.engine().groups().from(s.file("a.csv", GROUPS,
                "group;CHEM101;Lab A;CHEM-A;Old;;",
                "grouping;CHEM101;Labs;;;;")).execute();
        long id = group(s.dsl, chem.id(), "Lab A").getId();
        Path f = s.file("b.csv", "type;courseid;updateid;name;idnumber;description;grouping",
                "grouping;CHEM101;Labs;Lab sessions;LABS;;",
                "group;CHEM101;Lab A;Lab Alpha;CHEM-ALPHA;New;LABS");

        RunResult run = s.later().groups().from(f).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UPDATED);
        assertThat(run.lines().get(1).changes()).extracting(Object::toString).containsExactly(
                "name: Lab A -> Lab Alpha", "idnumber: CHEM-A -> CHEM-ALPHA", "description: Old -> New",
                "grouping: Lab sessions");
        MdlGroupsRecord g = group(s.dsl, chem.id(), "Lab Alpha");
        assertThat(g.getId()).as("renamed in place").isEqualTo(id);
        assertThat(g.getTimemodified()).isEqualTo(NOW + 7200);
        assertThat(g.getTimecreated()).isEqualTo(NOW);

        RunResult again = s.later().groups().from(f).execute();
        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(s.dsl.fetchCount(MDL_GROUPS)).as("no new group from the old updateid").isEqualTo(1);

        RunResult byId = s.engine().groups().identifyGroupsBy(GroupKey.ID).from(s.file("c.csv",
                "courseid;updateid;name", "CHEM101;" + id + ";Lab 1")).execute();
        assertThat(byId.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(group(s.dsl, chem.id(), "Lab 1").getId()).isEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void deletesGroupsAndGroupingsAndPurgesNothingElse(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.users("alice");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        CourseFixture.Course phys = s.courses.create("PHYS201", "P201");
        s.engine().groups().from(s.file("a.csv", GROUPS,
                "grouping;CHEM101;Labs;LABS;;;",
                "group;CHEM101;Lab A;;;LABS;",
                "group;CHEM101;Empty;;;;",
                "group;PHYS201;Empty;;;;")).execute();
        s.engine().enrolments().from(s.file("e.csv", "uid;cid;g1", "ALICE;CHEM101;Lab A")).execute();
        DSLContext dsl = s.dsl;
        long labs = grouping(dsl, chem.id(), "Labs").getId();
        long cm = dsl.insertInto(MDL_COURSE_MODULES).set(MDL_COURSE_MODULES.COURSE, chem.id())
                .set(MDL_COURSE_MODULES.GROUPINGID, labs).returningResult(MDL_COURSE_MODULES.ID).fetchSingle()
                .value1();
        dsl.update(MDL_COURSE).set(MDL_COURSE.DEFAULTGROUPINGID, labs).where(MDL_COURSE.ID.eq(chem.id())).execute();
        long cacherev = dsl.select(MDL_COURSE.CACHEREV).from(MDL_COURSE).where(MDL_COURSE.ID.eq(chem.id()))
                .fetchSingle().value1();

        RunResult run = s.engine().groups().from(s.file("b.csv", "cmd;type;courseid;name;idnumber",
                "del;group;CHEM101;Lab A;",
                "del;grouping;CHEM101;;LABS",
                "del;group;CHEM101;Nothing;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.DELETED, Outcome.DELETED, Outcome.UNCHANGED);
        assertThat(run.lines().get(0).messages()).anyMatch(m -> m.contains("1 membership"));
        assertThat(group(dsl, chem.id(), "Lab A")).isNull();
        assertThat(dsl.fetchCount(MDL_GROUPS_MEMBERS)).isZero();
        assertThat(dsl.fetchCount(MDL_GROUPINGS_GROUPS)).isZero();
        assertThat(grouping(dsl, chem.id(), "Labs")).isNull();
        assertThat(dsl.select(MDL_COURSE_MODULES.GROUPINGID).from(MDL_COURSE_MODULES)
                .where(MDL_COURSE_MODULES.ID.eq(cm)).fetchSingle().value1()).isZero();
        var course = SiteRows.fetchOne(dsl, dsl.select(DSL.asterisk()).from(MDL_COURSE).where(MDL_COURSE.ID.eq(chem.id())), MDL_COURSE);
        assertThat(course.getDefaultgroupingid()).isZero();
        assertThat(course.getCacherev()).as("activities changed: modinfo rebuilt").isGreaterThan(cacherev);
        assertThat(group(dsl, chem.id(), "Empty")).as("bug #6: no purge of empty groups").isNotNull();
        assertThat(group(dsl, phys.id(), "Empty")).isNotNull();
        assertThat(s.enrolment("alice", chem.manualId())).as("the member stays enrolled").isNotNull();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void namesAndIdnumbersStayUniqueInTheirCourse(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.courses.create("CHEM101", "C101");
        RunResult run = s.engine().groups().from(s.file("a.csv", "type;courseid;updateid;name;idnumber;grouping",
                "group;CHEM101;;Lab A;A1;",
                "group;CHEM101;;Lab B;B1;",
                "group;CHEM101;Lab B;Lab B;A1;",
                "group;CHEM101;Lab B;Lab A;;",
                "group;NOCOURSE;;Lab A;;",
                "group;CHEM101;;Lab C;;NOGROUPING",
                "grouping;CHEM101;;G;A1;",
                "group;CHEM101;;Lab D;A1;")).execute();
        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED,
                Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.CREATED, Outcome.UPDATED);
        assertThat(run.failures().get(0).error().toString()).contains("a.csv:4:5")
                .contains("already has a group with idnumber A1");
        assertThat(run.failures().get(1).error().toString()).contains(":5:4")
                .contains("already has a group named Lab A");
        assertThat(run.failures().get(2).error().toString()).contains(":6:2").contains("no course");
        assertThat(run.failures().get(3).error().toString()).contains(":7:6").contains("no grouping");
        assertThat(run.lines().get(7).changes()).extracting(Object::toString)
                .as("an idnumber names its group: the line renames it").containsExactly("name: Lab A -> Lab D");
        assertThat(s.dsl.fetchCount(MDL_GROUPS)).as("the failed line's group is rolled back").isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void membersJoinLeaveAndShiftToExactlyOneGroup(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.users("alice", "bob", "carol");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        CourseFixture.Course phys = s.courses.create("PHYS201", "P201");
        s.engine().groups().from(s.file("g.csv", "courseid;name;idnumber",
                "CHEM101;Lab A;A", "CHEM101;Lab B;B", "CHEM101;Lab C;C", "PHYS201;Lab A;PA")).execute();
        s.engine().enrolments().from(s.file("e.csv", "uid;cid", "ALICE;CHEM101", "ALICE;PHYS201", "BOB;CHEM101"))
                .execute();
        Path f = s.file("groupmembers.csv", "cmd;courseid;groupid;userid",
                "add;CHEM101;Lab A;ALICE",
                "add;CHEM101;Lab B;ALICE",
                "add;PHYS201;Lab A;ALICE",
                ";CHEM101;Lab C;BOB",
                "shift;CHEM101;Lab C;ALICE",
                "del;CHEM101;Lab C;BOB",
                "add;CHEM101;Lab A;CAROL",
                "add;CHEM101;Lab Z;ALICE");

        RunResult run = s.engine().groupMembers().from(f).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED,
                Outcome.CREATED, Outcome.CREATED, Outcome.UPDATED, Outcome.DELETED, Outcome.FAILED, Outcome.FAILED);
        assertThat(s.groupsOf("alice", chem.id())).as("shift leaves exactly one group").containsExactly("Lab C");
        assertThat(s.groupsOf("alice", phys.id())).as("of that course only").containsExactly("Lab A");
        assertThat(s.groupsOf("bob", chem.id())).isEmpty();
        assertThat(run.failures().get(0).error().toString()).contains("groupmembers.csv:8:4")
                .contains("user carol is not enrolled in course CHEM101");
        assertThat(run.failures().get(1).error().toString()).contains(":9:3").contains("no group with name Lab Z");
        var member = s.dsl.selectFrom(MDL_GROUPS_MEMBERS)
                .where(MDL_GROUPS_MEMBERS.GROUPID.eq(s.groupId(chem.id(), "Lab C"))).fetchSingle();
        assertThat(member.getComponent()).isEmpty();
        assertThat(member.getTimeadded()).isEqualTo(NOW);
        assertThat(group(s.dsl, chem.id(), "Lab C").getTimemodified()).as("membership changes touch the group")
                .isEqualTo(NOW);

        var before = s.dsl.selectFrom(MDL_GROUPS_MEMBERS).orderBy(MDL_GROUPS_MEMBERS.ID).fetch();
        RunResult again = s.later().groupMembers().from(s.file("again.csv", "cmd;courseid;groupid;userid",
                "shift;CHEM101;Lab C;ALICE", "del;CHEM101;Lab C;BOB", "add;PHYS201;Lab A;ALICE")).execute();
        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(s.dsl.selectFrom(MDL_GROUPS_MEMBERS).orderBy(MDL_GROUPS_MEMBERS.ID).fetch()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void groupsByIdNeedNoCourseAndPluginMembershipsAreKept(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.users("alice");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.engine().groups().from(s.file("g.csv", "courseid;name", "CHEM101;Lab A", "CHEM101;Cohort group"))
                .execute();
        s.engine().enrolments().from(s.file("e.csv", "uid;cid", "ALICE;CHEM101")).execute();
        long cohortGroup = s.groupId(chem.id(), "Cohort group");
        s.dsl.insertInto(MDL_GROUPS_MEMBERS).set(MDL_GROUPS_MEMBERS.GROUPID, cohortGroup)
                .set(MDL_GROUPS_MEMBERS.USERID, s.userId("alice")).set(MDL_GROUPS_MEMBERS.COMPONENT, "enrol_cohort")
                .set(MDL_GROUPS_MEMBERS.ITEMID, 99L).set(MDL_GROUPS_MEMBERS.TIMEADDED, NOW).execute();
        long labA = s.groupId(chem.id(), "Lab A");

        RunResult run = s.engine().groupMembers().identifyGroupsBy(GroupKey.ID).from(s.file("m.csv",
                "cmd;groupid;userid", "shift;" + labA + ";ALICE", "del;" + cohortGroup + ";ALICE")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.FAILED);
        assertThat(run.lines().get(0).messages()).anyMatch(m -> m.contains("enrol_cohort") && m.contains("kept"));
        assertThat(run.failures().get(0).error().reason()).contains("enrol_cohort");
        assertThat(s.groupsOf("alice", chem.id())).containsExactly("Cohort group", "Lab A");
    }
}
