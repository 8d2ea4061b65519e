package org.moodlesync.jooq.internal.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.internal.cohort.CohortsFileTest.cohort;
import static org.moodlesync.jooq.internal.cohort.CohortsFileTest.members;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlCohortRecord;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/** The cohort and cohortid columns of the users file (tool_sync §5.4), on H2, PostgreSQL and MariaDB. */
class UsersFileCohortTest {

    static final long NOW = CohortsFileTest.NOW;
    static final String HEADER = "username;idnumber;firstname;lastname;email;cohort;cohortid";

    @TempDir
    Path dir;

    private static SyncEngine engine(TestDatabase db, Clock clock) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(clock).build();
    }

    private Path file(String name, String... lines) throws IOException {
        return CommandFiles.write(dir, name, lines);
    }

    @OnEachDatabase
    void usersJoinTheNamedCohortCreatedInTheSystemContextWhenMissing(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        Path f = file("userimport.csv", HEADER,
                "u1;E1;Una;One;u1@example.org;Year 1;Y1",
                "u2;E2;Dos;Two;u2@example.org;Year 1;",
                "u3;E3;Tres;Three;u3@example.org;;");

        RunResult run = engine(db, CohortsFileTest.CLOCK).users().from(f).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(run.lines().get(0).changes()).extracting(c -> c.toString())
                .contains("cohort created: Year 1 (Y1)", "cohort: Year 1");
        MdlCohortRecord y1 = cohort(dsl, "Y1");
        assertThat(y1.getName()).isEqualTo("Year 1");
        assertThat(y1.getContextid()).isEqualTo(1L);
        assertThat(y1.getDescriptionformat().intValue()).isEqualTo(1);
        assertThat(y1.getTimecreated()).isEqualTo(NOW);
        assertThat(members(dsl, y1.getId())).containsExactly("u1", "u2");
        assertThat(dsl.fetchCount(MDL_COHORT)).isEqualTo(1);

        // a rerun changes nothing; a later line puts an existing user into the cohort
        RunResult again = engine(db, Clock.offset(CohortsFileTest.CLOCK, Duration.ofHours(1))).users().from(f)
                .execute();
        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
        RunResult join = engine(db, CohortsFileTest.CLOCK).users().from(file("b.csv", HEADER,
                "u3;E3;Tres;Three;u3@example.org;Year 1;IGNORED")).execute();
        assertThat(join.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(join.lines().get(0).changes()).extracting(c -> c.toString()).containsExactly("cohort: Year 1");
        assertThat(members(dsl, y1.getId())).containsExactly("u1", "u2", "u3");
        assertThat(cohort(dsl, "IGNORED")).isNull();
    }

    @OnEachDatabase
    void aNewMemberOfABoundCohortIsEnrolledAtOnce(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        long course = MoodleFixtures.course(dsl, 1, "C1", "C1", NOW);
        SyncEngine engine = engine(db, CohortsFileTest.CLOCK);
        engine.cohorts().from(file("c.csv", "cidnumber;cname", "Y1;Year 1")).execute();
        engine.cohortBindings().from(file("b.csv", "cohort;course", "Y1;C1")).execute();

        RunResult run = engine.users().from(file("u.csv", HEADER, "u1;E1;Una;One;u1@example.org;Year 1;"))
                .execute();

        assertThat(run.lines().get(0).messages()).contains("enrolled in course C1 (cohort sync)");
        long enrol = dsl.select(MDL_ENROL.ID).from(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(course))
                .and(MDL_ENROL.ENROL.eq("cohort")).fetchOne(MDL_ENROL.ID);
        long u1 = dsl.select(MDL_USER.ID).from(MDL_USER).where(MDL_USER.USERNAME.eq("u1")).fetchOne(MDL_USER.ID);
        assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.ENROLID.eq(enrol)
                .and(MDL_USER_ENROLMENTS.USERID.eq(u1)))).isEqualTo(1);
        assertThat(dsl.fetchCount(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.ITEMID.eq(enrol)
                .and(MDL_ROLE_ASSIGNMENTS.USERID.eq(u1)).and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("enrol_cohort"))))
                .isEqualTo(1);
    }

    @OnEachDatabase
    void aCohortProblemFailsTheWholeLine(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        SyncEngine engine = engine(db, CohortsFileTest.CLOCK);
        engine.cohorts().from(file("c.csv", "cidnumber;cname", "A1;Twins", "A2;Twins2", "TAKEN;Taken")).execute();
        dsl.update(MDL_COHORT).set(MDL_COHORT.NAME, "Twins").where(MDL_COHORT.IDNUMBER.eq("A2")).execute();

        RunResult run = engine.users().from(file("u.csv", HEADER,
                "u1;E1;Una;One;u1@example.org;Twins;",
                "u2;E2;Dos;Two;u2@example.org;Fresh;TAKEN",
                "u3;E3;Tres;Three;u3@example.org;Fresh;FRESH")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.FAILED, Outcome.FAILED,
                Outcome.CREATED);
        assertThat(run.lines().get(0).error().toString()).contains("u.csv:2:6").contains("2 cohorts are named Twins");
        assertThat(run.lines().get(1).error().toString()).contains("u.csv:3:7")
                .contains("idnumber TAKEN is already the idnumber of cohort Taken");
        assertThat(dsl.fetchCount(MDL_USER, MDL_USER.USERNAME.in("u1", "u2"))).as("the users are rolled back too")
                .isZero();
        assertThat(members(dsl, cohort(dsl, "FRESH").getId())).containsExactly("u3");
        assertThat(dsl.fetchCount(MDL_COHORT_MEMBERS)).isEqualTo(1);
    }

    @OnEachDatabase
    void aDryRunCreatesNoCohort(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        RunResult run = engine(db, CohortsFileTest.CLOCK).users().dryRun().from(file("u.csv", HEADER,
                "u1;E1;Una;One;u1@example.org;Year 1;Y1",
                "u2;E2;Dos;Two;u2@example.org;Year 1;Y1")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(run.lines().get(1).changes()).extracting(c -> c.toString()).contains("cohort: Year 1")
                .doesNotContain("cohort created: Year 1 (Y1)");
        assertThat(dsl.fetchCount(MDL_COHORT)).isZero();
        assertThat(dsl.fetchCount(MDL_COHORT_MEMBERS)).isZero();
    }
}
