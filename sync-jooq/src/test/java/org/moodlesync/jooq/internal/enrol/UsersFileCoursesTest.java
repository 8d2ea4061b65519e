package org.moodlesync.jooq.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.jooq.schema.tables.records.MdlUserEnrolmentsRecord;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;

/** The users file's course columns, written by the enrolment code, on H2, PostgreSQL and MariaDB. */
class UsersFileCoursesTest {

    static final long NOW = EnrolTestSite.NOW;
    static final String HEADER = "username;idnumber;firstname;lastname;email;course1;role1;group1;course2;role2;"
            + "enrol2;start2;end2";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void newAndExistingUsersAreEnrolledInEveryCourseOfTheirLine(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        CourseFixture.Course phys = s.courses.create("PHYS201", "P201");
        s.courses.enableSelf(phys);
        s.users("bob");
        Path f = s.file("userimport.csv", HEADER,
                "alice;E001;Alice;Able;alice@example.org;CHEM101;;Lab A;PHYS201;editingteacher;self;"
                        + "2024-09-01T00:00:00Z;1909072800",
                "bob;BOB;bob;Test;bob@example.org;CHEM101;teacher;Lab A;;;;;");

        RunResult run = s.engine().users().from(f).execute();

        assertThat(run.failures()).isEmpty();
        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.UPDATED);
        assertThat(run.lines().get(1).changes()).extracting(c -> c.field())
                .containsExactly("course1.enrolment", "course1.role", "course1.group");
        assertThat(s.roleNames("alice", chem.contextId())).containsExactly("student");
        assertThat(s.enrolment("alice", chem.manualId())).isNotNull();
        MdlUserEnrolmentsRecord self = s.enrolment("alice", phys.selfId());
        assertThat(self).as("enrol2 is honoured (tool_sync only read enrol1)").isNotNull();
        assertThat(self.getTimestart()).isEqualTo(1_725_148_800L);
        assertThat(self.getTimeend()).isEqualTo(1_909_072_800L);
        assertThat(s.enrolment("alice", phys.manualId())).isNull();
        assertThat(s.roleNames("alice", phys.contextId())).containsExactly("editingteacher");
        assertThat(s.roleNames("bob", chem.contextId())).containsExactly("teacher");
        assertThat(s.groupsOf("alice", chem.id())).containsExactly("Lab A");
        assertThat(s.groupsOf("bob", chem.id())).containsExactly("Lab A");
        assertThat(s.dsl.fetchCount(MDL_GROUPS)).as("the group created once, by the first line").isEqualTo(1);

        var ue = s.dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch();
        var ra = s.dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).orderBy(MDL_ROLE_ASSIGNMENTS.ID).fetch();
        RunResult again = s.later().users().from(f).execute();
        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(s.dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch()).isEqualTo(ue);
        assertThat(s.dsl.selectFrom(MDL_ROLE_ASSIGNMENTS).orderBy(MDL_ROLE_ASSIGNMENTS.ID).fetch()).isEqualTo(ra);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aBadCourseFailsTheWholeLineIncludingTheUser(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.courses.create("CHEM101", "C101");
        Path f = s.file("userimport.csv", "username;firstname;lastname;email;course1;course2;role2",
                "alice;Alice;Able;alice@example.org;CHEM101;NOPE;",
                "bob;Bob;Baker;bob@example.org;CHEM101;CHEM101;wizard",
                "carol;Carol;Cole;carol@example.org;CHEM101;;");

        RunResult run = s.engine().users().from(f).execute();

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.CREATED);
        assertThat(run.failures().get(0).error().toString()).contains("userimport.csv:2:6")
                .contains("course2: no course with shortname NOPE");
        assertThat(run.failures().get(1).error().toString()).contains(":3:7").contains("no role with shortname wizard");
        assertThat(s.dsl.fetchCount(MDL_USER, MDL_USER.USERNAME.in("alice", "bob"))).as("users rolled back").isZero();
        assertThat(s.dsl.fetchCount(MDL_USER_ENROLMENTS)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aDryRunEnrolsNewUsersInMemoryOnlyAndCoursesByIdnumber(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.courses.create("CHEM101", "C101");
        Path f = s.file("userimport.csv", "username;firstname;lastname;email;course1;group1",
                "alice;Alice;Able;alice@example.org;C101;Lab A",
                "bob;Bob;Baker;bob@example.org;C101;Lab A");

        RunResult run = s.engine().users().identifyCoursesBy(CourseKey.IDNUMBER).dryRun().from(f).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(run.lines().get(0).changes()).extracting(c -> c.field()).contains("course1.enrolment",
                "course1.role", "course1.group");
        assertThat(run.lines().get(0).messages()).anyMatch(m -> m.contains("group Lab A created"));
        assertThat(run.lines().get(1).messages()).noneMatch(m -> m.contains("created"));
        assertThat(s.dsl.fetchCount(MDL_USER_ENROLMENTS)).isZero();
        assertThat(s.dsl.fetchCount(MDL_GROUPS)).isZero();
        assertThat(s.dsl.fetchCount(MDL_GROUPS_MEMBERS)).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aSiteWithoutDefaultCountryGivesNoCountry(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        // a real Moodle stores "0" ("Select a country") when no default country is set
        s.dsl.update(MDL_CONFIG).set(MDL_CONFIG.VALUE, "0").where(MDL_CONFIG.NAME.eq("country")).execute();
        s.engine().users().from(s.file("u.csv", "username;firstname;lastname;email", "alice;A;B;a@example.org"))
                .execute();
        assertThat(s.dsl.select(MDL_USER.COUNTRY).from(MDL_USER).where(MDL_USER.USERNAME.eq("alice")).fetchSingle()
                .value1()).isEmpty();
    }
}
