package org.moodlesync.jooq.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.core.testkit.SyncAssertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.command.group.GroupKey;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.feed.FeedOwnership;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.MemberDropAction;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.GroupMemberSync;
import org.moodlesync.jooq.feed.FeedTable;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;

/**
 * Group members files as full feeds, end to end on H2, PostgreSQL and MariaDB: the members a feed no longer lists
 * leave their group — only the manual memberships it owns, in its scope, within its removal limit, never from an
 * empty or unreadable feed; the undo file adds them back; a rerun writes nothing.
 */
class GroupMembersFullFeedTest {

    static final String HEADER = "cmd;courseid;groupid;userid";

    @TempDir
    Path dir;

    /** CHEM101 with groups Lab A, Lab B; PHYS201 with Lab A; alice…frank enrolled in both. */
    private Fixture fixture(TestDatabase db) throws IOException {
        EnrolTestSite s = new EnrolTestSite(db, dir);
        FeedTable.create(db.moodle());
        String[] users = {"alice", "bob", "carol", "dave", "erin", "frank"};
        s.users(users);
        CourseFixture.Course chem = s.courses.create("CHEM101", "C101");
        CourseFixture.Course phys = s.courses.create("PHYS201", "P201");
        s.engine().groups().from(s.file("g.csv", "courseid;name;idnumber",
                "CHEM101;Lab A;A", "CHEM101;Lab B;B", "PHYS201;Lab A;PA")).execute();
        List<String> enrol = new ArrayList<>(List.of("uid;cid"));
        for (String u : users) {
            enrol.add(u.toUpperCase() + ";CHEM101");
            enrol.add(u.toUpperCase() + ";PHYS201");
        }
        assertThat(s.engine().enrolments().from(s.file("e.csv", enrol.toArray(String[]::new))).execute())
                .succeeded();
        return new Fixture(s, chem, phys);
    }

    private record Fixture(EnrolTestSite site, CourseFixture.Course chem, CourseFixture.Course phys) {
        GroupMemberSync feed(FeedScope scope) {
            return site.engine().groupMembers().asFullFeed(scope).maxRemovals(RemovalLimit.NONE);
        }

        GroupMemberSync feed() {
            return feed(FeedScope.groupsInFile());
        }

        /** A snapshot: each entry "COURSE;Group;user". */
        Path snapshot(String name, String... members) throws IOException {
            String[] lines = new String[members.length + 1];
            lines[0] = HEADER;
            for (int i = 0; i < members.length; i++) {
                String[] m = members[i].split(";");
                lines[i + 1] = "add;" + m[0] + ";" + m[1] + ";" + m[2].toUpperCase();
            }
            return site.file(name, lines);
        }

        java.util.Set<String> chemGroups(String user) {
            return site.groupsOf(user, chem.id());
        }

        java.util.Set<String> physGroups(String user) {
            return site.groupsOf(user, phys.id());
        }

        org.jooq.Result<?> memberships() {
            return site.dsl.selectFrom(MDL_GROUPS_MEMBERS).orderBy(MDL_GROUPS_MEMBERS.ID).fetch();
        }
    }

    private static List<LineResult> removals(RunResult run) {
        return run.lines().stream().filter(l -> l.line() == 0).toList();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void removesWhoTheFeedNoLongerListsAndTheUndoFileAddsThemBack(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        RunResult first = f.feed().from(f.snapshot("monday.csv", "CHEM101;Lab A;alice", "CHEM101;Lab A;bob",
                "CHEM101;Lab B;carol")).execute();
        assertThat(first).succeeded().hasCreated(3).hasRemoved(0);

        RunResult second = f.feed().from(f.snapshot("tuesday.csv", "CHEM101;Lab A;alice",
                "CHEM101;Lab B;carol")).execute();

        assertThat(second).succeeded().hasUnchanged(2).hasRemoved(1);
        assertThat(second.counts().read()).isEqualTo(2);
        assertThat(removals(second)).singleElement().satisfies(l -> {
            assertThat(l).isRemoved();
            assertThat(l.entity()).isEqualTo("member BOB of Lab A in CHEM101");
        });
        assertThat(f.chemGroups("bob")).isEmpty();
        assertThat(f.site().enrolment("bob", f.chem().manualId())).as("leaving a group is not an unenrolment")
                .isNotNull();
        assertThat(Files.readAllLines(second.undoFile())).containsExactly(HEADER, "add;CHEM101;Lab A;BOB");
        assertThat(second.notices()).anyMatch(n -> n.startsWith("undo file: ") && n.contains("group members"));

        RunResult undo = f.site().engine().groupMembers().from(second.undoFile()).execute();

        assertThat(undo).succeeded().hasCreated(1);
        assertThat(f.chemGroups("bob")).containsExactly("Lab A");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void groupsInFileSpareTheGroupsTheFileDoesNotNameAndCoursesInFileDoNot(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "CHEM101;Lab A;alice", "CHEM101;Lab B;bob", "PHYS201;Lab A;carol"))
                .execute();
        Path onlyLabA = f.snapshot("laba.csv", "CHEM101;Lab A;alice");

        RunResult groups = f.feed().from(onlyLabA).execute();
        assertThat(groups).succeeded().hasRemoved(0);
        assertThat(f.chemGroups("bob")).as("Lab B is not in the file").containsExactly("Lab B");

        RunResult courses = f.feed(FeedScope.coursesInFile()).from(onlyLabA).execute();
        assertThat(courses).succeeded().hasRemoved(1);
        assertThat(f.chemGroups("bob")).as("Lab B is a group of CHEM101").isEmpty();
        assertThat(f.physGroups("carol")).as("PHYS201 is not in the file").containsExactly("Lab A");

        RunResult site = f.feed(FeedScope.wholeSite()).from(onlyLabA).execute();
        assertThat(site).succeeded().hasRemoved(1);
        assertThat(f.physGroups("carol")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void onlyTheManualMembershipsTheFeedOwnsAreEverRemoved(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "CHEM101;Lab A;alice", "CHEM101;Lab A;bob")).execute();
        // carol joins by hand, dave through a plugin (enrol_cohort's own memberships), erin through another feed
        f.site().engine().groupMembers().from(f.snapshot("hand.csv", "CHEM101;Lab A;carol")).execute();
        long labA = f.site().groupId(f.chem().id(), "Lab A");
        f.site().dsl.insertInto(MDL_GROUPS_MEMBERS, MDL_GROUPS_MEMBERS.GROUPID, MDL_GROUPS_MEMBERS.USERID,
                        MDL_GROUPS_MEMBERS.TIMEADDED, MDL_GROUPS_MEMBERS.COMPONENT, MDL_GROUPS_MEMBERS.ITEMID)
                .values(labA, f.site().userId("dave"), EnrolTestSite.NOW, "enrol_cohort", 7L).execute();
        f.site().engine().groupMembers().asFullFeed(FeedScope.groupsInFile()).feedName("hr")
                .from(f.snapshot("hr.csv", "CHEM101;Lab A;erin")).execute();

        RunResult run = f.feed().from(f.snapshot("next.csv", "CHEM101;Lab A;alice")).execute();

        assertThat(run).succeeded().hasRemoved(1);
        assertThat(f.chemGroups("bob")).isEmpty();
        assertThat(f.chemGroups("carol")).as("added by hand").containsExactly("Lab A");
        assertThat(f.chemGroups("dave")).as("a plugin's").containsExactly("Lab A");
        assertThat(f.chemGroups("erin")).as("another feed's").containsExactly("Lab A");
        assertThat(run.notices()).anyMatch(n -> n.contains("2 owned in the scope before the run, 1 of them no longer"));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aFeedOverItsRemovalLimitIsRefusedBeforeItWritesAnything(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "CHEM101;Lab A;alice", "CHEM101;Lab A;bob", "CHEM101;Lab A;carol",
                "CHEM101;Lab B;dave")).execute();
        var before = f.memberships();

        RunResult run = f.site().engine().groupMembers().asFullFeed(FeedScope.groupsInFile())
                .reportTo(dir.resolve("reports"))
                .from(f.snapshot("truncated.csv", "CHEM101;Lab A;alice", "CHEM101;Lab B;dave", "CHEM101;Lab B;erin"))
                .execute();

        assertThat(run).wasRefused().hasRemoved(2);
        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.REMOVAL_LIMIT);
        assertThat(run.failure().message()).contains("remove 2 of the 4 group members it owns in its scope (50 %)",
                "nothing written", "--max-removals");
        assertThat(run.lines()).allMatch(LineResult::dryRun).extracting(LineResult::entity)
                .containsExactlyInAnyOrder("member BOB of Lab A in CHEM101", "member CAROL of Lab A in CHEM101");
        assertThat(f.memberships()).isEqualTo(before);
        assertThat(f.chemGroups("erin")).as("nothing of the file written either").isEmpty();

        RunResult allowed = f.site().engine().groupMembers().asFullFeed(FeedScope.groupsInFile())
                .maxRemovals(RemovalLimit.atMostShare(0.5))
                .from(dir.resolve("truncated.csv")).execute();
        assertThat(allowed).succeeded().hasRemoved(2).hasCreated(1);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void anEmptyFeedOrOneWithUnreadableLinesRemovesNothingAndKeepKeeps(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "CHEM101;Lab A;alice", "CHEM101;Lab A;bob")).execute();

        RunResult empty = f.feed().from(f.site().file("empty.csv", HEADER)).execute();
        RunResult unreadable = f.feed().from(f.site().file("bad.csv", HEADER, "add;CHEM101;Lab A;ALICE",
                "add;CHEM101;Lab A;")).execute();
        RunResult keep = f.feed().onAbsent(MemberDropAction.KEEP).from(f.snapshot("keep.csv", "CHEM101;Lab A;alice"))
                .execute();

        assertThat(empty).succeeded().hasRemoved(0);
        assertThat(empty.notices()).anyMatch(n -> n.contains("an empty feed never removes anything"));
        assertThat(unreadable).hasRemoved(0).hasFailed(1);
        assertThat(unreadable.notices()).anyMatch(n -> n.contains("1 line of the feed name no course, group or user"));
        assertThat(keep).succeeded().hasRemoved(0);
        assertThat(keep.notices()).anyMatch(n -> n.contains("1 group members no longer listed kept"));
        assertThat(f.chemGroups("bob")).containsExactly("Lab A");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aRerunWritesNothingAndADryRunOnlyTells(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "CHEM101;Lab A;alice", "CHEM101;Lab A;bob")).execute();
        f.feed().from(f.snapshot("second.csv", "CHEM101;Lab A;alice")).execute();
        var before = f.memberships();
        int owned = f.site().dsl.fetchCount(FeedTable.table());
        assertThat(owned).as("the removed membership's record is gone").isEqualTo(1);

        RunResult rerun = f.site().later().groupMembers().asFullFeed(FeedScope.groupsInFile())
                .from(f.snapshot("again.csv", "CHEM101;Lab A;alice")).execute();
        RunResult dry = f.feed().dryRun().from(f.snapshot("dry.csv", "CHEM101;Lab A;carol")).execute();

        assertThat(rerun).succeeded().hasUnchanged(1).hasRemoved(0);
        assertThat(rerun.undoFile()).isNull();
        assertThat(dry).succeeded().hasCreated(1).hasRemoved(1);
        assertThat(dry.lines()).allMatch(LineResult::dryRun);
        assertThat(dry.undoFile()).isNull();
        assertThat(f.memberships()).isEqualTo(before);
        assertThat(f.site().dsl.fetchCount(FeedTable.table())).isEqualTo(owned);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void groupsNamedByIdNeedNoCourseAndCommandsInCodeAreFeedsToo(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        String labA = Long.toString(f.site().groupId(f.chem().id(), "Lab A"));
        String physA = Long.toString(f.site().groupId(f.phys().id(), "Lab A"));
        f.feed().identifyGroupsBy(GroupKey.ID).from(f.site().file("ids.csv", "groupid;userid",
                labA + ";ALICE", labA + ";BOB", physA + ";CAROL")).execute();

        RunResult run = f.feed().identifyGroupsBy(GroupKey.ID).from(f.site().file("ids2.csv", "groupid;userid",
                labA + ";ALICE", physA + ";CAROL")).execute();

        assertThat(run).succeeded().hasRemoved(1);
        assertThat(f.chemGroups("bob")).isEmpty();
        assertThat(Files.readAllLines(run.undoFile())).containsExactly(HEADER, "add;;" + labA + ";BOB");

        RunResult code = f.feed().identifyGroupsBy(GroupKey.ID).undoTo(dir.resolve("undo"))
                .commands(List.of(GroupMemberCommand.add(null, labA, "ALICE"))).execute();
        assertThat(code).succeeded().hasRemoved(0).hasUnchanged(1);
        assertThat(f.physGroups("carol")).as("its group is not named").containsExactly("Lab A");
        RunResult codeDrop = f.feed().identifyGroupsBy(GroupKey.ID).undoTo(dir.resolve("undo"))
                .commands(List.of(GroupMemberCommand.add(null, physA, "DAVE"))).execute();
        assertThat(codeDrop).succeeded().hasRemoved(1).hasCreated(1);
        assertThat(f.physGroups("carol")).isEmpty();
        assertThat(codeDrop.undoFile()).hasParent(dir.resolve("undo"));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aMemberUnenrolledByHandIsNotTheFeedsAnyMore(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        f.feed().from(f.snapshot("first.csv", "CHEM101;Lab A;alice", "CHEM101;Lab A;bob")).execute();
        f.site().engine().enrolments().from(f.site().file("unenrol.csv", "cmd;uid;cid", "del;BOB;CHEM101"))
                .execute();
        assertThat(f.chemGroups("bob")).as("Moodle's unenrol removes the memberships").isEmpty();

        RunResult run = f.feed().from(f.snapshot("next.csv", "CHEM101;Lab A;alice", "CHEM101;Lab A;carol"))
                .execute();

        assertThat(run).succeeded().hasRemoved(0).hasCreated(1);
        assertThat(run.notices()).anyMatch(n -> n.contains("1 owned in the scope before the run, 0 of them"));
        RunResult later = f.feed().from(f.snapshot("later.csv", "CHEM101;Lab A;carol")).execute();
        assertThat(later).succeeded().hasRemoved(1);
        assertThat(f.site().dsl.fetchCount(FeedTable.table(), FeedTable.KIND.eq(FeedOwnership.GROUP_MEMBER)))
                .as("the records of alice's membership and of bob's, gone by hand, are forgotten").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aGroupsScopeIsNotAnEnrolmentScope(TestDatabase db) throws IOException {
        Fixture f = fixture(db);
        assertThatThrownBy(() -> f.site().engine().enrolments().asFullFeed(FeedScope.groupsInFile()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group member feeds");
    }
}
