package org.moodlesync.jooq.internal.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.internal.course.CourseTesting.NOW;
import static org.moodlesync.jooq.internal.course.CourseTesting.context;
import static org.moodlesync.jooq.internal.course.CourseTesting.course;
import static org.moodlesync.jooq.internal.course.CourseTesting.engine;
import static org.moodlesync.jooq.internal.course.CourseTesting.file;
import static org.moodlesync.jooq.internal.course.CourseTesting.roleId;
import static org.moodlesync.jooq.internal.course.CourseTesting.snapshot;
import static org.moodlesync.jooq.internal.course.CourseTesting.userId;
import static org.moodlesync.jooq.schema.Tables.MDL_BLOCK_INSTANCES;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_MODULES;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseSectionsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/** Meta-course bindings and courses from a template, on H2, PostgreSQL and MariaDB. */
class CourseMetaAndTemplateTest {

    @TempDir
    Path dir;

    private static void enableMeta(DSLContext dsl) {
        dsl.update(MDL_CONFIG).set(MDL_CONFIG.VALUE, "manual,guest,self,cohort,meta")
                .where(MDL_CONFIG.NAME.eq("enrol_plugins_enabled")).execute();
    }

    @OnEachDatabase
    void linksAMetaCourseWithTheEnrolmentsAndRolesItImplies(TestDatabase db) throws IOException {
        CourseTesting.users(db, "tom", "sam", "sid");
        engine(db).courses().from(file(dir, "c.csv", "shortname;fullname", "MASTER;Master", "META;Meta"))
                .execute();
        DSLContext dsl = db.dsl();
        enableMeta(dsl);
        CourseTesting.enrol(dsl, "MASTER", "tom", "editingteacher", "manual", 0);
        CourseTesting.enrol(dsl, "MASTER", "sam", "student", "manual", 0);
        CourseTesting.enrol(dsl, "MASTER", "sid", "student", "manual", 1);
        long meta = course(dsl, "META").getId();
        long metaCtx = context(dsl, 50, meta).getId();

        var untouched = snapshot(dsl);
        RunResult dry = engine(db).courseMetas().dryRun().from(file(dir, "dry.csv", "master;meta", "MASTER;META"))
                .execute();
        assertThat(dry.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(dry.lines().get(0).changes()).contains(new FieldChange("enrolments through the link", null, "3"));
        assertThat(snapshot(dsl)).as("a dry run writes nothing").isEqualTo(untouched);

        RunResult run = engine(db).courseMetas().from(file(dir, "metacourses.csv", "master;meta;cmd",
                "MASTER;META;add", "MASTER;MASTER;add", "NOPE;META;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.FAILED, Outcome.FAILED);
        assertThat(run.failures().get(0).error().reason()).contains("linked to itself");
        assertThat(run.failures().get(1).error().field()).isEqualTo("master");
        MdlEnrolRecord link = dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(meta))
                .and(MDL_ENROL.ENROL.eq("meta")).fetchOne();
        assertThat(link.getCustomint1()).isEqualTo(course(dsl, "MASTER").getId());
        assertThat(link.getCustomint2()).isZero();
        assertThat(link.getStatus()).isZero();
        assertThat(link.getSortorder()).isEqualTo(3L);
        assertThat(link.getTimecreated()).isEqualTo(NOW);
        assertThat(dsl.select(MDL_USER_ENROLMENTS.USERID, MDL_USER_ENROLMENTS.STATUS).from(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.eq(link.getId())).orderBy(MDL_USER_ENROLMENTS.USERID)
                .fetch(r -> r.value1() + ":" + r.value2())).containsExactly(userId(dsl, "tom") + ":0",
                userId(dsl, "sam") + ":0", userId(dsl, "sid") + ":1");
        assertThat(dsl.select(MDL_ROLE_ASSIGNMENTS.USERID, MDL_ROLE_ASSIGNMENTS.ROLEID).from(MDL_ROLE_ASSIGNMENTS)
                .where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(metaCtx)).and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("enrol_meta"))
                .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(link.getId())).orderBy(MDL_ROLE_ASSIGNMENTS.USERID)
                .fetch(r -> r.value1() + ":" + r.value2())).as("roles of active enrolments only")
                .containsExactly(userId(dsl, "tom") + ":" + roleId(dsl, "editingteacher"),
                        userId(dsl, "sam") + ":" + roleId(dsl, "student"));
        assertThat(run.lines().get(0).changes()).contains(new FieldChange("enrolments through the link", null, "3"),
                new FieldChange("roles through the link", null, "2"));

        var before = snapshot(dsl);
        RunResult again = engine(db).courseMetas().from(file(dir, "metacourses.csv", "master;meta",
                "MASTER;META")).execute();
        assertThat(again.lines().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(snapshot(dsl)).isEqualTo(before);

        RunResult del = engine(db).courseMetas().from(file(dir, "m2.csv", "master;meta;cmd", "MASTER;META;del"))
                .execute();
        assertThat(del.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(dsl.select(MDL_ENROL.STATUS).from(MDL_ENROL).where(MDL_ENROL.ID.eq(link.getId())).fetchOne()
                .value1()).as("tool_sync's bug #12 fixed: del disables").isEqualTo(1L);
        RunResult delAgain = engine(db).courseMetas().from(file(dir, "m2.csv", "master;meta;cmd",
                "MASTER;META;del")).execute();
        assertThat(delAgain.lines().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @OnEachDatabase
    void refusesMetaLinksWhenEnrolMetaIsDisabled(TestDatabase db) throws IOException {
        engine(db).courses().from(file(dir, "c.csv", "shortname;fullname", "A;A", "B;B")).execute();
        var before = snapshot(db.dsl());

        RunResult run = engine(db).courseMetas().from(file(dir, "m.csv", "master;meta", "A;B")).execute();

        assertThat(run.lines().get(0).error().reason()).contains("enrol_meta) is not enabled");
        assertThat(snapshot(db.dsl())).isEqualTo(before);
    }

    @OnEachDatabase
    void createsACourseFromATemplateAndSaysWhatWasNotCopied(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        engine(db).courses().from(file(dir, "t.csv",
                "shortname;fullname;idnumber;format;summary;numsections;topic1;topic2;self;lang;coursedisplay",
                "TPL;Template;TPL-ID;weeks;Template summary;3;Week one|Read this;Week two;1;fr;1")).execute();
        MdlCourseRecord tpl = course(dsl, "TPL");
        long tplCtx = context(dsl, 50, tpl.getId()).getId();
        dsl.update(MDL_COURSE_SECTIONS).set(MDL_COURSE_SECTIONS.VISIBLE, (short) 0)
                .where(MDL_COURSE_SECTIONS.COURSE.eq(tpl.getId())).and(MDL_COURSE_SECTIONS.SECTION.eq(2L)).execute();
        long blockId = dsl.insertInto(MDL_BLOCK_INSTANCES).set(MDL_BLOCK_INSTANCES.BLOCKNAME, "html")
                .set(MDL_BLOCK_INSTANCES.PARENTCONTEXTID, tplCtx).set(MDL_BLOCK_INSTANCES.SHOWINSUBCONTEXTS, (short) 0)
                .set(MDL_BLOCK_INSTANCES.PAGETYPEPATTERN, "course-view-*").set(MDL_BLOCK_INSTANCES.DEFAULTREGION,
                        "side-pre").set(MDL_BLOCK_INSTANCES.DEFAULTWEIGHT, 0L).set(MDL_BLOCK_INSTANCES.CONFIGDATA, "")
                .set(MDL_BLOCK_INSTANCES.TIMECREATED, 1L).set(MDL_BLOCK_INSTANCES.TIMEMODIFIED, 1L)
                .returningResult(MDL_BLOCK_INSTANCES.ID).fetchOne().value1();
        dsl.insertInto(MDL_CONTEXT).set(MDL_CONTEXT.CONTEXTLEVEL, 80L).set(MDL_CONTEXT.INSTANCEID, blockId)
                .set(MDL_CONTEXT.PATH, "/x").set(MDL_CONTEXT.DEPTH, (short) 5).execute();
        long forum = dsl.insertInto(MDL_MODULES).set(MDL_MODULES.NAME, "forum").returningResult(MDL_MODULES.ID)
                .fetchOne().value1();
        dsl.insertInto(MDL_COURSE_MODULES).set(MDL_COURSE_MODULES.COURSE, tpl.getId())
                .set(MDL_COURSE_MODULES.MODULE, forum).set(MDL_COURSE_MODULES.INSTANCE, 1L).execute();

        Path fromTemplate = file(dir, "n.csv", "shortname;fullname;idnumber;category;template;topic2",
                "NEW1;From template;NEW-ID;Copies;TPL-ID;Renamed week");
        var untouched = snapshot(dsl);
        RunResult dry = engine(db).courses().dryRun().from(fromTemplate).execute();
        assertThat(dry.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(dry.lines().get(0).messages()).anyMatch(m -> m.startsWith("NOT COPIED: 1 activities"));
        assertThat(snapshot(dsl)).as("a dry run writes nothing").isEqualTo(untouched);

        RunResult run = engine(db).courses().from(fromTemplate).execute();

        LineResult line = run.lines().get(0);
        assertThat(line.outcome()).as(String.valueOf(line.error())).isEqualTo(Outcome.CREATED);
        assertThat(line.messages()).anyMatch(m -> m.startsWith("copied from template TPL: settings, format options,"
                + " 4 sections, 3 enrolment methods, 1 blocks"))
                .anyMatch(m -> m.startsWith("NOT COPIED: 1 activities (forum x1)"));
        MdlCourseRecord copy = course(dsl, "NEW1");
        assertThat(copy.getFormat()).isEqualTo("weeks");
        assertThat(copy.getSummary()).isEqualTo("Template summary");
        assertThat(copy.getLang()).isEqualTo("fr");
        assertThat(copy.getIdnumber()).isEqualTo("NEW-ID");
        assertThat(copy.getOriginalcourseid()).isEqualTo(tpl.getId());
        assertThat(copy.getCacherev()).isEqualTo(NOW);
        assertThat(CoursesFileTest.options(dsl, copy.getId())).containsEntry("coursedisplay", "1");
        List<MdlCourseSectionsRecord> sections = CoursesFileTest.sections(dsl, copy.getId());
        assertThat(sections).extracting(MdlCourseSectionsRecord::getName)
                .containsExactly(null, "Week one", "Renamed week", null);
        assertThat(sections.get(1).getSummary()).isEqualTo("Read this");
        assertThat(sections.get(2).getVisible().intValue()).isZero();
        assertThat(CoursesFileTest.enrols(dsl, copy.getId())).extracting(MdlEnrolRecord::getEnrol)
                .containsExactly("manual", "guest", "self");
        assertThat(CoursesFileTest.enrols(dsl, copy.getId())).extracting(MdlEnrolRecord::getStatus)
                .containsExactly(0L, 1L, 0L);
        long copyCtx = context(dsl, 50, copy.getId()).getId();
        var block = dsl.selectFrom(MDL_BLOCK_INSTANCES).where(MDL_BLOCK_INSTANCES.PARENTCONTEXTID.eq(copyCtx))
                .fetchOne();
        assertThat(block.getBlockname()).isEqualTo("html");
        var blockCtx = context(dsl, 80, block.getId());
        assertThat(blockCtx.getPath()).isEqualTo(context(dsl, 50, copy.getId()).getPath() + "/" + blockCtx.getId());
        assertThat(dsl.fetchCount(MDL_COURSE_MODULES, MDL_COURSE_MODULES.COURSE.eq(copy.getId()))).isZero();

        var before = snapshot(dsl);
        RunResult again = engine(db).courses().from(fromTemplate).execute();
        assertThat(again.lines().get(0).outcome()).as("a rerun changes nothing").isEqualTo(Outcome.UNCHANGED);
        assertThat(snapshot(dsl)).isEqualTo(before);

        RunResult missing = engine(db).courses().from(file(dir, "m.csv", "shortname;fullname;template",
                "NEW2;Two;NOSUCH")).execute();
        assertThat(missing.failures().get(0).error().reason()).contains("no template course NOSUCH");
    }
}
