package org.moodlesync.jooq.internal.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.moodlesync.jooq.internal.course.CourseTesting.NOW;
import static org.moodlesync.jooq.internal.course.CourseTesting.course;
import static org.moodlesync.jooq.internal.course.CourseTesting.engine;
import static org.moodlesync.jooq.internal.course.CourseTesting.engineLater;
import static org.moodlesync.jooq.internal.course.CourseTesting.file;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseSectionsRecord;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;
import org.moodlesync.jooq.version.MoodleBranch;

/**
 * Sections delegated to a plugin (Moodle 4.4+, mod_subsection on by default since 5.0): a course line's numsections
 * and topicN count normal sections only. A new normal section goes where Moodle's
 * {@code sectionactions::create_if_missing} puts it: added after the last section, then moved to its number
 * ({@code move_section_to}), so the delegated sections move one up each time; they are never renamed nor given a
 * summary. On 4.1–4.3 (no component/itemid columns) sections are written without those columns.
 */
class DelegatedSectionsTest {

    static final String HEADER = "shortname;fullname;category;format;numsections";

    @TempDir
    Path dir;

    /** Delegated sections exist from Moodle 4.4 on (a run with -Dmoodlesync.test.branches=4.1 skips these). */
    private static void assumeDelegation(TestDatabase db) {
        Assumptions.assumeTrue(SiteSchema.of(db.branch()).has(MDL_COURSE_SECTIONS.COMPONENT),
                "no delegated sections before Moodle 4.4");
    }

    @OnEachDatabase
    void numsectionsAddsNormalSectionsBeforeTheDelegatedOneWhichMovesUp(TestDatabase db) throws IOException {
        assumeDelegation(db);
        DSLContext dsl = db.dsl();
        engine(db).courses().from(file(dir, "a.csv", HEADER, "W1;Weekly;Arts;weeks;4")).execute();
        MdlCourseRecord created = course(dsl, "W1");
        long delegatedId = addDelegatedSection(dsl, created.getId(), 5, 77L);
        MdlCourseSectionsRecord delegatedBefore = byId(dsl, delegatedId);

        RunResult run = engineLater(db, Duration.ofHours(1)).courses().from(file(dir, "b.csv",
                HEADER + ";topic5", "W1;Weekly;Arts;weeks;6;New five|Five's summary")).execute();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        long later = NOW + 3600;
        // normal sections 0-6 (5 and 6 new), then the delegated one, moved from 5 to 7 and otherwise untouched
        assertThat(sections(dsl, created.getId())).extracting(MdlCourseSectionsRecord::getSection,
                MdlCourseSectionsRecord::getName, MdlCourseSectionsRecord::getSummary,
                MdlCourseSectionsRecord::getComponent, MdlCourseSectionsRecord::getItemid).containsExactly(
                tuple(0L, null, "", null, null), tuple(1L, null, "", null, null), tuple(2L, null, "", null, null),
                tuple(3L, null, "", null, null), tuple(4L, null, "", null, null),
                tuple(5L, "New five", "Five's summary", null, null), tuple(6L, null, "", null, null),
                tuple(7L, "Subsection", "Inside", "mod_subsection", 77L));
        MdlCourseSectionsRecord delegatedAfter = byId(dsl, delegatedId);
        assertThat(delegatedAfter.getSection()).isEqualTo(7L);
        delegatedAfter.setSection(delegatedBefore.getSection());
        assertThat(delegatedAfter).isEqualTo(delegatedBefore);
        assertThat(sections(dsl, created.getId()).stream().filter(s -> s.getSection() == 5 || s.getSection() == 6))
                .extracting(MdlCourseSectionsRecord::getTimemodified).containsOnly(later);
        assertThat(run.lines().get(0).changes()).contains(new FieldChange("section5.number", "5", "7"),
                new FieldChange("section5", null, "New five"), new FieldChange("section6", null, "(new)"));

        // format_weeks' automatic end date: MAX(section) of the course's sections, the delegated one's included
        MdlCourseRecord after = course(dsl, "W1");
        assertThat(after.getEnddate()).isEqualTo(Instant.ofEpochSecond(after.getStartdate())
                .atZone(ZoneId.of("Europe/London")).plusWeeks(7).toEpochSecond());
        assertThat(after.getCacherev()).isEqualTo(later);

        // the same line again: nothing to do (the delegated section is not taken for a missing normal one)
        RunResult again = engineLater(db, Duration.ofHours(2)).courses().from(file(dir, "c.csv",
                HEADER + ";topic5", "W1;Weekly;Arts;weeks;6;New five|Five's summary")).execute();
        assertThat(again.lines().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(sections(dsl, created.getId())).hasSize(8);
    }

    @OnEachDatabase
    void topicNOfADelegatedNumberNamesANewNormalSectionNeverTheDelegatedOne(TestDatabase db) throws IOException {
        assumeDelegation(db);
        DSLContext dsl = db.dsl();
        engine(db).courses().from(file(dir, "a.csv", HEADER, "T1;Topics;Arts;topics;4")).execute();
        long courseId = course(dsl, "T1").getId();
        long first = addDelegatedSection(dsl, courseId, 5, 11L);
        long second = addDelegatedSection(dsl, courseId, 6, 12L);
        dsl.update(MDL_COURSE).set(MDL_COURSE.MARKER, 6L).where(MDL_COURSE.ID.eq(courseId)).execute();

        RunResult run = engine(db).courses().from(file(dir, "b.csv", "shortname;fullname;category;topic3;topic5",
                "T1;Topics;Arts;Three;Five")).execute();

        assertThat(run.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(sections(dsl, courseId)).extracting(MdlCourseSectionsRecord::getSection,
                MdlCourseSectionsRecord::getName, MdlCourseSectionsRecord::getComponent).containsExactly(
                tuple(0L, null, null), tuple(1L, null, null), tuple(2L, null, null), tuple(3L, "Three", null),
                tuple(4L, null, null), tuple(5L, "Five", null), tuple(6L, "Subsection", "mod_subsection"),
                tuple(7L, "Subsection", "mod_subsection"));
        assertThat(byId(dsl, first).getSection()).isEqualTo(6L);
        assertThat(byId(dsl, second).getSection()).isEqualTo(7L);
        // move_section_to moves the highlight with the section it was on
        assertThat(course(dsl, "T1").getMarker()).isEqualTo(7L);
        assertThat(run.lines().get(0).changes()).contains(new FieldChange("topic3.name", null, "Three"),
                new FieldChange("section5", null, "Five"), new FieldChange("section5.number", "5", "6"),
                new FieldChange("section6.number", "6", "7"), new FieldChange("marker", "6", "7"));
    }

    @OnEachDatabase
    void aDryRunMovesNothing(TestDatabase db) throws IOException {
        assumeDelegation(db);
        DSLContext dsl = db.dsl();
        engine(db).courses().from(file(dir, "a.csv", HEADER, "D1;Dry;Arts;topics;2")).execute();
        long courseId = course(dsl, "D1").getId();
        addDelegatedSection(dsl, courseId, 3, 5L);
        List<MdlCourseSectionsRecord> before = sections(dsl, courseId);

        RunResult run = engine(db).courses().dryRun().from(file(dir, "b.csv", HEADER, "D1;Dry;Arts;topics;4"))
                .execute();

        assertThat(run.lines().get(0).changes()).contains(new FieldChange("section3.number", "3", "5"),
                new FieldChange("section3", null, "(new)"), new FieldChange("section4", null, "(new)"));
        assertThat(sections(dsl, courseId)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseServer.class)
    void onMoodle41SectionsAreWrittenWithoutTheMissingColumns(DatabaseServer server) throws IOException {
        try (TestDatabase db = TestDatabase.installed(server, "mdl_", MoodleBranch.MOODLE_4_1)) {
            DSLContext dsl = db.dsl();
            RunResult create = engine(db).courses().from(file(dir, "a.csv", HEADER + ";topic1",
                    "OLD1;Old one;Arts;weeks;2;First|About")).execute();
            assertThat(create.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(create.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);
            long courseId = dsl.select(MDL_COURSE.ID).from(MDL_COURSE).where(MDL_COURSE.SHORTNAME.eq("OLD1"))
                    .fetchOne(MDL_COURSE.ID);
            assertThat(sections41(dsl, courseId)).containsExactly("0:null:", "1:First:About", "2:null:");

            RunResult update = engine(db).courses().from(file(dir, "b.csv", HEADER + ";topic2",
                    "OLD1;Old one;Arts;weeks;4;Second")).execute();

            assertThat(update.status()).as("%s", update.lines()).isEqualTo(RunStatus.COMPLETED);
            assertThat(update.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(sections41(dsl, courseId)).containsExactly("0:null:", "1:First:About", "2:Second:",
                    "3:null:", "4:null:");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_WITH_OTHER_PREFIX)
    void sectionsAreReadAndMovedUnderAnyTablePrefix(TestDatabase db) throws IOException {
        DSLContext dsl = db.dsl();
        engine(db).courses().from(file(dir, "a.csv", HEADER, "P1;Prefixed;Arts;topics;1")).execute();
        long courseId = course(dsl, "P1").getId();
        long delegatedId = addDelegatedSection(dsl, courseId, 2, 9L);

        RunResult run = engine(db).courses().from(file(dir, "b.csv", HEADER + ";topic1", "P1;Prefixed;Arts;topics;2;One"))
                .execute();

        assertThat(run.lines().get(0).outcome()).as("%s", run.lines()).isEqualTo(Outcome.UPDATED);
        assertThat(sections(dsl, courseId)).extracting(MdlCourseSectionsRecord::getSection,
                MdlCourseSectionsRecord::getName).containsExactly(tuple(0L, null), tuple(1L, "One"),
                tuple(2L, null), tuple(3L, "Subsection"));
        assertThat(byId(dsl, delegatedId).getSection()).isEqualTo(3L);
    }

    /** A section delegated to mod_subsection, as Moodle 5.0's {@code sectionactions::create_delegated} adds it. */
    static long addDelegatedSection(DSLContext dsl, long courseId, long number, long itemid) {
        var s = MDL_COURSE_SECTIONS;
        return dsl.insertInto(s).set(s.COURSE, courseId).set(s.SECTION, number).set(s.NAME, "Subsection")
                .set(s.SUMMARY, "Inside").set(s.SUMMARYFORMAT, (short) 1).set(s.SEQUENCE, "")
                .set(s.VISIBLE, (short) 1).set(s.COMPONENT, "mod_subsection").set(s.ITEMID, itemid)
                .set(s.TIMEMODIFIED, NOW - 100).returningResult(s.ID).fetchOne().value1();
    }

    static MdlCourseSectionsRecord byId(DSLContext dsl, long id) {
        return dsl.selectFrom(MDL_COURSE_SECTIONS).where(MDL_COURSE_SECTIONS.ID.eq(id)).fetchOne();
    }

    static List<MdlCourseSectionsRecord> sections(DSLContext dsl, long courseId) {
        return dsl.selectFrom(MDL_COURSE_SECTIONS).where(MDL_COURSE_SECTIONS.COURSE.eq(courseId))
                .orderBy(MDL_COURSE_SECTIONS.SECTION).fetch();
    }

    /** Sections as number:name:summary, read by name only (4.1 has no component/itemid columns). */
    static List<String> sections41(DSLContext dsl, long courseId) {
        var s = MDL_COURSE_SECTIONS;
        return dsl.select(s.SECTION, s.NAME, s.SUMMARY).from(s).where(s.COURSE.eq(courseId)).orderBy(s.SECTION)
                .fetch(r -> r.value1() + ":" + r.value2() + ":" + r.value3());
    }
}
