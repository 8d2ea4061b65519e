package org.moodlesync.jooq.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;

/**
 * The set-wise paths of the enrolment and group member writers: plain adds gathered and written per chunk, lines
 * that delete after a gathered add of the same chunk, and a chunk the database refuses replayed line by line.
 */
class SetWiseEnrolmentsTest {

    static final String HEADER = "cmd;rolename;uid;cid;enrol;starttime;endtime;gcmd;g1";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aLineOfTheChunkUndoesAnEarlierLinesGatheredAdds(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.users("alice", "bob", "carol");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.engine().groups().from(s.file("g.csv", "courseid;name", "CHEM101;Lab A")).execute();

        RunResult run = s.engine().enrolments().from(s.file("e.csv", HEADER,
                "add;student;ALICE;CHEM101;;;;gadd;Lab A",
                "add;student;BOB;CHEM101;;;;gadd;Lab A",
                "del;;ALICE;CHEM101;;;;;",
                "add;editingteacher;CAROL;CHEM101;;;;;",
                "add;student;BOB;CHEM101;;2024-09-01;;;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED,
                Outcome.DELETED, Outcome.CREATED, Outcome.UPDATED);
        assertThat(s.enrolments("alice")).as("the gathered enrolment was written, then deleted").isEmpty();
        assertThat(s.roles("alice", chem.contextId())).isEmpty();
        assertThat(s.groupsOf("alice", chem.id())).isEmpty();
        assertThat(s.groupsOf("bob", chem.id())).containsExactly("Lab A");
        assertThat(s.enrolment("bob", chem.manualId()).getTimestart()).as("updated after the gathered insert")
                .isEqualTo(1_725_145_200L);
        assertThat(s.roleNames("carol", chem.contextId())).containsExactly("editingteacher");
        List<Long> ids = s.dsl.select(MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                .orderBy(MDL_USER_ENROLMENTS.ID).fetch(MDL_USER_ENROLMENTS.USERID);
        assertThat(ids).as("rows in file order").containsExactly(s.userId("bob"), s.userId("carol"));
        for (String u : List.of("alice", "bob", "carol")) {
            assertThat(s.dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtyusers")
                    .and(MDL_CACHE_FLAGS.NAME.eq(Long.toString(s.userId(u)))))).as(u + " marked dirty once")
                    .isEqualTo(1);
        }

        RunResult again = s.later().enrolments().from(s.file("again.csv", HEADER,
                "add;student;BOB;CHEM101;;2024-09-01;;gadd;Lab A",
                "add;editingteacher;CAROL;CHEM101;;;;;")).execute();
        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aChunkTheDatabaseRefusesIsReplayedLineByLine(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.users("alice", "bob", "carol");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        long bob = s.userId("bob");
        s.dsl.alterTable(MDL_ROLE_ASSIGNMENTS).add(DSL.constraint("ms_test_no_bob")
                .check(MDL_ROLE_ASSIGNMENTS.USERID.ne(bob))).execute();

        RunResult run = s.engine().enrolments().from(s.file("e.csv", HEADER,
                "add;student;ALICE;CHEM101;;;;;",
                "add;student;BOB;CHEM101;;;;;",
                "add;student;CAROL;CHEM101;;;;;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.FAILED,
                Outcome.CREATED);
        assertThat(run.failures().get(0).error().toString()).contains("e.csv:3")
                .contains("the database refused the line");
        assertThat(s.enrolments("bob")).as("nothing half-written").isEmpty();
        assertThat(s.roleNames("alice", chem.contextId())).containsExactly("student");
        assertThat(s.roleNames("carol", chem.contextId())).containsExactly("student");
        assertThat(s.dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.NAME.eq(Long.toString(bob)))).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void groupMembersAddedSetWiseAndRemovedInTheSameChunk(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.users("alice", "bob");
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        s.engine().groups().from(s.file("g.csv", "courseid;name", "CHEM101;Lab A", "CHEM101;Lab B")).execute();
        s.engine().enrolments().from(s.file("e.csv", "uid;cid", "ALICE;CHEM101", "BOB;CHEM101")).execute();

        RunResult run = s.engine().groupMembers().from(s.file("m.csv", "cmd;courseid;groupid;userid",
                "add;CHEM101;Lab A;ALICE",
                "add;CHEM101;Lab B;ALICE",
                "add;CHEM101;Lab A;BOB",
                "del;CHEM101;Lab A;ALICE",
                "add;CHEM101;Lab B;BOB")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED,
                Outcome.CREATED, Outcome.DELETED, Outcome.CREATED);
        assertThat(s.groupsOf("alice", chem.id())).containsExactly("Lab B");
        assertThat(s.groupsOf("bob", chem.id())).containsExactly("Lab A", "Lab B");
        assertThat(s.dsl.select(MDL_GROUPS_MEMBERS.USERID).from(MDL_GROUPS_MEMBERS).orderBy(MDL_GROUPS_MEMBERS.ID)
                .fetch(MDL_GROUPS_MEMBERS.USERID)).as("rows in file order")
                .containsExactly(s.userId("alice"), s.userId("bob"), s.userId("bob"));
    }
}
