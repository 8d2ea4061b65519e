package org.moodlesync.jooq.internal.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.core.testkit.SyncAssertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_FIELD;

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
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.feed.UserDropAction;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.UserSync;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.feed.FeedTable;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;

/**
 * Users files as full feeds of users, on H2, PostgreSQL and MariaDB: the users a feed owns in its scope (an auth
 * method, a profile field's value, the site) that it no longer lists are suspended (the undo file makes them active
 * again), deleted or kept — never more than its limit, never a user it did not list, an administrator or the guest.
 */
class UsersFullFeedTest {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String HEADER = "username;idnumber;firstname;lastname;email;auth";

    @TempDir
    Path dir;

    private SyncEngine engine(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build();
    }

    private UserSync feed(TestDatabase db, FeedScope scope) {
        return engine(db).users().asFullFeed(scope).maxRemovals(RemovalLimit.NONE);
    }

    private Path fileWith(String header, String name, String... lines) throws IOException {
        String[] all = new String[lines.length + 1];
        all[0] = header;
        System.arraycopy(lines, 0, all, 1, lines.length);
        return CommandFiles.write(dir, name, all);
    }

    private Path file(String name, String... lines) throws IOException {
        return fileWith(HEADER, name, lines);
    }

    private static String line(int n, String auth) {
        return "u" + n + ";E" + n + ";First" + n + ";Last" + n + ";u" + n + "@example.org;" + auth;
    }

    /** username → suspended, deleted, of the users that are neither the admin nor the guest. */
    private static List<String> users(DSLContext dsl) {
        return dsl.select(MDL_USER.USERNAME, MDL_USER.SUSPENDED, MDL_USER.DELETED).from(MDL_USER)
                .where(MDL_USER.USERNAME.notIn("admin", "guest")).and(MDL_USER.DELETED.eq((short) 0))
                .orderBy(MDL_USER.USERNAME)
                .fetch(r -> r.value1() + (r.value2() == 1 ? " suspended" : ""));
    }

    private static long deleted(DSLContext dsl) {
        return dsl.fetchCount(MDL_USER, MDL_USER.DELETED.eq((short) 1));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void suspendsWhoTheFeedNoLongerListsAndTheUndoFileMakesThemActive(TestDatabase db) throws IOException {
        FeedTable.create(db.moodle());
        RunResult first = feed(db, FeedScope.authMethod("manual"))
                .from(file("monday.csv", line(1, "manual"), line(2, "manual"), line(3, "manual"))).execute();
        assertThat(first).succeeded().hasCreated(3).hasSuspended(0);

        RunResult second = feed(db, FeedScope.authMethod("manual"))
                .from(file("tuesday.csv", line(1, "manual"), line(3, "manual"))).execute();

        assertThat(second).succeeded().hasSuspended(1).hasUnchanged(2);
        assertThat(second.lines().stream().filter(l -> l.line() == 0)).singleElement()
                .satisfies(l -> {
                    assertThat(l).isSuspended();
                    assertThat(l.entity()).contains("u2");
                });
        assertThat(users(db.dsl())).containsExactly("u1", "u2 suspended", "u3");
        assertThat(Files.readAllLines(second.undoFile()))
                .containsExactly("username;firstname;lastname;idnumber;suspended", "u2;First2;Last2;E2;0");

        RunResult rerun = feed(db, FeedScope.authMethod("manual"))
                .from(file("again.csv", line(1, "manual"), line(3, "manual"))).execute();
        assertThat(rerun).as("a suspended user is not suspended again").succeeded().hasSuspended(0)
                .hasUnchanged(2);
        assertThat(rerun.undoFile()).isNull();

        RunResult undo = engine(db).users().from(second.undoFile()).execute();

        assertThat(undo).succeeded().hasUpdated(1);
        assertThat(users(db.dsl())).containsExactly("u1", "u2", "u3");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void deletesAsMoodleDoesAndSaysTheUndoFileCannotPutThemBack(TestDatabase db) throws IOException {
        FeedTable.create(db.moodle());
        feed(db, FeedScope.wholeSite()).from(file("first.csv", line(1, "manual"), line(2, "manual"),
                line(3, "manual"))).execute();

        RunResult run = feed(db, FeedScope.wholeSite()).onAbsent(UserDropAction.DELETE)
                .from(file("next.csv", line(1, "manual"))).execute();

        assertThat(run).succeeded().hasRemoved(2);
        assertThat(users(db.dsl())).containsExactly("u1");
        assertThat(deleted(db.dsl())).isEqualTo(2);
        assertThat(run.notices()).anyMatch(n -> n.contains("deleted users cannot be put back"));
        assertThat(run.undoFile() == null ? List.of() : Files.readAllLines(run.undoFile()).subList(1,
                Files.readAllLines(run.undoFile()).size())).isEmpty();
        assertThat(db.dsl().fetchCount(FeedTable.table(), FeedTable.KIND.eq("user")))
                .as("the records of deleted users are forgotten").isEqualTo(1);
        assertThat(users(db.dsl())).doesNotContain("admin", "guest");
        assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.in("admin", "guest")
                .and(MDL_USER.DELETED.eq((short) 0)).and(MDL_USER.SUSPENDED.eq((short) 0))))
                .as("the site scope never reaches the admin or the guest").isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void anAuthScopeLeavesOtherMethodsAndHandMadeUsersAlone(TestDatabase db) throws IOException {
        FeedTable.create(db.moodle());
        feed(db, FeedScope.authMethod("ldap")).from(file("first.csv", line(1, "ldap"), line(2, "ldap"),
                line(3, "manual"))).execute();
        engine(db).users().from(file("hand.csv", line(4, "ldap"))).execute();

        RunResult run = feed(db, FeedScope.authMethod("ldap")).from(file("next.csv", line(1, "ldap"))).execute();

        assertThat(run).succeeded().hasSuspended(1);
        assertThat(users(db.dsl())).as("u3 is manual, u4 was made by hand").containsExactly("u1", "u2 suspended",
                "u3", "u4");
        assertThat(run.notices()).anyMatch(n -> n.contains("full feed default (auth:ldap, users): 2 owned"));

        RunResult other = feed(db, FeedScope.authMethod("ldap")).feedName("other")
                .from(file("other.csv", line(4, "ldap"))).execute();
        assertThat(other).as("a feed owns only what it listed").succeeded().hasSuspended(0);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aProfileFieldValueIsAScope(TestDatabase db) throws IOException {
        FeedTable.create(db.moodle());
        db.dsl().insertInto(MDL_USER_INFO_FIELD).set(MDL_USER_INFO_FIELD.SHORTNAME, "source")
                .set(MDL_USER_INFO_FIELD.NAME, "Source").set(MDL_USER_INFO_FIELD.DATATYPE, "text")
                .set(MDL_USER_INFO_FIELD.PARAM1, "30").set(MDL_USER_INFO_FIELD.PARAM2, "255").execute();
        String header = HEADER + ";profile_field_source";
        FeedScope hr = FeedScope.parse("profile:source=hr");
        feed(db, hr).from(fileWith(header, "first.csv", line(1, "manual") + ";hr", line(2, "manual") + ";hr",
                line(3, "manual") + ";sis")).execute();
        // u3 is listed, but not in the scope: the feed does not own it
        RunResult run = feed(db, hr).from(fileWith(header, "next.csv", line(1, "manual") + ";hr")).execute();

        assertThat(run).succeeded().hasSuspended(1);
        assertThat(users(db.dsl())).containsExactly("u1", "u2 suspended", "u3");
        RunResult unknown = feed(db, FeedScope.profileField("nosuch", "x")).from(file("bad.csv", line(1, "manual")))
                .execute();
        assertThat(unknown.failure().message()).contains("no custom profile field has shortname nosuch");
        assertThat(users(db.dsl())).as("nothing written").containsExactly("u1", "u2 suspended", "u3");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void theLimitRefusesBeforeWritingAndEmptyOrUnreadableFeedsRemoveNothing(TestDatabase db) throws IOException {
        FeedTable.create(db.moodle());
        feed(db, FeedScope.wholeSite()).from(file("first.csv", line(1, "manual"), line(2, "manual"),
                line(3, "manual"), line(4, "manual"))).execute();
        var before = db.dsl().selectFrom(MDL_USER).orderBy(MDL_USER.ID).fetch();

        RunResult refused = engine(db).users().asFullFeed(FeedScope.wholeSite())
                .from(file("truncated.csv", line(1, "manual"), line(5, "manual"))).execute();

        assertThat(refused).wasRefused().hasSuspended(3);
        assertThat(refused.failure().kind()).isEqualTo(RunFailure.Kind.REMOVAL_LIMIT);
        assertThat(refused.failure().message()).contains("suspend 3 of the 4 users it owns");
        assertThat(refused.lines()).allMatch(LineResult::dryRun);
        assertThat(db.dsl().selectFrom(MDL_USER).orderBy(MDL_USER.ID).fetch()).as("u5 not created either")
                .isEqualTo(before);

        assertThat(feed(db, FeedScope.wholeSite()).from(file("empty.csv")).execute()).succeeded()
                .hasSuspended(0);
        RunResult unreadable = feed(db, FeedScope.wholeSite())
                .from(file("nokey.csv", line(1, "manual"), ";;Nobody;Known;x@example.org;manual")).execute();
        assertThat(unreadable).hasSuspended(0);
        assertThat(unreadable.notices()).anyMatch(n -> n.contains("nothing removed this run"));
        assertThat(feed(db, FeedScope.wholeSite()).onAbsent(UserDropAction.KEEP)
                .from(file("keep.csv", line(1, "manual"))).execute()).succeeded().hasSuspended(0);
        assertThat(db.dsl().selectFrom(MDL_USER).orderBy(MDL_USER.ID).fetch()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aLineWithoutTheIdentifierIsMatchedByItsUsername(TestDatabase db) throws IOException {
        FeedTable.create(db.moodle());
        feed(db, FeedScope.wholeSite()).from(file("first.csv", line(1, "manual"), line(2, "manual"))).execute();

        RunResult run = feed(db, FeedScope.wholeSite())
                .from(file("next.csv", line(1, "manual"), "u2;;First2;Last2;u2@example.org;manual")).execute();

        assertThat(run).succeeded().hasSuspended(0);
        assertThat(users(db.dsl())).containsExactly("u1", "u2");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5)
    void aCourseScopeIsNotAUserScope(TestDatabase db) {
        assertThatThrownBy(() -> engine(db).users().asFullFeed(FeedScope.coursesInFile()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auth:METHOD");
        assertThatThrownBy(() -> engine(db).userSuspends().asFullFeed(FeedScope.wholeSite()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users file");
    }
}
