package org.moodlesync.jooq.internal.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.internal.course.CourseTesting.category;
import static org.moodlesync.jooq.internal.course.CourseTesting.context;
import static org.moodlesync.jooq.internal.course.CourseTesting.course;
import static org.moodlesync.jooq.internal.course.CourseTesting.engine;
import static org.moodlesync.jooq.internal.course.CourseTesting.file;
import static org.moodlesync.jooq.internal.course.CourseTesting.snapshot;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_EVENT;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/** The course delete and existence check files on H2, PostgreSQL and MariaDB. */
class CourseDeleteAndCheckTest {

    @TempDir
    Path dir;

    private void threeCourses(TestDatabase db) throws IOException {
        engine(db).courses().from(file(dir, "c.csv", "shortname;fullname;idnumber;category;teacher1_account",
                "C1;One;I1;Arts;jdoe", "C2;Two;I2;Arts;", "C3;Three;I3;Arts;")).execute();
    }

    @OnEachDatabase
    void deletesACourseAndEverythingMoodleRemovesWithIt(TestDatabase db) throws IOException {
        CourseTesting.users(db, "jdoe", "sam");
        threeCourses(db);
        DSLContext dsl = db.dsl();
        CourseTesting.enrol(dsl, "C1", "sam", "student", "manual", 0);
        CourseTesting.group(dsl, "C1", "G1", "sam");
        MdlCourseRecord c1 = course(dsl, "C1");
        long ctx = context(dsl, 50, c1.getId()).getId();
        dsl.insertInto(MDL_EVENT).set(MDL_EVENT.NAME, "Exam").set(MDL_EVENT.DESCRIPTION, "")
                .set(MDL_EVENT.COURSEID, c1.getId()).execute();
        long sam = CourseTesting.userId(dsl, "sam");

        RunResult run = engine(db).courseDeletes().from(file(dir, "deletecourses.csv", "C1", "NOSUCH")).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.DELETED, Outcome.SKIPPED);
        assertThat(run.lines().get(0).changes()).extracting(c -> c.field()).contains("enrolments",
                "enrolment methods", "role assignments", "groups", "events", "sections");
        assertThat(course(dsl, "C1")).isNull();
        assertThat(dsl.fetchCount(MDL_CONTEXT, MDL_CONTEXT.ID.eq(ctx))).isZero();
        assertThat(dsl.fetchCount(MDL_COURSE_SECTIONS, MDL_COURSE_SECTIONS.COURSE.eq(c1.getId()))).isZero();
        assertThat(dsl.fetchCount(MDL_COURSE_FORMAT_OPTIONS, MDL_COURSE_FORMAT_OPTIONS.COURSEID.eq(c1.getId())))
                .isZero();
        assertThat(dsl.fetchCount(MDL_ENROL, MDL_ENROL.COURSEID.eq(c1.getId()))).isZero();
        assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS)).as("only the other courses' enrolments").isZero();
        assertThat(dsl.fetchCount(MDL_ROLE_ASSIGNMENTS)).isZero();
        assertThat(dsl.fetchCount(MDL_GROUPS)).isZero();
        assertThat(dsl.fetchCount(MDL_GROUPS_MEMBERS)).isZero();
        assertThat(dsl.fetchCount(MDL_EVENT)).isZero();
        assertThat(dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtyusers")
                .and(MDL_CACHE_FLAGS.NAME.eq(Long.toString(sam))))).isEqualTo(1);
        var arts = category(dsl, "Arts");
        assertThat(arts.getCoursecount()).isEqualTo(2L);
        assertThat(List.of(course(dsl, "C2").getSortorder(), course(dsl, "C3").getSortorder()))
                .as("renumbered without a gap").containsExactlyInAnyOrder(arts.getSortorder() + 1,
                        arts.getSortorder() + 2);

        var before = snapshot(dsl);
        RunResult again = engine(db).courseDeletes().from(file(dir, "deletecourses.csv", "C1", "NOSUCH"))
                .execute();
        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.SKIPPED);
        assertThat(snapshot(dsl)).isEqualTo(before);
    }

    @OnEachDatabase
    void refusesACourseHoldingActivitiesOrFilesWholly(TestDatabase db) throws IOException {
        CourseTesting.users(db, "jdoe");
        threeCourses(db);
        DSLContext dsl = db.dsl();
        MdlCourseRecord c1 = course(dsl, "C1");
        dsl.insertInto(MDL_COURSE_MODULES).set(MDL_COURSE_MODULES.COURSE, c1.getId())
                .set(MDL_COURSE_MODULES.MODULE, 1L).set(MDL_COURSE_MODULES.INSTANCE, 1L).execute();
        long c2ctx = context(dsl, 50, course(dsl, "C2").getId()).getId();
        dsl.insertInto(MDL_FILES).set(MDL_FILES.CONTENTHASH, "a".repeat(40)).set(MDL_FILES.PATHNAMEHASH, "b".repeat(40))
                .set(MDL_FILES.CONTEXTID, c2ctx).set(MDL_FILES.COMPONENT, "course").set(MDL_FILES.FILEAREA, "summary")
                .set(MDL_FILES.ITEMID, 0L).set(MDL_FILES.FILEPATH, "/").set(MDL_FILES.FILENAME, "x.png")
                .set(MDL_FILES.FILESIZE, 1L).set(MDL_FILES.TIMECREATED, 1L).set(MDL_FILES.TIMEMODIFIED, 1L).execute();
        var before = snapshot(dsl);

        RunResult run = engine(db).courseDeletes().identifyBy(CourseKey.IDNUMBER)
                .from(file(dir, "deletecourses.csv", "I1", "I2")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.FAILED);
        assertThat(run.failures().get(0).error().reason()).contains("holds 1 activities")
                .contains("delete_course.php --courseid=" + c1.getId());
        assertThat(run.failures().get(1).error().reason()).contains("1 files");
        assertThat(snapshot(dsl)).as("no half-deleted course").isEqualTo(before);
        assertThat(Files.readAllLines(run.trybackFile())).as("no header line, as the file").containsExactly("I1", "I2");
    }

    @OnEachDatabase
    void aDryRunDeletesNothing(TestDatabase db) throws IOException {
        CourseTesting.users(db, "jdoe");
        threeCourses(db);
        var before = snapshot(db.dsl());

        RunResult run = engine(db).courseDeletes().dryRun().from(file(dir, "d.csv", "C1", "C2")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.DELETED);
        assertThat(run.lines()).allMatch(LineResult::dryRun);
        assertThat(snapshot(db.dsl())).isEqualTo(before);
    }

    @OnEachDatabase
    void checksWhetherCoursesExistAndNeverWrites(TestDatabase db) throws IOException {
        CourseTesting.users(db, "jdoe");
        threeCourses(db);
        var before = snapshot(db.dsl());

        RunResult run = engine(db).courseChecks().from(file(dir, "courses.csv", "C1;first course", "NOPE",
                "C3")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.UNCHANGED, Outcome.SKIPPED, Outcome.UNCHANGED);
        assertThat(run.lines().get(0).messages().get(0)).contains("exists: id " + course(db.dsl(), "C1").getId())
                .contains("fullname One").contains("category Arts").contains("(first course)");
        assertThat(run.lines().get(1).messages().get(0)).startsWith("not found");
        assertThat(run.notices()).contains("3 courses checked: 2 exist, 1 do not (nothing was written)");
        assertThat(run.trybackFile()).isNull();
        assertThat(snapshot(db.dsl())).isEqualTo(before);

        RunResult byId = engine(db).courseChecks().identifyBy(CourseKey.ID).from(file(dir, "ids.csv",
                Long.toString(course(db.dsl(), "C2").getId()), "abc")).execute();
        assertThat(byId.lines()).extracting(LineResult::outcome).containsExactly(Outcome.UNCHANGED, Outcome.FAILED);
    }
}
