package org.moodlesync.jooq.internal.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.core.testkit.SyncAssertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.MemberDropAction;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.CohortSync;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.feed.FeedTable;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;

/**
 * Cohorts files as full feeds of cohort members, on H2, PostgreSQL and MariaDB: the members a feed no longer lists
 * leave the cohort — only those it owns, in the cohorts it names, within its limit; the undo file adds them back.
 */
class CohortMembersFullFeedTest {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String HEADER = "cmd;userid;cidnumber;cname";

    @TempDir
    Path dir;

    private SyncEngine engine(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build();
    }

    private CohortSync feed(TestDatabase db) {
        return engine(db).cohorts().asFullFeed(FeedScope.cohortsInFile()).maxRemovals(RemovalLimit.NONE);
    }

    private Path file(String name, String... lines) throws IOException {
        String[] all = new String[lines.length + 1];
        all[0] = HEADER;
        System.arraycopy(lines, 0, all, 1, lines.length);
        return CommandFiles.write(dir, name, all);
    }

    private void setUp(TestDatabase db) throws IOException {
        FeedTable.create(db.moodle());
        RunResult users = engine(db).users().from(CommandFiles.write(dir, "users.csv", CohortsFileTest.USERS,
                "u1;E1;Una;One;u1@example.org", "u2;E2;Dos;Two;u2@example.org", "u3;E3;Tres;Three;u3@example.org",
                "u4;E4;Cuatro;Four;u4@example.org")).execute();
        assertThat(users).succeeded();
    }

    private static List<String> members(DSLContext dsl, String idnumber) {
        return CohortsFileTest.members(dsl, CohortsFileTest.cohort(dsl, idnumber).getId());
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void removesWhoTheFeedNoLongerListsAndTheUndoFileAddsThemBack(TestDatabase db) throws IOException {
        setUp(db);
        RunResult first = feed(db).from(file("monday.csv", "add;E1;STAFF;Staff", "add;E2;STAFF;Staff",
                "add;E3;Y1;Year 1")).execute();
        assertThat(first).succeeded().hasRemoved(0);

        RunResult second = feed(db).from(file("tuesday.csv", "add;E1;STAFF;Staff", "add;E3;Y1;Year 1")).execute();

        assertThat(second).succeeded().hasRemoved(1);
        assertThat(second.lines().stream().filter(l -> l.line() == 0)).singleElement()
                .satisfies(l -> {
                    assertThat(l).isRemoved();
                    assertThat(l.entity()).isEqualTo("cohort STAFF");
                    assertThat(l.changes()).anyMatch(c -> c.toString().contains("u2"));
                });
        assertThat(members(db.dsl(), "STAFF")).containsExactly("u1");
        assertThat(Files.readAllLines(second.undoFile())).containsExactly("cmd;cidnumber;userid", "add;STAFF;E2");

        RunResult undo = engine(db).cohorts().from(second.undoFile()).execute();

        assertThat(undo).succeeded();
        assertThat(members(db.dsl(), "STAFF")).containsExactly("u1", "u2");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void theCohortsTheFileNamesAreItsScopeEvenWithoutMembers(TestDatabase db) throws IOException {
        setUp(db);
        feed(db).from(file("first.csv", "add;E1;STAFF;Staff", "add;E2;STAFF;Staff", "add;E3;Y1;Year 1",
                "add;E4;Y2;Year 2")).execute();

        // Y1 is named by a cohort line without a member: the file says Y1 has no member any more
        RunResult run = feed(db).from(file("next.csv", "add;E1;STAFF;Staff", "add;E2;STAFF;Staff",
                "add;;Y1;Year 1")).execute();

        assertThat(run).succeeded().hasRemoved(1);
        assertThat(members(db.dsl(), "Y1")).isEmpty();
        assertThat(members(db.dsl(), "Y2")).as("not named").containsExactly("u4");

        RunResult site = engine(db).cohorts().asFullFeed(FeedScope.wholeSite()).maxRemovals(RemovalLimit.NONE)
                .from(file("site.csv", "add;E1;STAFF;Staff", "add;E2;STAFF;Staff")).execute();
        assertThat(site).succeeded().hasRemoved(1);
        assertThat(members(db.dsl(), "Y2")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void handMadeMembersSurviveAndTheLimitRefusesBeforeWriting(TestDatabase db) throws IOException {
        setUp(db);
        feed(db).from(file("first.csv", "add;E1;STAFF;Staff", "add;E2;STAFF;Staff", "add;E3;STAFF;Staff"))
                .execute();
        engine(db).cohorts().from(file("hand.csv", "add;E4;STAFF;Staff")).execute();
        var before = db.dsl().selectFrom(MDL_COHORT_MEMBERS).orderBy(MDL_COHORT_MEMBERS.ID).fetch();

        RunResult refused = engine(db).cohorts().asFullFeed(FeedScope.cohortsInFile())
                .from(file("truncated.csv", "add;E1;STAFF;Staff")).execute();

        assertThat(refused).wasRefused().hasRemoved(2);
        assertThat(refused.failure().kind()).isEqualTo(RunFailure.Kind.REMOVAL_LIMIT);
        assertThat(refused.failure().message()).contains("remove 2 of the 3 cohort members it owns");
        assertThat(refused.lines()).allMatch(LineResult::dryRun);
        assertThat(db.dsl().selectFrom(MDL_COHORT_MEMBERS).orderBy(MDL_COHORT_MEMBERS.ID).fetch()).isEqualTo(before);

        RunResult empty = feed(db).from(file("empty.csv")).execute();
        assertThat(empty).succeeded().hasRemoved(0);
        RunResult keep = feed(db).onAbsent(MemberDropAction.KEEP).from(file("keep.csv", "add;E1;STAFF;Staff"))
                .execute();
        assertThat(keep).succeeded().hasRemoved(0);

        RunResult allowed = feed(db).from(file("allowed.csv", "add;E1;STAFF;Staff")).execute();
        assertThat(allowed).succeeded().hasRemoved(2);
        assertThat(members(db.dsl(), "STAFF")).as("u4 was added by hand").containsExactly("u1", "u4");

        RunResult rerun = feed(db).from(file("again.csv", "add;E1;STAFF;Staff")).execute();
        assertThat(rerun).succeeded().hasRemoved(0).hasUnchanged(1);
        assertThat(rerun.undoFile()).isNull();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aCourseScopeIsNotACohortScope(TestDatabase db) {
        assertThatThrownBy(() -> engine(db).cohorts().asFullFeed(FeedScope.coursesInFile()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cohorts-in-file or site");
    }
}
