package org.moodlesync.jooq.internal.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_SESSIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.jooq.impl.DSL;

/** Delete, suspend, revive and rename, through the users file and tool_sync's separate files. */
class UserLifecycleTest {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String HEADER = "username;idnumber;firstname;lastname;email;password";

    @TempDir
    Path dir;

    private SyncEngine engine(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build();
    }

    private Path file(String name, String... lines) throws IOException {
        return CommandFiles.write(dir, name, lines);
    }

    private static MdlUserRecord byId(DSLContext dsl, long id) {
        return SiteRows.fetchOne(dsl, dsl.select(DSL.asterisk()).from(MDL_USER).where(MDL_USER.ID.eq(id)), MDL_USER);
    }

    private long createJane(TestDatabase db) throws IOException {
        engine(db).users().from(file("create.csv", HEADER, "jdoe;E001;Jane;Doe;jane@example.org;Pw#1secret"))
                .execute();
        return db.dsl().select(MDL_USER.ID).from(MDL_USER).where(MDL_USER.USERNAME.eq("jdoe")).fetchOne().value1();
    }

    /** Rows a user gathers in a real Moodle: enrolment, roles, group, cohort, preference, profile data, session, icon. */
    private static long attachEverything(DSLContext dsl, long userId) {
        long ctx = dsl.select(MDL_CONTEXT.ID).from(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L))
                .and(MDL_CONTEXT.INSTANCEID.eq(userId)).fetchOne().value1();
        dsl.insertInto(MDL_USER_ENROLMENTS).set(MDL_USER_ENROLMENTS.ENROLID, 1L)
                .set(MDL_USER_ENROLMENTS.USERID, userId).execute();
        dsl.insertInto(MDL_ROLE_ASSIGNMENTS).set(MDL_ROLE_ASSIGNMENTS.ROLEID, 5L)
                .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, 2L).set(MDL_ROLE_ASSIGNMENTS.USERID, userId).execute();
        dsl.insertInto(MDL_ROLE_ASSIGNMENTS).set(MDL_ROLE_ASSIGNMENTS.ROLEID, 1L)
                .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, ctx).set(MDL_ROLE_ASSIGNMENTS.USERID, 2L).execute();
        dsl.insertInto(MDL_GROUPS_MEMBERS).set(MDL_GROUPS_MEMBERS.GROUPID, 7L)
                .set(MDL_GROUPS_MEMBERS.USERID, userId).execute();
        dsl.insertInto(MDL_COHORT_MEMBERS).set(MDL_COHORT_MEMBERS.COHORTID, 3L)
                .set(MDL_COHORT_MEMBERS.USERID, userId).execute();
        dsl.insertInto(MDL_USER_PREFERENCES).set(MDL_USER_PREFERENCES.USERID, userId)
                .set(MDL_USER_PREFERENCES.NAME, "x").set(MDL_USER_PREFERENCES.VALUE, "y").execute();
        dsl.insertInto(MDL_USER_INFO_DATA).set(MDL_USER_INFO_DATA.USERID, userId)
                .set(MDL_USER_INFO_DATA.FIELDID, 1L).set(MDL_USER_INFO_DATA.DATA, "z").execute();
        dsl.insertInto(MDL_SESSIONS).set(MDL_SESSIONS.SID, "sid-" + userId).set(MDL_SESSIONS.USERID, userId)
                .set(MDL_SESSIONS.TIMECREATED, NOW).set(MDL_SESSIONS.TIMEMODIFIED, NOW).execute();
        dsl.insertInto(MDL_FILES).set(MDL_FILES.CONTENTHASH, "da39a3ee5e6b4b0d3255bfef95601890afd80709")
                .set(MDL_FILES.PATHNAMEHASH, "p-" + userId).set(MDL_FILES.CONTEXTID, ctx)
                .set(MDL_FILES.COMPONENT, "user").set(MDL_FILES.FILEAREA, "icon").set(MDL_FILES.ITEMID, 0L)
                .set(MDL_FILES.FILEPATH, "/").set(MDL_FILES.FILENAME, ".").set(MDL_FILES.FILESIZE, 0L)
                .set(MDL_FILES.TIMECREATED, NOW).set(MDL_FILES.TIMEMODIFIED, NOW).execute();
        return ctx;
    }

    private static int rowsOf(DSLContext dsl, Table<?> table, org.jooq.Field<Long> userColumn, long userId) {
        return dsl.fetchCount(table, userColumn.eq(userId));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void deleteColumnDeletesAsMoodleDoes(TestDatabase db) throws IOException {
        long id = createJane(db);
        DSLContext dsl = db.dsl();
        long ctx = attachEverything(dsl, id);

        RunResult run = engine(db).users().from(file("del.csv", HEADER + ";deleted",
                "jdoe;E001;Jane;Doe;jane@example.org;;1")).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.DELETED);
        MdlUserRecord u = byId(dsl, id);
        assertThat(u.getDeleted().intValue()).isEqualTo(1);
        assertThat(u.getUsername()).isEqualTo("jane@example.org." + NOW);
        assertThat(u.getEmail()).isEqualTo(UserLookup.usernameHash("jdoe"));
        assertThat(u.getIdnumber()).isEmpty();
        assertThat(u.getPicture()).isZero();
        assertThat(u.getPassword()).as("kept, as Moodle keeps it").startsWith("$6$");
        assertThat(rowsOf(dsl, MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.USERID, id)).isZero();
        assertThat(rowsOf(dsl, MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.USERID, id)).isZero();
        assertThat(dsl.fetchCount(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(ctx))).isZero();
        assertThat(rowsOf(dsl, MDL_GROUPS_MEMBERS, MDL_GROUPS_MEMBERS.USERID, id)).isZero();
        assertThat(rowsOf(dsl, MDL_COHORT_MEMBERS, MDL_COHORT_MEMBERS.USERID, id)).isZero();
        assertThat(rowsOf(dsl, MDL_USER_PREFERENCES, MDL_USER_PREFERENCES.USERID, id)).isZero();
        assertThat(rowsOf(dsl, MDL_USER_INFO_DATA, MDL_USER_INFO_DATA.USERID, id)).isZero();
        assertThat(rowsOf(dsl, MDL_SESSIONS, MDL_SESSIONS.USERID, id)).isZero();
        assertThat(dsl.fetchCount(MDL_FILES, MDL_FILES.CONTEXTID.eq(ctx))).isZero();
        assertThat(dsl.fetchCount(MDL_CONTEXT, MDL_CONTEXT.ID.eq(ctx))).as("the user context stays").isEqualTo(1);
        assertThat(dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtyusers")
                .and(MDL_CACHE_FLAGS.NAME.eq(Long.toString(id))))).isEqualTo(1);

        RunResult again = engine(db).userDeletes().from(file("userdelete.csv", "username;idnumber", "jdoe;E001"))
                .execute();
        assertThat(again.lines().get(0).outcome()).as("already deleted").isEqualTo(Outcome.UNCHANGED);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void deletedZeroDoesNothingSpecial(TestDatabase db) throws IOException {
        long id = createJane(db);
        RunResult run = engine(db).users().from(file("d0.csv", HEADER + ";deleted",
                "jdoe;E001;Jane;Doe;jane@example.org;Pw#1secret;0")).execute();
        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(byId(db.dsl(), id).getDeleted().intValue()).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void theDeleteFileDeletesSkipsUnknownsAndRefusesProtectedAccounts(TestDatabase db) throws IOException {
        long id = createJane(db);
        RunResult run = engine(db).userDeletes().from(file("userdelete.csv", "username;idnumber",
                "jdoe;E001", "ghost;E404", "admin;", "guest;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.DELETED, Outcome.SKIPPED, Outcome.FAILED, Outcome.FAILED);
        assertThat(run.lines().get(2).error().reason()).contains("site administrator");
        assertThat(run.lines().get(3).error().reason()).contains("guest");
        assertThat(byId(db.dsl(), id).getDeleted().intValue()).isEqualTo(1);
        assertThat(byId(db.dsl(), 2).getDeleted().intValue()).isZero();
        assertThat(byId(db.dsl(), 1).getDeleted().intValue()).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aDryRunDeleteWritesNothing(TestDatabase db) throws IOException {
        long id = createJane(db);
        attachEverything(db.dsl(), id);
        RunResult run = engine(db).userDeletes().dryRun().from(file("userdelete.csv", "username;idnumber",
                "jdoe;E001")).execute();
        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.DELETED);
        assertThat(run.lines().get(0).dryRun()).isTrue();
        assertThat(byId(db.dsl(), id).getDeleted().intValue()).isZero();
        assertThat(rowsOf(db.dsl(), MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.USERID, id)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void theSuspendFileSuspendsAndEndsSessions(TestDatabase db) throws IOException {
        long id = createJane(db);
        attachEverything(db.dsl(), id);
        Path f = file("usersuspend.csv", "username;idnumber", "jdoe;E001", "admin;");

        RunResult run = engine(db).userSuspends().from(f).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.UPDATED, Outcome.FAILED);
        assertThat(byId(db.dsl(), id).getSuspended().intValue()).isEqualTo(1);
        assertThat(rowsOf(db.dsl(), MDL_SESSIONS, MDL_SESSIONS.USERID, id)).isZero();
        assertThat(rowsOf(db.dsl(), MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.USERID, id))
                .as("suspension keeps enrolments").isEqualTo(1);
        assertThat(engine(db).userSuspends().from(f).execute().lines().get(0).outcome())
                .isEqualTo(Outcome.UNCHANGED);

        RunResult back = engine(db).users().from(file("u.csv", "username;idnumber;firstname;lastname;suspended",
                "jdoe;E001;Jane;Doe;0")).execute();
        assertThat(back.lines().get(0).changes()).extracting(c -> c.field()).containsExactly("suspended");
        assertThat(byId(db.dsl(), id).getSuspended().intValue()).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aDeletedUserIsRevivedByALineWithItsUsername(TestDatabase db) throws IOException {
        long id = createJane(db);
        engine(db).userDeletes().from(file("userdelete.csv", "username;idnumber", "jdoe;E001")).execute();

        RunResult run = engine(db).users().from(file("again.csv", HEADER,
                "jdoe;E001;Jane;Doe;jane@example.org;Pw#1secret")).execute();

        LineResult line = run.lines().get(0);
        assertThat(line.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(line.messages()).anyMatch(m -> m.contains("revived") && m.contains("not restored"));
        MdlUserRecord u = byId(db.dsl(), id);
        assertThat(u.getDeleted().intValue()).isZero();
        assertThat(u.getUsername()).isEqualTo("jdoe");
        assertThat(u.getEmail()).isEqualTo("jane@example.org");
        assertThat(u.getIdnumber()).isEqualTo("E001");
        assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.eq("jdoe"))).isEqualTo(1);
        assertThat(engine(db).users().from(file("again.csv", HEADER,
                "jdoe;E001;Jane;Doe;jane@example.org;Pw#1secret")).execute().lines().get(0).outcome())
                .isEqualTo(Outcome.UNCHANGED);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void renamesNeedTheOptionAndHonourDryRun(TestDatabase db) throws IOException {
        long id = createJane(db);
        Path f = file("rename.csv", "oldusername;username;idnumber;firstname;lastname",
                "jdoe;jane.doe;E001;Jane;Doe");

        assertThat(engine(db).users().from(f).execute().lines().get(0).error().reason())
                .contains("renames are not allowed");
        RunResult dry = engine(db).users().allowRename(true).dryRun().from(f).execute();
        assertThat(dry.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(dry.lines().get(0).messages()).contains("user renamed: jdoe -> jane.doe");
        assertThat(byId(db.dsl(), id).getUsername()).isEqualTo("jdoe");

        RunResult run = engine(db).users().allowRename(true).from(f).execute();
        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(run.lines().get(0).changes()).extracting(Object::toString).containsExactly("username: jdoe -> jane.doe");
        assertThat(run.lines().get(0).messages()).contains("user renamed: jdoe -> jane.doe");
        assertThat(byId(db.dsl(), id).getUsername()).isEqualTo("jane.doe");

        RunResult rerun = engine(db).users().allowRename(true).from(f).execute();
        assertThat(rerun.lines().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(rerun.lines().get(0).messages()).isEmpty();
    }
}
