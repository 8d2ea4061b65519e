package org.moodlesync.jooq.internal.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_FIELD;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.jooq.impl.DSL;

/** The users file end to end (file → engine → jOOQ writer → rows) on H2, PostgreSQL and MariaDB. */
class UsersFileTest {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SyncEngine engine(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build();
    }

    private Path file(String name, String... lines) throws IOException {
        return CommandFiles.write(dir, name, lines);
    }

    private static MdlUserRecord user(DSLContext dsl, String username) {
        return SiteRows.fetchOne(dsl, dsl.select(DSL.asterisk()).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)), MDL_USER);
    }

    private static String passwordOf(TestDatabase db, String username) {
        return user(db.dsl(), username).getPassword();
    }

    static final String HEADER = "username;idnumber;firstname;lastname;email;password;city;country;lang";

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void createsUsersWithTheRowsMoodleWrites(TestDatabase db) throws IOException {
        Path f = file("userimport.csv", HEADER,
                "JDoe;E001;Jane;Doe;jane@example.org;Pw#1secret;Lyon;fr;fr_utf8",
                "bsmith;E002;Bob;Smith;bob@example.org;;;;");

        RunResult run = engine(db).users().from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.counts().created()).isEqualTo(2);
        DSLContext dsl = db.dsl();
        MdlUserRecord jane = user(dsl, "jdoe");
        assertThat(jane).as("username lower-cased").isNotNull();
        assertThat(jane.getIdnumber()).isEqualTo("E001");
        assertThat(jane.getConfirmed().intValue()).isEqualTo(1);
        assertThat(jane.getMnethostid()).isEqualTo(1L);
        assertThat(jane.getAuth()).isEqualTo("manual");
        assertThat(jane.getCountry()).isEqualTo("FR");
        assertThat(jane.getLang()).isEqualTo("fr");
        assertThat(jane.getCity()).isEqualTo("Lyon");
        assertThat(jane.getTimecreated()).isEqualTo(NOW);
        assertThat(jane.getTimemodified()).isEqualTo(NOW);
        assertThat(jane.getPassword()).startsWith("$6$rounds=10000$").hasSize(119);
        assertThat(MoodlePasswordHasher.matches("Pw#1secret", jane.getPassword())).isTrue();
        var ctx = dsl.selectFrom(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L))
                .and(MDL_CONTEXT.INSTANCEID.eq(jane.getId())).fetchOne();
        assertThat(ctx.getPath()).isEqualTo("/1/" + ctx.getId());
        assertThat(ctx.getDepth().intValue()).isEqualTo(2);
        assertThat(prefs(dsl, jane.getId())).containsEntry("auth_manual_passwordupdatetime", Long.toString(NOW));

        MdlUserRecord bob = user(dsl, "bsmith");
        assertThat(bob.getPassword()).isEqualTo("to be generated");
        assertThat(prefs(dsl, bob.getId())).containsEntry("create_password", "1")
                .containsEntry("auth_forcepasswordchange", "1");
        assertThat(dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("userpreferenceschanged")
                .and(MDL_CACHE_FLAGS.NAME.eq(bob.getId().toString())))).isEqualTo(1);
        assertThat(run.reportFile()).exists();
        assertThat(Files.readString(run.reportFile())).doesNotContain("Pw#1secret");
        assertThat(run.trybackFile()).isNull();
    }

    private static Map<String, String> prefs(DSLContext dsl, long userId) {
        return dsl.select(MDL_USER_PREFERENCES.NAME, MDL_USER_PREFERENCES.VALUE).from(MDL_USER_PREFERENCES)
                .where(MDL_USER_PREFERENCES.USERID.eq(userId)).fetchMap(MDL_USER_PREFERENCES.NAME,
                        MDL_USER_PREFERENCES.VALUE);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aRerunOfTheSameFileChangesNothing(TestDatabase db) throws IOException {
        Path f = file("userimport.csv", HEADER,
                "jdoe;E001;Jane;Doe;jane@example.org;Pw#1secret;Lyon;FR;fr",
                "bsmith;E002;Bob;Smith;bob@example.org;*NOPASS*;;;");
        engine(db).users().from(f).execute();
        var before = SiteRows.fetch(db.dsl(), db.dsl().select(DSL.asterisk()).from(MDL_USER).orderBy(MDL_USER.ID), MDL_USER);

        RunResult again = SyncEngine.builder().moodle(JooqMoodle.on(db.moodle()))
                .clock(Clock.offset(CLOCK, java.time.Duration.ofHours(1))).build()
                .users().from(f).execute();

        assertThat(again.counts().unchanged()).isEqualTo(2);
        assertThat(again.lines()).allMatch(l -> l.outcome() == Outcome.UNCHANGED);
        assertThat(SiteRows.fetch(db.dsl(), db.dsl().select(DSL.asterisk()).from(MDL_USER).orderBy(MDL_USER.ID), MDL_USER)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aCreatedLineListsEveryValueItStoredAndMasksOnlyAGivenPassword(TestDatabase db) throws IOException {
        Path f = file("userimport.csv", "username;firstname;lastname;email;password;city;country;lang;institution",
                "cc1;Cy;Clark;cc1@example.org;;Lyon;FR;fr;Université Lyon",
                "cc2;Di;Dane;cc2@example.org;Pw#secret-2;;;;");

        RunResult r = engine(db).users().from(f).noOutputFiles().execute();

        assertThat(r.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED);
        assertThat(r.lines().get(0).changes()).extracting(Object::toString).contains("city: Lyon", "country: FR",
                "lang: fr", "institution: Université Lyon", "auth: manual").noneMatch(c -> c.equals("password: ********"));
        assertThat(r.lines().get(1).changes()).extracting(Object::toString).contains("password: ********");
        assertThat(r.lines().get(1).changes().toString()).doesNotContain("Pw#secret-2");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void passwordsHashedAheadMeetTheUsersTheChunkBeforeWrote(TestDatabase db) throws IOException {
        // chunks of 2: the passwords of lines 4-5 are prepared while lines 2-3 are written, when u1 and u2 are new
        Path f = file("userimport.csv", HEADER,
                "u1;E1;U;One;u1@example.org;Pw#first-one;;;",
                "u2;E2;U;Two;u2@example.org;Pw#first-two;;;",
                "u1;E1;U;One;u1@example.org;Pw#first-one;;;",
                "u2;E2;U;Two;u2@example.org;Pw#second-two;;;",
                "u3;E3;U;Three;u3@example.org;Pw#three;;;");

        RunResult r = engine(db).users().from(f).chunkSize(2).noOutputFiles().execute();

        assertThat(r.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED,
                Outcome.UNCHANGED, Outcome.UPDATED, Outcome.CREATED);
        assertThat(r.lines().get(3).changes()).extracting(FieldChange::field).containsExactly("password");
        assertThat(passwordOf(db, "u1")).matches(h -> MoodlePasswordHasher.matches("Pw#first-one", h));
        assertThat(passwordOf(db, "u2")).matches(h -> MoodlePasswordHasher.matches("Pw#second-two", h));
        assertThat(passwordOf(db, "u3")).matches(h -> MoodlePasswordHasher.matches("Pw#three", h));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aUserTwiceInAChunkWithTheSamePasswordIsUnchangedTheSecondTime(TestDatabase db) throws IOException {
        Path f = file("userimport.csv", HEADER,
                "u1;E1;U;One;u1@example.org;Pw#same-twice;;;",
                "u1;E1;U;One;u1@example.org;Pw#same-twice;;;",
                "u1;E1;U;One;u1@example.org;Pw#then-another;;;");

        RunResult r = engine(db).users().from(f).noOutputFiles().execute();

        assertThat(r.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.UNCHANGED,
                Outcome.UPDATED);
        assertThat(passwordOf(db, "u1")).matches(h -> MoodlePasswordHasher.matches("Pw#then-another", h));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void updatesOnlyTheColumnsGivenAndProtectsEmails(TestDatabase db) throws IOException {
        engine(db).users().from(file("a.csv", HEADER,
                "jdoe;E001;Jane;Doe;jane@example.org;Pw#1secret;Lyon;FR;fr")).execute();

        RunResult run = engine(db).users().from(file("b.csv", "idnumber;username;firstname;lastname;email;phone1",
                "E001;jdoe;Janet;Doe;other@example.org;0123")).execute();

        LineResult line = run.lines().get(0);
        assertThat(line.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(line.changes()).extracting(c -> c.field()).containsExactly("firstname", "phone1");
        assertThat(line.messages()).anyMatch(m -> m.contains("protected"));
        MdlUserRecord jane = user(db.dsl(), "jdoe");
        assertThat(jane.getFirstname()).isEqualTo("Janet");
        assertThat(jane.getEmail()).isEqualTo("jane@example.org");
        assertThat(jane.getCity()).as("absent column untouched").isEqualTo("Lyon");
        assertThat(MoodlePasswordHasher.matches("Pw#1secret", jane.getPassword())).isTrue();

        RunResult unprotected = engine(db).users().protectEmails(false).from(file("c.csv",
                "idnumber;username;firstname;lastname;email", "E001;jdoe;Janet;Doe;other@example.org")).execute();
        assertThat(unprotected.lines().get(0).changes()).extracting(c -> c.field()).containsExactly("email");
        assertThat(user(db.dsl(), "jdoe").getEmail()).isEqualTo("other@example.org");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aBadLineFailsAloneAndLeavesNothingBehind(TestDatabase db) throws IOException {
        Path f = file("userimport.csv", "username;idnumber;firstname;lastname;email;profile_field_nosuch",
                "ok1;E1;A;B;a@example.org;",
                "bad;E2;C;D;c@example.org;value",
                "ok2;E3;E;F;e@example.org;");

        RunResult run = engine(db).users().from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.FAILED);
        // an empty value of an unknown profile field is still a value of an unknown field
        assertThat(run.failures().get(1).error().toString()).contains("userimport.csv:3:6")
                .contains("no custom profile field 'nosuch'");
        assertThat(db.dsl().fetchCount(MDL_USER)).as("nothing half-written").isEqualTo(2);
        assertThat(db.dsl().fetchCount(MDL_CONTEXT, MDL_CONTEXT.CONTEXTLEVEL.eq(30L))).isEqualTo(2);
        assertThat(Files.readAllLines(run.trybackFile())).hasSize(4);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aDatabaseErrorInAChunkRollsItBackAndReplaysItLineByLine(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        long nextUserId = 3; // a fresh site has guest 1 and admin 2: the chunk's first user would get id 3
        dsl.insertInto(MDL_CONTEXT).set(MDL_CONTEXT.CONTEXTLEVEL, 30L).set(MDL_CONTEXT.INSTANCEID, nextUserId)
                .set(MDL_CONTEXT.PATH, "/1/999").set(MDL_CONTEXT.DEPTH, (short) 2).execute();
        Path f = file("u.csv", HEADER,
                "first;E1;A;B;a@example.org;;;;",
                "second;E2;C;D;c@example.org;;;;");

        RunResult run = engine(db).users().from(f).execute();

        // the chunk's context insert clashed with the stray row: the chunk was rolled back (user 3 is gone)
        // and replayed line by line, with new ids
        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED);
        assertThat(dsl.fetchCount(MDL_USER, MDL_USER.ID.eq(nextUserId))).isZero();
        for (String name : List.of("first", "second")) {
            MdlUserRecord u = user(dsl, name);
            var ctx = dsl.selectFrom(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L))
                    .and(MDL_CONTEXT.INSTANCEID.eq(u.getId())).fetchOne();
            assertThat(ctx.getPath()).isEqualTo("/1/" + ctx.getId());
        }
        assertThat(run.trybackFile()).isNull();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aLineTheDatabaseRefusesFailsAloneAndLeavesNothingBehind(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        // stray contexts for every id the first line could get: its user can never be written
        for (long id = 3; id <= 12; id++) {
            dsl.insertInto(MDL_CONTEXT).set(MDL_CONTEXT.CONTEXTLEVEL, 30L).set(MDL_CONTEXT.INSTANCEID, id)
                    .set(MDL_CONTEXT.PATH, "/1/" + (900 + id)).set(MDL_CONTEXT.DEPTH, (short) 2).execute();
        }
        Path f = file("u.csv", HEADER, "first;E1;A;B;a@example.org;;;;");

        RunResult run = engine(db).users().from(f).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(run.lines().get(0).error().reason()).startsWith("the database refused the line");
        assertThat(user(dsl, "first")).as("the user row of the failed line is rolled back").isNull();
        assertThat(Files.readAllLines(run.trybackFile())).containsExactly(HEADER, "first;E1;A;B;a@example.org;;;;");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void storesCustomProfileFieldsAsMoodleDoes(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        dsl.insertInto(MDL_USER_INFO_FIELD).set(MDL_USER_INFO_FIELD.SHORTNAME, "dept")
                .set(MDL_USER_INFO_FIELD.NAME, "Department").set(MDL_USER_INFO_FIELD.DATATYPE, "menu")
                .set(MDL_USER_INFO_FIELD.PARAM1, "Chemistry\nPhysics").execute();
        dsl.insertInto(MDL_USER_INFO_FIELD).set(MDL_USER_INFO_FIELD.SHORTNAME, "staff")
                .set(MDL_USER_INFO_FIELD.NAME, "Staff").set(MDL_USER_INFO_FIELD.DATATYPE, "checkbox").execute();
        Path f = file("u.csv", "username;firstname;lastname;email;profile_field_dept;profile_field_staff",
                "p1;A;B;p1@example.org;Physics;yes",
                "p2;C;D;p2@example.org;Biology;0");

        RunResult run = engine(db).users().identifyBy(UserKey.USERNAME).from(f).execute();

        assertThat(run.lines().get(0).outcome()).as(run.lines().toString()).isEqualTo(Outcome.CREATED);
        assertThat(run.lines().get(1).error().reason()).contains("not one of the menu's options");
        long p1 = user(dsl, "p1").getId();
        assertThat(dsl.select(MDL_USER_INFO_DATA.DATA).from(MDL_USER_INFO_DATA)
                .where(MDL_USER_INFO_DATA.USERID.eq(p1)).orderBy(MDL_USER_INFO_DATA.FIELDID).fetch(MDL_USER_INFO_DATA.DATA))
                .containsExactly("Physics", "1");
        LineResult rerun = engine(db).users().identifyBy(UserKey.USERNAME).from(f).execute().lines().get(0);
        assertThat(rerun.outcome()).as(rerun.toString()).isEqualTo(Outcome.UNCHANGED);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void refusesCollisionsAndProtectedAccounts(TestDatabase db) throws IOException {
        engine(db).users().from(file("a.csv", HEADER,
                "jdoe;E001;Jane;Doe;jane@example.org;;;;")).execute();

        RunResult run = engine(db).users().from(file("b.csv", HEADER,
                "jdoe;E999;Other;Person;x@example.org;;;;",
                "newbie;E002;New;Bie;jane@example.org;;;;",
                "admin;;Ad;Min;admin@example.com;;;;",
                "jdoe2;E001;Jane;Doe;jane@example.org;;;;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.FAILED);
        assertThat(run.lines().get(0).error().reason()).contains("username collision");
        assertThat(run.lines().get(1).error().reason()).contains("email collision");
        assertThat(run.lines().get(2).error().reason()).contains("site administrator");
        assertThat(run.lines().get(3).error().reason()).contains("renames need the oldusername column");
        assertThat(db.dsl().fetchCount(MDL_USER)).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aDryRunWritesNothingButSaysWhatWouldHappen(TestDatabase db) throws IOException {
        Path f = file("u.csv", HEADER,
                "jdoe;E001;Jane;Doe;jane@example.org;Pw#1secret;;;",
                "jdoe;E001;Janet;Doe;jane@example.org;Pw#1secret;;;");

        int contexts = db.dsl().fetchCount(MDL_CONTEXT);
        RunResult run = engine(db).users().from(f).dryRun().execute();

        assertThat(run.dryRun()).isTrue();
        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.UPDATED);
        assertThat(run.lines()).allMatch(LineResult::dryRun);
        assertThat(db.dsl().fetchCount(MDL_USER)).isEqualTo(2);
        assertThat(db.dsl().fetchCount(MDL_CONTEXT)).isEqualTo(contexts);
        assertThat(run.reportFile()).content().contains("CREATED (would be)");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_WITH_OTHER_PREFIX)
    void commandsBuiltInCodeWorkWithAnyPrefix(TestDatabase db) {
        String hash = MoodlePasswordHasher.standard().hash("given");
        RunResult run = engine(db).users().identifyBy(UserKey.USERNAME).commands(List.of(
                UserCommand.builder().username("coded").firstname("C").lastname("D").email("c@example.org")
                        .password(Password.hash(hash)).suspended(true).build())).execute();

        assertThat(run.counts().created()).isEqualTo(1);
        MdlUserRecord u = user(db.dsl(), "coded");
        assertThat(u.getPassword()).isEqualTo(hash);
        assertThat(u.getSuspended().intValue()).isEqualTo(1);
        assertThat(db.dsl().fetchCount(MDL_CONTEXT, MDL_CONTEXT.INSTANCEID.eq(u.getId())
                .and(MDL_CONTEXT.CONTEXTLEVEL.eq(30L)))).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void fastHashUsesMoodlesBulkRounds(TestDatabase db) {
        engine(db).users().identifyBy(UserKey.USERNAME).fastHash(true).commands(List.of(
                UserCommand.builder().username("fast").firstname("F").lastname("H")
                        .password(Password.plain("Pw#fast1")).build())).execute();
        assertThat(user(db.dsl(), "fast").getPassword()).startsWith("$6$rounds=5000$");
    }
}
