package org.moodlesync.jooq.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.core.testkit.SyncAssertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.feed.EnrolDropAction;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.EnrolSync;
import org.moodlesync.jooq.feed.FeedTable;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;

/**
 * Enrolment files as full feeds, end to end on H2, PostgreSQL and MariaDB: what a feed no longer lists is suspended
 * or unenrolled, only what it owns, never beyond its removal limit, never from an empty or unreadable feed; the undo
 * file puts back what went; a rerun of the same snapshot writes nothing.
 */
class EnrolmentsFullFeedTest {

    static final String HEADER = "cmd;rolename;uid;cid;enrol;starttime;endtime";

    @TempDir
    Path dir;

    /** A site with the feed table, users alice…judy and course CHEM101. */
    private Fixture fixture(TestDatabase db) {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        FeedTable.create(db.moodle());
        s.users("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy");
        return new Fixture(s, s.courses.create("CHEM101", "C101"));
    }

    private record Fixture(EnrolTestSite site, CourseFixture.Course chem) {
        EnrolSync feed() {
            return site.engine().enrolments().asFullFeed(FeedScope.coursesInFile()).maxRemovals(RemovalLimit.NONE);
        }

        Path snapshot(String name, String... users) throws IOException {
            String[] lines = new String[users.length + 1];
            lines[0] = HEADER;
            for (int i = 0; i < users.length; i++) {
                lines[i + 1] = "add;student;" + users[i].toUpperCase() + ";CHEM101;manual;;";
            }
            return site.file(name, lines);
        }

        long status(String user) {
            return site.enrolment(user, chem.manualId()).getStatus();
        }

        boolean enrolled(String user) {
            return site.enrolment(user, chem.manualId()) != null;
        }
    }

    private static List<LineResult> removals(RunResult run) {
        return run.lines().stream().filter(l -> l.line() == 0).toList();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void suspendsWhatTheFeedNoLongerListsAndTheUndoFileMakesItActiveAgain(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        RunResult first = f.feed().from(f.snapshot("monday.csv", "alice", "bob", "carol")).execute();
        assertThat(first).succeeded().hasCreated(3).hasSuspended(0);
        assertThat(first.undoFile()).isNull();

        RunResult second = f.feed().from(f.snapshot("tuesday.csv", "alice", "bob")).execute();

        assertThat(second).succeeded().hasUnchanged(2).hasSuspended(1).hasRemoved(0);
        assertThat(second.counts().read()).as("removals are not lines of the file").isEqualTo(2);
        assertThat(removals(second)).singleElement().satisfies(l -> {
            assertThat(l).isSuspended();
            assertThat(l.entity()).isEqualTo("enrolment CAROL in CHEM101");
        });
        assertThat(f.status("carol")).isEqualTo(1);
        assertThat(f.status("alice")).isZero();
        assertThat(f.site().roleNames("carol", f.chem().contextId())).as("suspending keeps roles")
                .containsExactly("student");
        assertThat(second.undoFile()).isNotNull();
        assertThat(Files.readAllLines(second.undoFile())).containsExactly(HEADER, "enable;;CAROL;CHEM101;manual;;");
        assertThat(second.notices()).anyMatch(n -> n.startsWith("undo file: "));

        RunResult undo = f.site().engine().enrolments().from(second.undoFile()).execute();

        assertThat(undo).succeeded().hasUpdated(1);
        assertThat(f.status("carol")).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void unenrolsWithMoodlesUnenrolAndTheUndoFileEnrolsAgainWithTimesAndRoles(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.site().file("first.csv", HEADER, "add;student;ALICE;CHEM101;manual;;",
                "add;editingteacher;CAROL;CHEM101;manual;1725148800;1909072800");
        f.feed().from(f.site().dir.resolve("first.csv")).execute();
        f.site().engine().enrolments().from(f.site().file("extra.csv", HEADER,
                "add;teacher;CAROL;CHEM101;manual;;")).execute();

        RunResult run = f.feed().onAbsent(EnrolDropAction.UNENROL).from(f.snapshot("next.csv", "alice")).execute();

        assertThat(run).succeeded().hasRemoved(1).hasSuspended(0);
        assertThat(removals(run)).singleElement().satisfies(l -> assertThat(l).isRemoved());
        assertThat(f.enrolled("carol")).isFalse();
        assertThat(f.site().roleNames("carol", f.chem().contextId())).isEmpty();
        assertThat(Files.readAllLines(run.undoFile())).containsExactlyInAnyOrder(HEADER,
                "add;editingteacher;CAROL;CHEM101;manual;1725148800;1909072800",
                "add;teacher;CAROL;CHEM101;manual;1725148800;1909072800");

        RunResult undo = f.site().engine().enrolments().from(run.undoFile()).execute();

        assertThat(undo).succeeded();
        var carol = f.site().enrolment("carol", f.chem().manualId());
        assertThat(carol.getTimestart()).isEqualTo(1_725_148_800L);
        assertThat(carol.getTimeend()).isEqualTo(1_909_072_800L);
        assertThat(f.site().roleNames("carol", f.chem().contextId())).containsExactly("editingteacher", "teacher");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void suspendNoRolesSuspendsAndRemovesTheManualRoles(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "alice", "bob")).execute();

        RunResult run = f.feed().onAbsent(EnrolDropAction.SUSPEND_NO_ROLES).from(f.snapshot("next.csv", "alice"))
                .execute();

        assertThat(run).succeeded().hasSuspended(1);
        assertThat(f.status("bob")).isEqualTo(1);
        assertThat(f.site().roleNames("bob", f.chem().contextId())).isEmpty();
        assertThat(Files.readAllLines(run.undoFile())).containsExactly(HEADER, "add;student;BOB;CHEM101;manual;" + EnrolTestSite.NOW + ";0");
        assertThat(f.site().engine().enrolments().from(run.undoFile()).execute()).succeeded();
        assertThat(f.status("bob")).isZero();
        assertThat(f.site().roleNames("bob", f.chem().contextId())).containsExactly("student");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void keepLeavesAbsentEnrolmentsAsTheyAre(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "alice", "bob")).execute();

        RunResult run = f.feed().onAbsent(EnrolDropAction.KEEP).from(f.snapshot("next.csv", "alice")).execute();

        assertThat(run).succeeded().hasSuspended(0).hasRemoved(0);
        assertThat(f.status("bob")).isZero();
        assertThat(run.notices()).anyMatch(n -> n.contains("1 enrolments no longer listed kept"));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void anEnrolmentMadeByHandOrByAnotherMethodOrFeedIsNeverRemoved(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.site().courses.enableSelf(f.chem());
        f.feed().from(f.snapshot("first.csv", "alice", "bob")).execute();
        // by hand (an ordinary run: not a feed's), through the self method, and by another feed
        f.site().engine().enrolments().from(f.site().file("hand.csv", HEADER, "add;student;CAROL;CHEM101;manual;;",
                "add;student;DAVE;CHEM101;self;;")).execute();
        f.site().engine().enrolments().asFullFeed(FeedScope.coursesInFile()).feedName("hr")
                .from(f.snapshot("hr.csv", "erin")).execute();

        RunResult run = f.feed().onAbsent(EnrolDropAction.UNENROL).from(f.snapshot("next.csv", "alice")).execute();

        assertThat(run).succeeded().hasRemoved(1);
        assertThat(f.enrolled("bob")).isFalse();
        assertThat(f.enrolled("carol")).as("made by hand").isTrue();
        assertThat(f.site().enrolment("dave", f.chem().selfId())).as("another method").isNotNull();
        assertThat(f.enrolled("erin")).as("another feed's").isTrue();
        assertThat(run.notices()).anyMatch(n -> n.contains("2 owned in the scope before the run"));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aFeedOverItsRemovalLimitIsRefusedBeforeItWritesAnything(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
                "ivan", "judy")).execute();
        var before = f.site().dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch();

        // a truncated export: half the lines lost, and one new line
        Path truncated = f.site().file("truncated.csv", HEADER, "add;student;ALICE;CHEM101;manual;;",
                "add;student;BOB;CHEM101;manual;;", "add;student;CAROL;CHEM101;manual;;",
                "add;student;DAVE;CHEM101;manual;;", "add;student;ERIN;CHEM101;manual;;",
                "add;editingteacher;FRANK;CHEM101;manual;;");
        RunResult run = f.site().engine().enrolments().asFullFeed(FeedScope.coursesInFile())
                .reportTo(dir.resolve("reports")).from(truncated).execute();

        assertThat(run).wasRefused().hasSuspended(4);
        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.REMOVAL_LIMIT);
        assertThat(run.failure().message()).contains("suspend 4 of the 10 enrolments it owns in its scope (40 %)",
                "at most 10 % of the feed's current rows", "nothing written");
        assertThat(run.lines()).allMatch(LineResult::dryRun).extracting(LineResult::entity).containsExactly(
                "enrolment GRACE in CHEM101", "enrolment HEIDI in CHEM101", "enrolment IVAN in CHEM101",
                "enrolment JUDY in CHEM101");
        assertThat(f.site().dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch())
                .isEqualTo(before);
        assertThat(f.site().roleNames("frank", f.chem().contextId())).as("nothing of the file written either")
                .containsExactly("student");
        assertThat(Files.readString(run.reportFile())).contains("absent 1: SUSPENDED (would be) enrolment GRACE",
                "run REFUSED: the feed would suspend 4");

        RunResult allowed = f.site().engine().enrolments().asFullFeed(FeedScope.coursesInFile())
                .maxRemovals(RemovalLimit.atMost(4)).from(truncated).execute();
        assertThat(allowed).succeeded().hasSuspended(4);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void anEmptyFeedOrOneWithUnreadableLinesRemovesNothing(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "alice", "bob")).execute();

        RunResult empty = f.feed().onAbsent(EnrolDropAction.UNENROL).from(f.site().file("empty.csv", HEADER))
                .execute();
        RunResult blank = f.feed().onAbsent(EnrolDropAction.UNENROL).from(f.site().file("blank.csv", "")).execute();
        RunResult lostHeader = f.feed().onAbsent(EnrolDropAction.UNENROL)
                .from(f.site().file("noheader.csv", "add;student;ALICE;CHEM101;manual;;")).execute();
        RunResult unreadable = f.feed().onAbsent(EnrolDropAction.UNENROL).from(f.site().file("bad.csv", HEADER,
                "add;student;ALICE;CHEM101;manual;;", "add;student;;CHEM101;manual;;")).execute();

        assertThat(empty).succeeded().hasRemoved(0);
        assertThat(empty.notices()).anyMatch(n -> n.contains("an empty feed never removes anything"));
        assertThat(blank.status()).isEqualTo(RunStatus.FAILED);
        assertThat(lostHeader.status()).isEqualTo(RunStatus.FAILED);
        assertThat(unreadable).hasRemoved(0).hasFailed(1);
        assertThat(unreadable.notices()).anyMatch(n -> n.contains("1 line of the feed name no user or course"));
        assertThat(f.enrolled("bob")).isTrue();
        assertThat(f.status("bob")).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aRerunOfTheSameSnapshotWritesNothing(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        Path snapshot = f.snapshot("nightly.csv", "alice", "bob", "carol");
        f.feed().from(snapshot).execute();
        f.feed().from(f.snapshot("drop.csv", "alice", "bob")).execute();
        var before = f.site().dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch();
        Path again = f.snapshot("again.csv", "alice", "bob");

        RunResult rerun = f.site().later().enrolments().asFullFeed(FeedScope.coursesInFile()).from(again).execute();

        assertThat(rerun).succeeded().hasUnchanged(2).hasSuspended(0);
        assertThat(rerun.undoFile()).isNull();
        assertThat(rerun.notices()).anyMatch(n -> n.contains(
                "3 owned in the scope before the run, 1 of them no longer listed (1 already suspended)"));
        assertThat(f.site().dsl.selectFrom(MDL_USER_ENROLMENTS).orderBy(MDL_USER_ENROLMENTS.ID).fetch())
                .isEqualTo(before);
        assertThat(f.site().dsl.fetchCount(FeedTable.table())).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aDryRunListsTheWholeDifferenceAndWritesNothing(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "alice", "bob")).execute();
        int owned = f.site().dsl.fetchCount(FeedTable.table());

        RunResult dry = f.feed().dryRun().from(f.snapshot("next.csv", "alice", "carol")).execute();

        assertThat(dry).succeeded().hasCreated(1).hasUnchanged(1).hasSuspended(1);
        assertThat(dry.lines()).allMatch(LineResult::dryRun);
        assertThat(f.status("bob")).isZero();
        assertThat(f.enrolled("carol")).isFalse();
        assertThat(dry.undoFile()).isNull();
        assertThat(f.site().dsl.fetchCount(FeedTable.table())).isEqualTo(owned);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void scopesDecideWhichCoursesTheFeedIsTheTruthFor(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        long science = f.site().courses.category("Science", "SCI", 0);
        long labs = f.site().courses.category("Labs", "LABS", science);
        CourseFixture.Course phys = f.site().courses.create("PHYS201", "P201", science);
        CourseFixture.Course lab = f.site().courses.create("LAB1", "L1", labs);
        f.feed().from(f.site().file("first.csv", HEADER, "add;student;ALICE;CHEM101;manual;;",
                "add;student;ALICE;PHYS201;manual;;", "add;student;ALICE;LAB1;manual;;",
                "add;student;BOB;PHYS201;manual;;")).execute();
        Path onlyBob = f.site().file("bob.csv", HEADER, "add;student;BOB;PHYS201;manual;;");

        RunResult inFile = f.feed().from(onlyBob).execute();
        assertThat(inFile).succeeded().hasSuspended(1);
        assertThat(f.site().enrolment("alice", phys.manualId()).getStatus()).isEqualTo(1);
        assertThat(f.status("alice")).as("CHEM101 is not in the file").isZero();
        assertThat(f.site().enrolment("alice", lab.manualId()).getStatus()).isZero();

        RunResult category = f.site().engine().enrolments().asFullFeed(FeedScope.category("SCI"))
                .maxRemovals(RemovalLimit.NONE).from(onlyBob).execute();
        assertThat(category).succeeded().hasSuspended(1);
        assertThat(f.site().enrolment("alice", lab.manualId()).getStatus()).as("a subcategory's course").isEqualTo(1);
        assertThat(f.status("alice")).as("CHEM101 is in another category").isZero();

        RunResult site = f.site().engine().enrolments().asFullFeed(FeedScope.wholeSite())
                .maxRemovals(RemovalLimit.NONE).from(onlyBob).execute();
        assertThat(site).succeeded().hasSuspended(1);
        assertThat(f.status("alice")).isEqualTo(1);

        RunResult unknown = f.site().engine().enrolments().asFullFeed(FeedScope.category("NOPE")).from(onlyBob)
                .execute();
        assertThat(unknown.status()).isEqualTo(RunStatus.FAILED);
        assertThat(unknown.failure().message()).contains("no course category has idnumber NOPE");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void commandsBuiltInCodeRunAsAFullFeedToo(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "alice", "bob")).execute();

        RunResult run = f.feed().undoTo(dir.resolve("undo")).commands(List.of(
                EnrolCommand.builder().user("ALICE").course("CHEM101").role("student").build())).execute();

        assertThat(run).succeeded().hasUnchanged(1).hasSuspended(1);
        assertThat(run.undoFile()).hasParent(dir.resolve("undo"));
        assertThat(f.status("bob")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void withoutTheFeedTableTheRunSaysHowToCreateIt(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        s.users("alice");
        s.courses.create("CHEM101", "C101");

        RunResult run = s.engine().enrolments().asFullFeed(FeedScope.coursesInFile())
                .from(s.file("feed.csv", HEADER, "add;student;ALICE;CHEM101;manual;;")).execute();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.CONFIGURATION);
        assertThat(run.failure().message()).contains("moodle-sync feed-table --create");
        assertThat(s.dsl.fetchCount(MDL_USER_ENROLMENTS)).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_WITH_OTHER_PREFIX)
    void onASiteWithAnotherPrefixTheRecordsNameThatPrefix(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "alice", "bob")).execute();

        RunResult run = f.feed().from(f.snapshot("next.csv", "alice")).execute();

        assertThat(run).succeeded().hasSuspended(1);
        assertThat(f.status("bob")).isEqualTo(1);
        assertThat(f.site().dsl.select(FeedTable.PREFIX).from(FeedTable.table()).fetch(FeedTable.PREFIX))
                .containsOnly(TestDatabases.OTHER_PREFIX).hasSize(2);
    }
}
