package org.moodlesync.jooq.internal.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.internal.course.CourseTesting.NOW;
import static org.moodlesync.jooq.internal.course.CourseTesting.category;
import static org.moodlesync.jooq.internal.course.CourseTesting.context;
import static org.moodlesync.jooq.internal.course.CourseTesting.course;
import static org.moodlesync.jooq.internal.course.CourseTesting.engine;
import static org.moodlesync.jooq.internal.course.CourseTesting.engineLater;
import static org.moodlesync.jooq.internal.course.CourseTesting.file;
import static org.moodlesync.jooq.internal.course.CourseTesting.snapshot;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CategoryKey;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseSection;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.jooq.schema.tables.records.MdlContextRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseCategoriesRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseSectionsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.version.MoodleBranch;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.jooq.impl.DSL;

/** The course file end to end (file → engine → jOOQ writer → rows) on H2, PostgreSQL and MariaDB. */
class CoursesFileTest {

    static final String HEADER = "shortname;fullname;category;format;idnumber;topic1;topic2;self";

    @TempDir
    Path dir;

    @OnEachDatabase
    void createsCoursesAndCategoriesWithTheRowsMoodleWrites(TestDatabase db) throws IOException {
        Path f = file(dir, "uploadcourses.csv", HEADER,
                "CHEM101;Chemistry 101;Science/Chemistry;topics;C101;Intro|Welcome;Atoms;1",
                "PHYS101;Physics 101;Science/Physics;weeks;P101;;;0");

        RunResult run = engine(db).courses().from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.counts().created()).isEqualTo(2);
        DSLContext dsl = db.dsl();

        // categories: created on demand, numbered as fix_course_sortorder numbers them
        MdlCourseCategoriesRecord science = category(dsl, "Science");
        MdlCourseCategoriesRecord chemistry = category(dsl, "Chemistry");
        MdlCourseCategoriesRecord physics = category(dsl, "Physics");
        MdlCourseCategoriesRecord first = category(dsl, "Category 1");
        assertThat(science.getParent()).isZero();
        assertThat(science.getDepth()).isEqualTo(1L);
        assertThat(science.getPath()).isEqualTo("/" + science.getId());
        assertThat(science.getIdnumber()).isNull();
        assertThat(science.getVisible().intValue()).isEqualTo(1);
        assertThat(science.getTimemodified()).isEqualTo(NOW);
        assertThat(chemistry.getParent()).isEqualTo(science.getId());
        assertThat(chemistry.getDepth()).isEqualTo(2L);
        assertThat(chemistry.getPath()).isEqualTo("/" + science.getId() + "/" + chemistry.getId());
        assertThat(List.of(first.getSortorder(), science.getSortorder(), chemistry.getSortorder(),
                physics.getSortorder())).containsExactly(10_000L, 20_000L, 30_000L, 40_000L);
        assertThat(List.of(first.getCoursecount(), science.getCoursecount(), chemistry.getCoursecount(),
                physics.getCoursecount())).containsExactly(0L, 0L, 1L, 1L);
        MdlContextRecord scienceCtx = context(dsl, 40, science.getId());
        MdlContextRecord chemistryCtx = context(dsl, 40, chemistry.getId());
        assertThat(scienceCtx.getPath()).isEqualTo("/1/" + scienceCtx.getId());
        assertThat(chemistryCtx.getPath()).isEqualTo(scienceCtx.getPath() + "/" + chemistryCtx.getId());
        assertThat(chemistryCtx.getDepth().intValue()).isEqualTo(3);

        // the course row
        MdlCourseRecord chem = course(dsl, "CHEM101");
        assertThat(chem.getFullname()).isEqualTo("Chemistry 101");
        assertThat(chem.getIdnumber()).isEqualTo("C101");
        assertThat(chem.getCategory()).isEqualTo(chemistry.getId());
        assertThat(chem.getSortorder()).isEqualTo(30_001L);
        assertThat(chem.getFormat()).isEqualTo("topics");
        assertThat(chem.getSummary()).isEmpty();
        assertThat(chem.getSummaryformat().intValue()).isEqualTo(1);
        assertThat(chem.getVisible().intValue()).isEqualTo(1);
        assertThat(chem.getVisibleold().intValue()).isEqualTo(1);
        assertThat(chem.getNewsitems()).isEqualTo(5);
        assertThat(chem.getShowgrades().intValue()).isEqualTo(1);
        assertThat(chem.getEnablecompletion().intValue()).isEqualTo(1);
        assertThat(chem.getShowcompletionconditions().intValue()).isEqualTo(1);
        assertThat(chem.getShowactivitydates().intValue()).isEqualTo(1);
        long midnight = Instant.ofEpochSecond(NOW).atZone(ZoneId.of("Europe/London")).toLocalDate()
                .atStartOfDay(ZoneId.of("Europe/London")).toEpochSecond();
        assertThat(chem.getStartdate()).isEqualTo(midnight);
        assertThat(chem.getEnddate()).isEqualTo(midnight + 31_536_000L);
        assertThat(chem.getTimecreated()).isEqualTo(NOW);
        assertThat(chem.getTimemodified()).isEqualTo(NOW);
        assertThat(chem.getCacherev()).isEqualTo(NOW);
        assertThat(dsl.select(MDL_COURSE.SORTORDER).from(MDL_COURSE).where(MDL_COURSE.ID.eq(1L))
                .fetchOne(MDL_COURSE.SORTORDER)).as("front page course").isEqualTo(1L);

        MdlContextRecord chemCtx = context(dsl, 50, chem.getId());
        assertThat(chemCtx.getPath()).isEqualTo(chemistryCtx.getPath() + "/" + chemCtx.getId());
        assertThat(chemCtx.getDepth().intValue()).isEqualTo(4);

        // format options, sections
        assertThat(options(dsl, chem.getId())).containsExactly(Map.entry("coursedisplay", "0"),
                Map.entry("hiddensections", "1"));
        List<MdlCourseSectionsRecord> sections = sections(dsl, chem.getId());
        assertThat(sections).extracting(MdlCourseSectionsRecord::getSection).containsExactly(0L, 1L, 2L);
        assertThat(sections.get(0).getName()).isNull();
        assertThat(sections.get(1).getName()).isEqualTo("Intro");
        assertThat(sections.get(1).getSummary()).isEqualTo("Welcome");
        assertThat(sections.get(2).getName()).isEqualTo("Atoms");
        assertThat(sections.get(2).getSummary()).isEmpty();
        assertThat(sections).allSatisfy(s -> {
            assertThat(s.getSequence()).isEmpty();
            assertThat(s.getSummaryformat().intValue()).isEqualTo(1);
            assertThat(s.getVisible().intValue()).isEqualTo(1);
            assertThat(s.getComponent()).isNull();
            assertThat(s.getTimemodified()).isEqualTo(NOW);
        });

        // enrolment instances: manual, guest, self (enabled by the self column)
        List<MdlEnrolRecord> enrols = enrols(dsl, chem.getId());
        assertThat(enrols).extracting(MdlEnrolRecord::getEnrol).containsExactly("manual", "guest", "self");
        assertThat(enrols).extracting(MdlEnrolRecord::getSortorder).containsExactly(0L, 1L, 2L);
        assertThat(enrols).extracting(MdlEnrolRecord::getStatus).containsExactly(0L, 1L, 0L);
        long student = dsl.select(org.moodlesync.jooq.schema.Tables.MDL_ROLE.ID)
                .from(org.moodlesync.jooq.schema.Tables.MDL_ROLE)
                .where(org.moodlesync.jooq.schema.Tables.MDL_ROLE.SHORTNAME.eq("student")).fetchOne().value1();
        assertThat(enrols.get(0).getRoleid()).isEqualTo(student);
        assertThat(enrols.get(0).getExpirythreshold()).isEqualTo(86_400L);
        assertThat(enrols.get(0).getCustomint1()).isEqualTo(1L);
        assertThat(enrols.get(1).getPassword()).isEmpty();
        assertThat(enrols.get(2).getCustomint6()).isEqualTo(1L);
        assertThat(enrols.get(2).getPassword()).isNull();
        assertThat(enrols).allSatisfy(e -> assertThat(e.getTimecreated()).isEqualTo(NOW));

        // weeks: its three options, sections 0..4 (site default), end date after the last week
        MdlCourseRecord phys = course(dsl, "PHYS101");
        assertThat(options(dsl, phys.getId())).containsOnlyKeys("hiddensections", "coursedisplay",
                "automaticenddate");
        assertThat(sections(dsl, phys.getId())).hasSize(5);
        long weeksEnd = Instant.ofEpochSecond(phys.getStartdate()).atZone(ZoneId.of("Europe/London")).plusWeeks(4)
                .toEpochSecond();
        assertThat(phys.getEnddate()).isEqualTo(weeksEnd);
        assertThat(enrols(dsl, phys.getId())).extracting(MdlEnrolRecord::getStatus).containsExactly(0L, 1L, 1L);

        LineResult line = run.lines().get(0);
        assertThat(line.entity()).isEqualTo("course CHEM101");
        assertThat(line.changes()).contains(new FieldChange("category", null, "Science/Chemistry"));
        assertThat(line.messages()).contains("category Science created", "category Science/Chemistry created");
        assertThat(run.notices()).anyMatch(n -> n.startsWith("3 categories created") && n.contains("purge"));
        assertThat(run.reportFile()).exists();
        assertThat(run.trybackFile()).isNull();
    }

    @OnEachDatabase
    void fullnamesAndSectionNamesAsLongAsTheSitesBranchHolds(TestDatabase db) throws IOException {
        String longName = "N".repeat(300);
        Path f = file(dir, "long.csv", HEADER,
                "LONG1;" + longName + ";Misc;topics;L1;;;0",
                "LONG2;Long sections;Misc;topics;L2;" + longName + ";;0");

        RunResult run = engine(db).courses().from(f).execute();

        boolean wideFullname = db.branch().compareTo(MoodleBranch.MOODLE_5_0) >= 0; // 254 before, then 1333
        boolean wideSectionName = db.branch().compareTo(MoodleBranch.MOODLE_5_1) >= 0; // 255 before, then 1333
        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(
                wideFullname ? Outcome.CREATED : Outcome.FAILED, wideSectionName ? Outcome.CREATED : Outcome.FAILED);
        if (wideFullname) {
            assertThat(course(db.dsl(), "LONG1").getFullname()).isEqualTo(longName);
        } else {
            assertThat(run.lines().get(0).error().field()).isEqualTo("fullname");
            assertThat(run.lines().get(0).error().reason()).isEqualTo("300 characters are more than the site's Moodle "
                    + db.branch().label() + " holds in course.fullname (254); Moodle 5.0 and later hold 1333 characters");
            assertThat(course(db.dsl(), "LONG1")).isNull();
        }
        if (wideSectionName) {
            assertThat(sections(db.dsl(), course(db.dsl(), "LONG2").getId()).get(1).getName()).isEqualTo(longName);
        } else {
            assertThat(run.lines().get(1).error().field()).isEqualTo("topic1");
            assertThat(run.lines().get(1).error().reason()).contains("course_sections.name (255)")
                    .endsWith("Moodle 5.1 and later hold 1333 characters");
            assertThat(course(db.dsl(), "LONG2")).isNull();
        }
    }

    @OnEachDatabase
    void aRerunOfTheSameFileChangesNothing(TestDatabase db) throws IOException {
        Path f = file(dir, "uploadcourses.csv", HEADER + ";teacher1_account;teacher1_role",
                "CHEM101;Chemistry 101;Science/Chemistry;topics;C101;Intro|Welcome;Atoms;1;jdoe;editingteacher",
                "PHYS101;Physics 101;Science/Physics;weeks;P101;;;0;;");
        CourseTesting.users(db, "jdoe");
        engine(db).courses().from(f).execute();
        var before = snapshot(db.dsl());

        RunResult again = engineLater(db, Duration.ofHours(2)).courses().from(f).execute();

        assertThat(again.lines()).extracting(LineResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(again.lines()).allSatisfy(l -> assertThat(l.changes()).isEmpty());
        assertThat(snapshot(db.dsl())).isEqualTo(before);
    }

    @OnEachDatabase
    void aCreatedLineListsEveryValueItStored(TestDatabase db) throws IOException {
        RunResult run = engine(db).courses().from(file(dir, "c.csv",
                "shortname;fullname;idnumber;summary;lang;category;visible;topic1",
                "BIO1;Biology 1;B1;Cells;fr;Science;0;Start")).execute();

        long start = course(db.dsl(), "BIO1").getStartdate();
        assertThat(run.lines().get(0).changes()).extracting(FieldChange::toString).containsExactly(
                "shortname: BIO1", "fullname: Biology 1", "idnumber: B1", "category: Science", "format: topics",
                "summary: Cells", "visible: 0", "lang: fr", "startdate: " + start, "sections: 0-1",
                "topic1.name: Start", "enrolments: manual, guest (disabled), self (disabled)");
    }

    @OnEachDatabase
    void updatesOnlyTheColumnsPresentInTheFile(TestDatabase db) throws IOException {
        engine(db).courses().from(file(dir, "a.csv", "shortname;fullname;idnumber;summary;lang;category",
                "CHEM101;Chemistry 101;C101;About atoms;fr;Science")).execute();
        MdlCourseRecord before = course(db.dsl(), "CHEM101");

        RunResult run = engineLater(db, Duration.ofHours(1)).courses().from(file(dir, "b.csv",
                "shortname;fullname;visible;topic1", "CHEM101;Chemistry 1;0;Start")).execute();

        LineResult line = run.lines().get(0);
        assertThat(line.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(line.changes()).extracting(FieldChange::field)
                .containsExactly("fullname", "visible", "visibleold", "topic1.name");
        MdlCourseRecord after = course(db.dsl(), "CHEM101");
        assertThat(after.getFullname()).isEqualTo("Chemistry 1");
        assertThat(after.getVisible().intValue()).isZero();
        assertThat(after.getVisibleold().intValue()).isZero();
        assertThat(after.getIdnumber()).as("absent column untouched").isEqualTo("C101");
        assertThat(after.getSummary()).isEqualTo("About atoms");
        assertThat(after.getLang()).isEqualTo("fr");
        assertThat(after.getStartdate()).isEqualTo(before.getStartdate());
        assertThat(after.getTimemodified()).isEqualTo(NOW + 3600);
        assertThat(after.getTimecreated()).isEqualTo(NOW);
        assertThat(after.getCacherev()).isEqualTo(NOW + 3600);
        assertThat(sections(db.dsl(), after.getId()).get(1).getName()).isEqualTo("Start");

        // tool_sync's "reset missing columns" only on request
        RunResult reset = engineLater(db, Duration.ofHours(2)).courses().resetMissingColumns(true)
                .from(file(dir, "c.csv", "shortname;fullname", "CHEM101;Chemistry 1")).execute();
        assertThat(reset.lines().get(0).changes()).extracting(FieldChange::field)
                .contains("idnumber", "summary", "lang").doesNotContain("visible");
        MdlCourseRecord wiped = course(db.dsl(), "CHEM101");
        assertThat(wiped.getIdnumber()).isEmpty();
        assertThat(wiped.getSummary()).isEmpty();
        assertThat(wiped.getLang()).isEmpty();
        assertThat(wiped.getVisible().intValue()).as("tool_sync kept visibility").isZero();
    }

    @OnEachDatabase
    void movesACourseWithItsContextAndRenumbersCategories(TestDatabase db) throws IOException {
        engine(db).courses().from(file(dir, "a.csv", "shortname;fullname;category",
                "A1;A one;Arts", "A2;A two;Arts", "B1;B one;Biology")).execute();
        DSLContext dsl = db.dsl();
        MdlCourseRecord a1 = course(dsl, "A1");
        assertThat(List.of(course(dsl, "A1").getSortorder(), course(dsl, "A2").getSortorder()))
                .as("newest first, as Moodle's sequential creation orders them").containsExactly(20_002L, 20_001L);

        RunResult run = engineLater(db, Duration.ofMinutes(5)).courses().from(file(dir, "b.csv",
                "shortname;fullname;category", "A1;A one;Biology")).execute();

        assertThat(run.lines().get(0).changes()).contains(new FieldChange("category", "Arts", "Biology"));
        MdlCourseCategoriesRecord arts = category(dsl, "Arts");
        MdlCourseCategoriesRecord biology = category(dsl, "Biology");
        MdlCourseRecord moved = course(dsl, "A1");
        assertThat(moved.getCategory()).isEqualTo(biology.getId());
        assertThat(arts.getCoursecount()).isEqualTo(1L);
        assertThat(biology.getCoursecount()).isEqualTo(2L);
        assertThat(course(dsl, "A2").getSortorder()).isEqualTo(arts.getSortorder() + 1);
        assertThat(List.of(moved.getSortorder(), course(dsl, "B1").getSortorder()))
                .containsExactlyInAnyOrder(biology.getSortorder() + 1, biology.getSortorder() + 2);
        MdlContextRecord ctx = context(dsl, 50, a1.getId());
        MdlContextRecord biologyCtx = context(dsl, 40, biology.getId());
        assertThat(ctx.getPath()).isEqualTo(biologyCtx.getPath() + "/" + ctx.getId());
        assertThat(dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtycontexts")
                .and(MDL_CACHE_FLAGS.NAME.eq(ctx.getPath())))).isEqualTo(1);

        RunResult protectedRun = engine(db).courses().protectCategory(true).from(file(dir, "c.csv",
                "shortname;fullname;category", "A1;A one;Arts")).execute();
        assertThat(protectedRun.lines().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(course(dsl, "A1").getCategory()).isEqualTo(biology.getId());
    }

    @OnEachDatabase
    void aBadLineFailsAloneAndLeavesNothingBehind(TestDatabase db) throws IOException {
        engine(db).courses().from(file(dir, "a.csv", "shortname;fullname;idnumber", "TAKEN;Taken;T1")).execute();
        Path f = file(dir, "b.csv", "idnumber;shortname;fullname;category;format;startdate;enddate",
                "N1;NEW1;New one;Brand/New;topics;2024-09-01;2024-01-01",
                "N2;TAKEN;Collides;;topics;;",
                "N3;NEW3;New three;;nosuchformat;;",
                "N4;NEW4;New four;Good;topics;2024-09-01;");

        RunResult run = engine(db).courses().identifyBy(CourseKey.IDNUMBER).from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.CREATED);
        assertThat(run.failures().get(0).error().toString()).contains("b.csv:2:7").contains("end date is before");
        assertThat(run.failures().get(1).error().reason()).contains("shortname collision");
        assertThat(run.failures().get(2).error().field()).isEqualTo("format");
        DSLContext dsl = db.dsl();
        assertThat(category(dsl, "Brand")).as("the category of the failed line is rolled back").isNull();
        assertThat(course(dsl, "NEW1")).isNull();
        assertThat(category(dsl, "Good").getCoursecount()).isEqualTo(1L);
        assertThat(course(dsl, "NEW4").getStartdate()).isEqualTo(Instant.parse("2024-08-31T23:00:00Z")
                .getEpochSecond());
        assertThat(Files.readAllLines(run.trybackFile())).hasSize(4);
    }

    @OnEachDatabase
    void aDryRunWritesNothingAndSaysWhatItWouldDo(TestDatabase db) throws IOException {
        engine(db).courses().from(file(dir, "a.csv", "shortname;fullname", "OLD;Old")).execute();
        var before = snapshot(db.dsl());
        Path f = file(dir, "b.csv", HEADER,
                "CHEM101;Chemistry 101;Science/Chemistry;topics;C101;Intro;;1",
                "CHEM102;Chemistry 102;Science/Chemistry;topics;C102;;;",
                "OLD;Old course;Science;;;;;0");

        RunResult run = engine(db).courses().dryRun().from(f).execute();

        assertThat(run.dryRun()).isTrue();
        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.UPDATED);
        assertThat(run.lines()).allMatch(LineResult::dryRun);
        assertThat(run.lines().get(0).messages()).contains("category Science/Chemistry created");
        assertThat(run.lines().get(1).messages()).as("the second line reuses the planned category").isEmpty();
        assertThat(run.lines().get(2).changes()).extracting(FieldChange::field)
                .containsExactly("category", "fullname");
        assertThat(run.notices()).anyMatch(n -> n.startsWith("2 categories would be created"));
        assertThat(snapshot(db.dsl())).isEqualTo(before);
    }

    @OnEachDatabase
    void identifiesCoursesByIdnumberOrIdAndCategoriesByIdnumber(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        engine(db).courses().from(file(dir, "a.csv", "shortname;fullname;idnumber;category;category_idnumber",
                "C1;Course one;ID1;Faculty/Dept;DEPT")).execute();
        MdlCourseCategoriesRecord dept = category(dsl, "Dept");
        assertThat(dept.getIdnumber()).isEqualTo("DEPT");
        assertThat(category(dsl, "Faculty").getIdnumber()).isNull();

        RunResult renamed = engine(db).courses().identifyBy(CourseKey.IDNUMBER).from(file(dir, "b.csv",
                "idnumber;shortname;fullname", "ID1;C1-NEW;Course one")).execute();
        assertThat(renamed.lines().get(0).changes()).containsExactly(new FieldChange("shortname", "C1", "C1-NEW"));

        long id = course(dsl, "C1-NEW").getId();
        RunResult byId = engine(db).courses().identifyBy(CourseKey.ID).from(file(dir, "c.csv",
                "id;summary", id + ";Updated by id", "99999;Nobody")).execute();
        assertThat(byId.lines()).extracting(LineResult::outcome).containsExactly(Outcome.UPDATED, Outcome.FAILED);
        assertThat(byId.failures().get(0).error().reason()).contains("no course with id 99999");

        RunResult byCategoryIdnumber = engine(db).courses().categoryKey(CategoryKey.IDNUMBER)
                .from(file(dir, "d.csv", "shortname;fullname;category", "C2;Two;DEPT", "C3;Three;NOPE")).execute();
        assertThat(byCategoryIdnumber.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.FAILED);
        assertThat(course(dsl, "C2").getCategory()).isEqualTo(dept.getId());
        assertThat(byCategoryIdnumber.failures().get(0).error().reason()).contains("no category with idnumber NOPE");

        RunResult byCategoryId = engine(db).courses().from(file(dir, "e.csv", "shortname;fullname;category",
                "C4;Four;" + dept.getId())).execute();
        assertThat(byCategoryId.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(course(dsl, "C4").getCategory()).isEqualTo(dept.getId());
    }

    @OnEachDatabase
    void enrolsTeachersWithTheirRole(TestDatabase db) throws IOException {
        CourseTesting.users(db, "jdoe", "bsmith");
        DSLContext dsl = db.dsl();
        RunResult run = engine(db).courses().from(file(dir, "a.csv",
                "shortname;fullname;teacher1_account;teacher2_account;teacher2_role",
                "C1;One;jdoe;ID-bsmith;editingteacher",
                "C2;Two;nobody;;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.FAILED);
        assertThat(run.failures().get(0).error().field()).isEqualTo("teacher1_account");
        MdlCourseRecord c1 = course(dsl, "C1");
        MdlContextRecord ctx = context(dsl, 50, c1.getId());
        long manual = dsl.select(MDL_ENROL.ID).from(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(c1.getId()))
                .and(MDL_ENROL.ENROL.eq("manual")).fetchOne().value1();
        for (String username : List.of("jdoe", "bsmith")) {
            long userId = dsl.select(MDL_USER.ID).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)).fetchOne()
                    .value1();
            assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.ENROLID.eq(manual)
                    .and(MDL_USER_ENROLMENTS.USERID.eq(userId)).and(MDL_USER_ENROLMENTS.STATUS.eq(0L))
                    .and(MDL_USER_ENROLMENTS.TIMEEND.eq(0L)))).isEqualTo(1);
            String role = username.equals("jdoe") ? "teacher" : "editingteacher";
            assertThat(dsl.fetchCount(MDL_ROLE_ASSIGNMENTS.join(org.moodlesync.jooq.schema.Tables.MDL_ROLE)
                    .on(org.moodlesync.jooq.schema.Tables.MDL_ROLE.ID.eq(MDL_ROLE_ASSIGNMENTS.ROLEID)),
                    MDL_ROLE_ASSIGNMENTS.USERID.eq(userId).and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(ctx.getId()))
                            .and(org.moodlesync.jooq.schema.Tables.MDL_ROLE.SHORTNAME.eq(role))
                            .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("")))).isEqualTo(1);
            assertThat(dsl.fetchCount(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtyusers")
                    .and(MDL_CACHE_FLAGS.NAME.eq(Long.toString(userId))))).isEqualTo(1);
        }
        assertThat(course(dsl, "C2")).isNull();
    }

    @OnEachDatabase
    void aCourseWithoutCategoryGoesToTheFirstTopLevelCategory(TestDatabase db) throws IOException {
        RunResult run = engine(db).courses().from(file(dir, "a.csv", "shortname;fullname;category",
                "A1;A one;Arts", "D1;Default one;")).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(course(db.dsl(), "D1").getCategory()).isEqualTo(category(db.dsl(), "Category 1").getId());
        assertThat(run.lines().get(1).changes()).contains(new FieldChange("category", null, "Category 1"));
    }

    @OnEachDatabase
    void commandsBuiltInCodeWork(TestDatabase db) {
        RunResult run = engine(db).courses().commands(List.of(CourseCommand.builder()
                .shortname("API1").fullname("From code").category("Code/Made").numsections(2)
                .section(1, new CourseSection("One", null)).guest(true).build())).noOutputFiles().execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
        MdlCourseRecord c = course(db.dsl(), "API1");
        assertThat(sections(db.dsl(), c.getId())).hasSize(3);
        assertThat(enrols(db.dsl(), c.getId())).extracting(MdlEnrolRecord::getStatus).containsExactly(0L, 0L, 1L);
        assertThat(db.dsl().fetchCount(MDL_COURSE_CATEGORIES)).isEqualTo(3);
        assertThat(db.dsl().fetchCount(MDL_CONTEXT, MDL_CONTEXT.CONTEXTLEVEL.eq(40L))).isEqualTo(3);
    }

    static Map<String, String> options(DSLContext dsl, long courseId) {
        return dsl.select(MDL_COURSE_FORMAT_OPTIONS.NAME, MDL_COURSE_FORMAT_OPTIONS.VALUE)
                .from(MDL_COURSE_FORMAT_OPTIONS).where(MDL_COURSE_FORMAT_OPTIONS.COURSEID.eq(courseId))
                .and(MDL_COURSE_FORMAT_OPTIONS.SECTIONID.eq(0L))
                .orderBy(MDL_COURSE_FORMAT_OPTIONS.NAME)
                .fetchMap(MDL_COURSE_FORMAT_OPTIONS.NAME, MDL_COURSE_FORMAT_OPTIONS.VALUE);
    }

    static List<MdlCourseSectionsRecord> sections(DSLContext dsl, long courseId) {
        return SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_COURSE_SECTIONS).where(MDL_COURSE_SECTIONS.COURSE.eq(courseId))
                .orderBy(MDL_COURSE_SECTIONS.SECTION), MDL_COURSE_SECTIONS);
    }

    static List<MdlEnrolRecord> enrols(DSLContext dsl, long courseId) {
        return dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(courseId)).orderBy(MDL_ENROL.SORTORDER).fetch();
    }
}
