package org.moodlesync.jooq.internal.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_COMPETENCY_TEMPLATECOHORT;
import static org.moodlesync.jooq.schema.Tables.MDL_CUSTOMFIELD_CATEGORY;
import static org.moodlesync.jooq.schema.Tables.MDL_CUSTOMFIELD_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_CUSTOMFIELD_FIELD;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlCohortRecord;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/** The cohorts file end to end (file → engine → jOOQ writer → rows) on H2, PostgreSQL and MariaDB. */
class CohortsFileTest {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String USERS = "username;idnumber;firstname;lastname;email";

    @TempDir
    Path dir;

    private SyncEngine engine(TestDatabase db) {
        return engine(db, CLOCK);
    }

    private static SyncEngine engine(TestDatabase db, Clock clock) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(clock).build();
    }

    private Path file(String name, String... lines) throws IOException {
        return CommandFiles.write(dir, name, lines);
    }

    /** Three users: u1 (E1), u2 (E2), u3 (E3). */
    private void users(TestDatabase db) throws IOException {
        RunResult run = engine(db).users().from(file("users.csv", USERS,
                "u1;E1;Una;One;u1@example.org",
                "u2;E2;Dos;Two;u2@example.org",
                "u3;E3;Tres;Three;u3@example.org")).execute();
        assertThat(run.counts().created()).isEqualTo(3);
    }

    static long userId(DSLContext dsl, String username) {
        return dsl.select(MDL_USER.ID).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)).fetchOne(MDL_USER.ID);
    }

    static MdlCohortRecord cohort(DSLContext dsl, String idnumber) {
        return dsl.selectFrom(MDL_COHORT).where(MDL_COHORT.IDNUMBER.eq(idnumber)).fetchOne();
    }

    static List<String> members(DSLContext dsl, long cohortId) {
        return dsl.select(MDL_USER.USERNAME).from(MDL_COHORT_MEMBERS)
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_COHORT_MEMBERS.USERID))
                .where(MDL_COHORT_MEMBERS.COHORTID.eq(cohortId)).orderBy(MDL_USER.USERNAME)
                .fetch(MDL_USER.USERNAME);
    }

    @OnEachDatabase
    void createsCohortsAndMembersWithTheRowsMoodleWrites(TestDatabase db) throws IOException {
        users(db);
        DSLContext dsl = db.dsl();
        long sci = MoodleFixtures.category(dsl, "Science", "SCI", 0, NOW);
        long chem = MoodleFixtures.category(dsl, "Chemistry", "CHEM", sci, NOW);
        Path f = file("cohorts.csv", "cmd;cidnumber;cname;cdescription;ccatcontextidnumber;ccatpath;userid",
                "add;STAFF;Staff;All staff;;;E1",
                ";STAFF;;;;;E2",
                "add;LAB;Lab people;;;Science/Chemistry;E3",
                "add;SCI1;Science year 1;;SCI;;",
                "add;EMPTY;;;;;");

        RunResult run = engine(db).cohorts().from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.UPDATED,
                Outcome.CREATED, Outcome.CREATED, Outcome.CREATED);
        MdlCohortRecord staff = cohort(dsl, "STAFF");
        assertThat(staff.getName()).isEqualTo("Staff");
        assertThat(staff.getDescription()).isEqualTo("All staff");
        assertThat(staff.getDescriptionformat().intValue()).as("FORMAT_HTML, as cohort_add_cohort").isEqualTo(1);
        assertThat(staff.getVisible().intValue()).isEqualTo(1);
        assertThat(staff.getComponent()).isEmpty();
        assertThat(staff.getTheme()).isEmpty();
        assertThat(staff.getTimecreated()).isEqualTo(NOW);
        assertThat(staff.getTimemodified()).isEqualTo(NOW);
        assertThat(staff.getContextid()).as("system context").isEqualTo(1L);
        assertThat(members(dsl, staff.getId())).containsExactly("u1", "u2");
        assertThat(dsl.select(MDL_COHORT_MEMBERS.TIMEADDED).from(MDL_COHORT_MEMBERS)
                .where(MDL_COHORT_MEMBERS.COHORTID.eq(staff.getId())).fetch(MDL_COHORT_MEMBERS.TIMEADDED))
                .containsOnly(NOW);
        assertThat(cohort(dsl, "LAB").getContextid())
                .isEqualTo(Contexts.find(dsl, ContextLevel.COURSECAT, chem).id());
        assertThat(cohort(dsl, "SCI1").getContextid()).isEqualTo(Contexts.find(dsl, ContextLevel.COURSECAT, sci).id());
        assertThat(cohort(dsl, "EMPTY").getName()).as("no cname: the idnumber names it").isEqualTo("EMPTY");
        assertThat(run.lines().get(0).changes()).extracting(c -> c.toString()).as("every value stored")
                .containsExactly("name: Staff", "idnumber: STAFF", "context: system", "description: All staff",
                        "member added: u1");
        assertThat(run.lines().get(4).changes()).extracting(c -> c.toString())
                .containsExactly("name: EMPTY", "idnumber: EMPTY", "context: system");
        assertThat(run.lines().get(2).changes()).extracting(c -> c.toString())
                .contains("context: category Science/Chemistry");
    }

    @OnEachDatabase
    void aRerunOfTheSameFileChangesNothing(TestDatabase db) throws IOException {
        users(db);
        MoodleFixtures.category(db.dsl(), "Science", "SCI", 0, NOW);
        Path f = file("cohorts.csv", "cmd;cidnumber;cname;cdescription;ccatcontextidnumber;userid",
                "add;STAFF;Staff;All staff;;E1",
                "add;STAFF;Staff;All staff;;E2",
                "add;SCI1;Science 1;;SCI;E3",
                "del;SCI1;;;;E2",
                "del;GONE;;;;",
                "add;SCI2;Science 2;;SCI;",
                "free;SCI2;;;;");
        RunResult first = engine(db).cohorts().from(f).execute();
        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        var cohorts = db.dsl().selectFrom(MDL_COHORT).orderBy(MDL_COHORT.ID).fetch();
        var members = db.dsl().selectFrom(MDL_COHORT_MEMBERS).orderBy(MDL_COHORT_MEMBERS.ID).fetch();

        RunResult again = engine(db, Clock.offset(CLOCK, Duration.ofHours(1))).cohorts().from(f).execute();

        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(db.dsl().selectFrom(MDL_COHORT).orderBy(MDL_COHORT.ID).fetch()).isEqualTo(cohorts);
        assertThat(db.dsl().selectFrom(MDL_COHORT_MEMBERS).orderBy(MDL_COHORT_MEMBERS.ID).fetch()).isEqualTo(members);
    }

    @OnEachDatabase
    void updatesNameIdnumberAndDescriptionAsTheColumnsSay(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        engine(db).cohorts().from(file("a.csv", "cidnumber;cname;cdescription", "C1;First;One")).execute();
        long id = cohort(dsl, "C1").getId();

        // by idnumber: cname renames, cdescription replaces
        RunResult rename = engine(db).cohorts().from(file("b.csv", "cidnumber;cname;cdescription",
                "C1;First cohort;Number one")).execute();
        assertThat(rename.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(rename.lines().get(0).changes()).extracting(c -> c.toString())
                .containsExactly("name: First -> First cohort", "description: One -> Number one");
        assertThat(cohort(dsl, "C1").getName()).isEqualTo("First cohort");

        // by name: cidnumber sets the idnumber
        RunResult renumber = engine(db).cohorts().identifyBy(CohortKey.NAME).from(file("c.csv", "cname;cidnumber",
                "First cohort;C1-NEW")).execute();
        assertThat(renumber.lines().get(0).changes()).extracting(c -> c.toString())
                .containsExactly("idnumber: C1 -> C1-NEW");
        assertThat(dsl.selectFrom(MDL_COHORT).where(MDL_COHORT.ID.eq(id)).fetchOne().getIdnumber())
                .isEqualTo("C1-NEW");

        // by id: both
        RunResult both = engine(db).cohorts().identifyBy(CohortKey.ID).from(file("d.csv", "cid;cname;cidnumber",
                id + ";Renamed;C1")).execute();
        assertThat(both.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        MdlCohortRecord after = dsl.selectFrom(MDL_COHORT).where(MDL_COHORT.ID.eq(id)).fetchOne();
        assertThat(after.getName()).isEqualTo("Renamed");
        assertThat(after.getIdnumber()).isEqualTo("C1");
        assertThat(after.getTimecreated()).isEqualTo(NOW);
        assertThat(dsl.fetchCount(MDL_COHORT)).isEqualTo(1);
    }

    @OnEachDatabase
    void aDelLineWhoseUserCannotBeFoundFailsAndNeverDeletesTheCohort(TestDatabase db) throws IOException {
        users(db);
        engine(db).cohorts().from(file("a.csv", "cidnumber;cname;userid", "STAFF;Staff;E1")).execute();

        RunResult run = engine(db).cohorts().from(file("b.csv", "cmd;cidnumber;userid",
                "del;STAFF;NOBODY")).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(run.failures().get(0).error().toString()).contains("b.csv:2:3").contains("no user with idnumber"
                + " NOBODY");
        MdlCohortRecord staff = cohort(db.dsl(), "STAFF");
        assertThat(staff).as("the cohort is still there").isNotNull();
        assertThat(members(db.dsl(), staff.getId())).containsExactly("u1");
        assertThat(Files.readAllLines(run.trybackFile())).containsExactly("cmd;cidnumber;userid", "del;STAFF;NOBODY");
    }

    @OnEachDatabase
    void removesMembersFreesAndDeletesCohorts(TestDatabase db) throws IOException {
        users(db);
        DSLContext dsl = db.dsl();
        engine(db).cohorts().from(file("a.csv", "cidnumber;userid", "A;E1", "A;E2", "A;E3", "B;E1", "B;E2"))
                .execute();
        long a = cohort(dsl, "A").getId();
        long b = cohort(dsl, "B").getId();

        RunResult run = engine(db).cohorts().identifyUsersBy(UserKey.USERNAME).from(file("b.csv",
                "cmd;cidnumber;userid",
                "del;A;u2",
                "del;A;u2",
                "free;B;",
                "del;A;",
                "free;NOPE;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.UPDATED, Outcome.UNCHANGED,
                Outcome.UPDATED, Outcome.DELETED, Outcome.FAILED);
        assertThat(run.lines().get(1).messages()).contains("user u2 is not a member");
        assertThat(run.lines().get(3).messages()).contains("2 members removed with the cohort");
        assertThat(run.lines().get(4).error().reason()).isEqualTo("no cohort with idnumber NOPE");
        assertThat(dsl.fetchCount(MDL_COHORT, MDL_COHORT.ID.eq(a))).isZero();
        assertThat(dsl.fetchCount(MDL_COHORT_MEMBERS, MDL_COHORT_MEMBERS.COHORTID.eq(a))).isZero();
        assertThat(dsl.fetchCount(MDL_COHORT, MDL_COHORT.ID.eq(b))).isEqualTo(1);
        assertThat(members(dsl, b)).isEmpty();
    }

    @OnEachDatabase
    void refusesWhatMoodleWouldRefuse(TestDatabase db) throws IOException {
        users(db);
        DSLContext dsl = db.dsl();
        engine(db).cohorts().from(file("a.csv", "cidnumber;cname", "A;Alpha", "B;Beta")).execute();

        RunResult run = engine(db).cohorts().from(file("b.csv", "cmd;cidnumber;cname;ccatcontext;ccatpath;userid",
                "add;C;Alpha;;;",
                "add;D;Delta;99;;",
                "add;E;Echo;;No/Such;",
                "add;F;Foxtrot;;;E9",
                "drop;A;;;;",
                "add;A;Beta;;;",
                "add;G;Golf;;;E1")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.FAILED, Outcome.FAILED,
                Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.CREATED);
        assertThat(run.lines().get(0).error().reason()).contains("a cohort named Alpha exists already");
        assertThat(run.lines().get(1).error().toString()).contains("b.csv:3:4").contains("no such category");
        assertThat(run.lines().get(2).error().reason()).contains("no category No/Such");
        assertThat(run.lines().get(3).error().toString()).contains(":6").contains("no user with idnumber E9");
        assertThat(run.lines().get(4).error().reason()).contains("unknown cmd drop");
        assertThat(run.lines().get(5).error().reason()).contains("a cohort named Beta exists already");
        assertThat(dsl.fetchCount(MDL_COHORT)).as("failed lines created nothing").isEqualTo(3);

        RunResult noCreate = engine(db).cohorts().autoCreate(false).from(file("c.csv", "cidnumber", "NEW"))
                .execute();
        assertThat(noCreate.lines().get(0).error().reason()).contains("creating missing cohorts is off");

        RunResult taken = engine(db).cohorts().identifyBy(CohortKey.NAME).from(file("d.csv", "cname;cidnumber",
                "Alpha;B")).execute();
        assertThat(taken.lines().get(0).error().reason()).contains("idnumber B is already the idnumber of cohort Beta");
    }

    @OnEachDatabase
    void movesACohortToAnotherContext(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        long sci = MoodleFixtures.category(dsl, "Science", "SCI", 0, NOW);
        engine(db).cohorts().from(file("a.csv", "cidnumber", "A")).execute();

        RunResult run = engine(db).cohorts().from(file("b.csv", "cidnumber;ccatcontext", "A;" + sci)).execute();
        assertThat(run.lines().get(0).changes()).extracting(c -> c.toString())
                .containsExactly("context: system -> category Science");
        assertThat(cohort(dsl, "A").getContextid()).isEqualTo(Contexts.find(dsl, ContextLevel.COURSECAT, sci).id());

        RunResult back = engine(db).cohorts().from(file("c.csv", "cidnumber;ccatcontext", "A;system")).execute();
        assertThat(back.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(cohort(dsl, "A").getContextid()).isEqualTo(1L);
    }

    @OnEachDatabase
    void aDryRunWritesNothingButSaysWhatWouldHappen(TestDatabase db) throws IOException {
        users(db);
        DSLContext dsl = db.dsl();
        engine(db).cohorts().from(file("a.csv", "cidnumber;userid", "OLD;E1")).execute();
        int flags = dsl.fetchCount(MDL_CACHE_FLAGS);

        RunResult run = engine(db).cohorts().dryRun().from(file("b.csv", "cmd;cidnumber;cname;userid",
                "add;NEW;New;E1",
                "add;NEW;New;E1",
                "add;NEW;Newer;E2",
                "del;OLD;;E1",
                "del;OLD;;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.UNCHANGED,
                Outcome.UPDATED, Outcome.UPDATED, Outcome.DELETED);
        assertThat(run.lines()).allMatch(LineResult::dryRun);
        assertThat(dsl.fetchCount(MDL_COHORT)).isEqualTo(1);
        assertThat(members(dsl, cohort(dsl, "OLD").getId())).containsExactly("u1");
        assertThat(dsl.fetchCount(MDL_CACHE_FLAGS)).isEqualTo(flags);
    }

    @OnEachDatabase
    void deletingACohortDeletesItsCustomFieldValuesAndTemplateLinks(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        engine(db).cohorts().from(file("a.csv", "cidnumber", "A", "B")).execute();
        long a = cohort(dsl, "A").getId();
        long b = cohort(dsl, "B").getId();
        long cohortField = field(dsl, "core_cohort", "cohort", "colour");
        long courseField = field(dsl, "core_course", "course", "level");
        value(dsl, cohortField, a, 1L);
        value(dsl, cohortField, b, 1L);
        value(dsl, courseField, a, 25L); // the course whose id is the cohort's: not the cohort's value
        for (long cohort : new long[] {a, b}) {
            dsl.insertInto(MDL_COMPETENCY_TEMPLATECOHORT).set(MDL_COMPETENCY_TEMPLATECOHORT.TEMPLATEID, 7L)
                    .set(MDL_COMPETENCY_TEMPLATECOHORT.COHORTID, cohort).set(MDL_COMPETENCY_TEMPLATECOHORT.TIMECREATED,
                    NOW).set(MDL_COMPETENCY_TEMPLATECOHORT.TIMEMODIFIED, NOW)
                    .set(MDL_COMPETENCY_TEMPLATECOHORT.USERMODIFIED, 2L).execute();
        }

        RunResult run = engine(db).cohorts().from(file("b.csv", "cmd;cidnumber", "del;A")).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.DELETED);
        assertThat(dsl.select(MDL_CUSTOMFIELD_DATA.FIELDID, MDL_CUSTOMFIELD_DATA.INSTANCEID).from(MDL_CUSTOMFIELD_DATA)
                .orderBy(MDL_CUSTOMFIELD_DATA.ID).fetch().map(r -> r.value1() + "/" + r.value2()))
                .containsExactly(cohortField + "/" + b, courseField + "/" + a);
        assertThat(dsl.select(MDL_COMPETENCY_TEMPLATECOHORT.COHORTID).from(MDL_COMPETENCY_TEMPLATECOHORT)
                .fetch(MDL_COMPETENCY_TEMPLATECOHORT.COHORTID)).containsExactly(b);
    }

    private static long field(DSLContext dsl, String component, String area, String shortname) {
        long category = dsl.insertInto(MDL_CUSTOMFIELD_CATEGORY).set(MDL_CUSTOMFIELD_CATEGORY.NAME, "Other fields")
                .set(MDL_CUSTOMFIELD_CATEGORY.COMPONENT, component).set(MDL_CUSTOMFIELD_CATEGORY.AREA, area)
                .set(MDL_CUSTOMFIELD_CATEGORY.TIMECREATED, NOW).set(MDL_CUSTOMFIELD_CATEGORY.TIMEMODIFIED, NOW)
                .returningResult(MDL_CUSTOMFIELD_CATEGORY.ID).fetchOne().value1();
        return dsl.insertInto(MDL_CUSTOMFIELD_FIELD).set(MDL_CUSTOMFIELD_FIELD.SHORTNAME, shortname)
                .set(MDL_CUSTOMFIELD_FIELD.NAME, shortname).set(MDL_CUSTOMFIELD_FIELD.TYPE, "text")
                .set(MDL_CUSTOMFIELD_FIELD.CATEGORYID, category).set(MDL_CUSTOMFIELD_FIELD.TIMECREATED, NOW)
                .set(MDL_CUSTOMFIELD_FIELD.TIMEMODIFIED, NOW)
                .returningResult(MDL_CUSTOMFIELD_FIELD.ID).fetchOne().value1();
    }

    private static void value(DSLContext dsl, long field, long instance, long context) {
        dsl.insertInto(MDL_CUSTOMFIELD_DATA).set(MDL_CUSTOMFIELD_DATA.FIELDID, field)
                .set(MDL_CUSTOMFIELD_DATA.INSTANCEID, instance).set(MDL_CUSTOMFIELD_DATA.VALUE, "v")
                .set(MDL_CUSTOMFIELD_DATA.VALUEFORMAT, 0L).set(MDL_CUSTOMFIELD_DATA.TIMECREATED, NOW)
                .set(MDL_CUSTOMFIELD_DATA.TIMEMODIFIED, NOW).set(MDL_CUSTOMFIELD_DATA.CONTEXTID, context).execute();
    }
}
