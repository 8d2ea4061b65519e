package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_FIELD;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * Every line is all or nothing, whatever statement the database fails: a users file mixing the writer's two paths
 * (creates and updates gathered and written set-wise; suspend and delete in savepoints of their own) is run once
 * for every statement it executes, that statement failing — with an SQL error, a real connection drop, a lost race
 * (deadlock) or a lasting outage. After each run: no half-written user (every user has its context, no context,
 * preference or profile value without its user), every line either succeeded or is in the tryback file, and a rerun
 * of the tryback file brings the site exactly where one clean run brings it (nothing lost, nothing twice).
 */
class AtomicityTest {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    static final String HEADER = "username;idnumber;firstname;lastname;email;password;suspended;deleted;"
            + "profile_field_dept";
    static final List<String> SETUP = List.of(
            "x01;X01;Old;One;x01@example.org;Old#pass1;0;0;Physics",
            "x02;X02;Old;Two;x02@example.org;Old#pass2;0;0;",
            "x03;X03;Old;Three;x03@example.org;;0;0;Biology");
    static final String BAD = "bad;B01;;Line;bad@example.org;;;;";
    static final List<String> LINES = List.of(
            "n01;N01;New;One;n01@example.org;Pw#one111;;;Chemistry",   // create, password, profile value
            "n02;N02;New;Two;n02@example.org;;;;",                     // create, generated password: preferences
            "x01;X01;Changed;One;x01@example.org;New#pass1;;;Chemistry", // update, password: preference
            "x02;X02;Old;Two;x02@example.org;;1;;",                    // suspend: a savepoint of its own
            BAD,                                                       // always fails: firstname is required
            "n03;N03;New;Three;n03@example.org;*NOPASS*;;;Physics",
            "x03;X03;Old;Three;x03@example.org;;;1;",                  // delete: a savepoint of its own
            "n04;N04;New;Four;n04@example.org;Pw#four44;1;;",          // created suspended
            "n05;N05;New;Five;n05@example.org;;;;");

    /** How the n-th statement fails. */
    enum Mode {
        /** An SQL error (the database refuses the statement). */
        ERROR,
        /** The connection is dropped by the server just before the statement. */
        DROP,
        /** A deadlock (SQLState 40P01 / 40001): the chunk must be retried, every result as in a clean run. */
        DEADLOCK,
        /** The statement and every one after it find no connection: the run must end FAILED, nothing lost. */
        OUTAGE
    }

    @TempDir
    Path dir;

    @OnEachDatabase
    void anSqlErrorAtAnyStatementLeavesNoHalfWrittenLine(TestDatabase db) throws Exception {
        sweep(db, Mode.ERROR);
    }

    @OnEachDatabase
    void aConnectionDroppedAtAnyStatementLeavesNoHalfWrittenLine(TestDatabase db) throws Exception {
        sweep(db, Mode.DROP);
    }

    @OnEachDatabase
    void aDeadlockAtAnyStatementIsRetriedAndChangesNoResult(TestDatabase db) throws Exception {
        sweep(db, Mode.DEADLOCK);
    }

    @OnEachDatabase
    void anOutageFromAnyStatementOnEndsTheRunWithNothingLost(TestDatabase db) throws Exception {
        sweep(db, Mode.OUTAGE);
    }

    private FaultyDataSource.Fault fault(Mode mode, int n, TestDatabase db) {
        return switch (mode) {
            case ERROR -> FaultyDataSource.failAt(n, "XX000");
            case DEADLOCK -> FaultyDataSource.failAt(n, db.server() == DatabaseServer.POSTGRESQL ? "40P01" : "40001");
            case DROP -> (number, sql, connection) -> {
                if (number == n) {
                    ConnectionKiller.kill(db, connection);
                }
            };
            case OUTAGE -> (number, sql, connection) -> {
                if (number >= n) {
                    throw new SQLException("injected outage from statement " + n, "08006");
                }
            };
        };
    }

    private void sweep(TestDatabase db, Mode mode) throws Exception {
        DSLContext dsl = db.dsl();
        dsl.insertInto(MDL_USER_INFO_FIELD).set(MDL_USER_INFO_FIELD.SHORTNAME, "dept")
                .set(MDL_USER_INFO_FIELD.NAME, "Department").set(MDL_USER_INFO_FIELD.DATATYPE, "text")
                .set(MDL_USER_INFO_FIELD.PARAM1, "30").set(MDL_USER_INFO_FIELD.PARAM2, "255").execute();
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        SyncEngine engine = SyncEngine.builder()
                .moodle(JooqMoodle.on(MoodleDatabase.of(faulty, db.dialect(), "mdl_"))).clock(CLOCK).build();
        Path setupDir = Files.createDirectories(dir.resolve("setup"));
        assertThat(run(engine, Kinds.write(setupDir, "setup.csv", HEADER, SETUP)).succeeded()).isTrue();
        Map<String, List<List<Object>>> baseline = SiteState.dump(dsl);

        Path cleanDir = Files.createDirectories(dir.resolve("clean"));
        faulty.fault(FaultyDataSource.NONE);
        RunResult clean = run(engine, Kinds.write(cleanDir, "userimport.csv", HEADER, LINES));
        int statements = faulty.statements();
        assertThat(clean.counts().failed()).as(clean.failures().toString()).isEqualTo(1);
        List<Outcome> cleanOutcomes = clean.lines().stream().map(LineResult::outcome).toList();
        Map<String, String> reference = SiteState.logical(dsl);
        assertThat(SiteState.violations(dsl)).isEmpty();

        int injected = 0;
        // every statement on H2; on the servers every statement for errors and drops, every third for the others
        int stride = db.server() == DatabaseServer.H2 || mode == Mode.ERROR || mode == Mode.DROP ? 1 : 3;
        for (int n = 1; n <= statements; n += stride) {
            SiteState.restore(dsl, baseline);
            Path runDir = Files.createDirectories(dir.resolve(mode + "-" + n));
            Path file = Kinds.write(runDir, "userimport.csv", HEADER, LINES);
            faulty.fault(fault(mode, n, db));
            RunResult r = run(engine, file);
            faulty.fault(FaultyDataSource.NONE);
            injected++;
            String where = mode + " at statement " + n + " of " + statements + " on " + db + ": " + r.status() + " "
                    + r.error() + " " + r.lines();

            assertThat(SiteState.violations(dsl)).as(where).isEmpty();
            boolean started = !(r.status() == RunStatus.FAILED && r.counts().read() == 0);
            if (mode == Mode.DEADLOCK && started) {
                assertThat(r.lines().stream().map(LineResult::outcome).toList()).as(where).isEqualTo(cleanOutcomes);
            }
            if (mode == Mode.OUTAGE) {
                assertThat(r.status()).as(where).isEqualTo(RunStatus.FAILED);
                assertThat(r.error()).as(where).isNotBlank();
            }
            List<String> tryback = r.trybackFile() == null ? List.of()
                    : Files.readAllLines(r.trybackFile()).subList(1, Files.readAllLines(r.trybackFile()).size());
            Path rerun;
            if (r.status() == RunStatus.FAILED && r.counts().read() == 0 && tryback.isEmpty()) {
                assertThat(r.error()).as(where).contains("cannot reach the Moodle database");
                rerun = file; // the run did not start: the whole file is to be run again
            } else {
                Set<String> succeeded = new HashSet<>();
                for (LineResult line : r.lines()) {
                    if (!line.failed()) {
                        succeeded.add(line.ref().rawText());
                    }
                }
                for (String line : LINES) {
                    assertThat(succeeded.contains(line) || tryback.contains(line))
                            .as("line %s neither succeeded nor is in the tryback file: %s", line, where).isTrue();
                }
                assertThat(tryback).as(where).contains(BAD);
                rerun = r.trybackFile();
            }
            RunResult again = run(engine, rerun);
            assertThat(again.failures()).as(where + " / rerun: " + again.failures()).hasSize(1);
            assertThat(SiteState.logical(dsl)).as(where + " / after the rerun").isEqualTo(reference);
            assertThat(SiteState.violations(dsl)).as(where + " / after the rerun").isEmpty();
        }
        Figures.record("faults." + mode.name().toLowerCase() + "." + db.server().name().toLowerCase(), injected);
        Figures.record("rowsLost." + mode.name().toLowerCase() + "." + db.server().name().toLowerCase(), 0);
    }

    private static RunResult run(SyncEngine engine, Path file) {
        return engine.users().chunkSize(3).fastHash(true).from(file).execute();
    }
}
