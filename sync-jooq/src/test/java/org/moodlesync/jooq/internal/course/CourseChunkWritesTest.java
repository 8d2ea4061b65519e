package org.moodlesync.jooq.internal.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.internal.course.CourseTesting.category;
import static org.moodlesync.jooq.internal.course.CourseTesting.context;
import static org.moodlesync.jooq.internal.course.CourseTesting.course;
import static org.moodlesync.jooq.internal.course.CourseTesting.engine;
import static org.moodlesync.jooq.internal.course.CourseTesting.file;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.jooq.schema.tables.records.MdlContextRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * The set-wise course writer: plain new courses gathered and written with the chunk's, the other lines in between
 * written at once, a chunk the database refuses replayed line by line.
 */
class CourseChunkWritesTest {

    @TempDir
    Path dir;

    @OnEachDatabase
    void gatheredAndImmediateLinesOfOneChunkKeepFileOrder(TestDatabase db) throws IOException {
        CourseTesting.users(db, "jdoe");
        DSLContext dsl = db.dsl();
        engine(db).courses().from(file(dir, "a.csv", "shortname;fullname;category", "OLD;Old;Arts")).execute();
        RunResult run = engine(db).courses().from(file(dir, "b.csv",
                "shortname;fullname;category;self;teacher1_account",
                "P1;P one;Arts/Painting;1;",
                "T1;T one;Arts/Painting;;jdoe",
                "P1;P one renamed;;;",
                "P2;P two;Arts/Painting;;",
                "OLD;Old;Arts;;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED,
                Outcome.UPDATED, Outcome.CREATED, Outcome.UNCHANGED);
        MdlCourseRecord p1 = course(dsl, "P1");
        MdlCourseRecord t1 = course(dsl, "T1");
        MdlCourseRecord p2 = course(dsl, "P2");
        assertThat(p1.getFullname()).isEqualTo("P one renamed");
        assertThat(List.of(p1.getId(), t1.getId(), p2.getId())).as("ids in file order").isSorted();
        long painting = category(dsl, "Painting").getId();
        assertThat(List.of(p2.getSortorder(), t1.getSortorder(), p1.getSortorder()))
                .as("newest first, as sequential creation orders them")
                .containsExactly(category(dsl, "Painting").getSortorder() + 1,
                        category(dsl, "Painting").getSortorder() + 2, category(dsl, "Painting").getSortorder() + 3);
        MdlContextRecord paintingCtx = context(dsl, 40, painting);
        for (MdlCourseRecord c : List.of(p1, t1, p2)) {
            MdlContextRecord ctx = context(dsl, 50, c.getId());
            assertThat(ctx.getPath()).isEqualTo(paintingCtx.getPath() + "/" + ctx.getId());
            assertThat(ctx.getDepth().intValue()).isEqualTo(paintingCtx.getDepth().intValue() + 1);
            assertThat(dsl.select(MDL_ENROL.ENROL, MDL_ENROL.SORTORDER).from(MDL_ENROL)
                    .where(MDL_ENROL.COURSEID.eq(c.getId())).orderBy(MDL_ENROL.ID).fetch(MDL_ENROL.SORTORDER))
                    .containsExactly(0L, 1L, 2L);
        }
        assertThat(dsl.select(MDL_ENROL.STATUS).from(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(p1.getId()))
                .and(MDL_ENROL.ENROL.eq("self")).fetchOne().value1()).as("self=1 enabled it").isZero();
        assertThat(dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtycontexts")
                .and(MDL_CACHE_FLAGS.NAME.eq(context(dsl, 50, p1.getId()).getPath())))).isEqualTo(1);
        assertThat(p2.getCacherev()).isEqualTo(CourseTesting.NOW);
    }

    @OnEachDatabase
    void aChunkTheDatabaseRefusesIsRolledBackAndReplayedLineByLine(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        long nextCourseId = dsl.select(org.jooq.impl.DSL.max(MDL_COURSE.ID)).from(MDL_COURSE).fetchOne().value1() + 1;
        dsl.insertInto(MDL_CONTEXT).set(MDL_CONTEXT.CONTEXTLEVEL, 50L).set(MDL_CONTEXT.INSTANCEID, nextCourseId)
                .set(MDL_CONTEXT.PATH, "/1/999").set(MDL_CONTEXT.DEPTH, (short) 2).execute();

        RunResult run = engine(db).courses().from(file(dir, "a.csv", "shortname;fullname;category",
                "C1;One;Sciences", "C2;Two;Sciences", "C3;Three;Sciences")).execute();

        // the chunk's context insert clashed with the stray row: the chunk was rolled back (course
        // nextCourseId is gone) and replayed line by line, with new ids
        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.CREATED);
        assertThat(dsl.fetchCount(MDL_COURSE, MDL_COURSE.ID.eq(nextCourseId))).isZero();
        MdlContextRecord sciences = context(dsl, 40, category(dsl, "Sciences").getId());
        for (String shortname : List.of("C1", "C2", "C3")) {
            MdlContextRecord ctx = context(dsl, 50, course(dsl, shortname).getId());
            assertThat(ctx.getPath()).isEqualTo(sciences.getPath() + "/" + ctx.getId());
        }
        assertThat(category(dsl, "Sciences").getCoursecount()).isEqualTo(3L);
        assertThat(run.trybackFile()).isNull();
    }

    @OnEachDatabase
    void aLineTheDatabaseRefusesFailsAloneAndLeavesNothingBehind(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        long nextCourseId = dsl.select(org.jooq.impl.DSL.max(MDL_COURSE.ID)).from(MDL_COURSE).fetchOne().value1() + 1;
        // stray contexts for every id the line could get: its course can never be written
        for (long id = nextCourseId; id < nextCourseId + 10; id++) {
            dsl.insertInto(MDL_CONTEXT).set(MDL_CONTEXT.CONTEXTLEVEL, 50L).set(MDL_CONTEXT.INSTANCEID, id)
                    .set(MDL_CONTEXT.PATH, "/1/" + (900 + id)).set(MDL_CONTEXT.DEPTH, (short) 2).execute();
        }

        RunResult run = engine(db).courses().from(file(dir, "a.csv", "shortname;fullname", "C1;One")).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(run.lines().get(0).error().reason()).startsWith("the database refused the line");
        assertThat(course(dsl, "C1")).as("the course row of the failed line is rolled back").isNull();
        assertThat(Files.readAllLines(run.trybackFile())).containsExactly("shortname;fullname", "C1;One");
    }
}
