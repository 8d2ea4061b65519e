package org.moodlesync.core.internal.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseMetaCommand;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.command.course.CourseSection;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.command.course.CourseTeacher;
import org.moodlesync.api.command.course.MoodleDate;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.read.CsvRowSource;
import org.moodlesync.core.internal.read.RowReaders;

/** Course file lines to commands, without a database. */
class CourseRowMapperTest {

    private static InputRow row(String header, String values) {
        List<String> names = Arrays.asList(header.split(";", -1));
        List<String> vals = Arrays.asList(values.split(";", -1));
        return new InputRow("uploadcourses.csv", 2, values, names, vals);
    }

    private static CourseCommand map(String header, String values) {
        return new CourseRowMapper(CourseKey.SHORTNAME).map(row(header, values));
    }

    private static LineFailure failure(String header, String values) {
        LineFailure f = catchThrowableOfType(LineFailure.class, () -> map(header, values));
        assertThat(f).as("the line should fail").isNotNull();
        return f;
    }

    @Test
    void absentAndEmptyColumnsAreNotGivenButEmptyTextIsAValue() {
        CourseCommand c = map("shortname;fullname;idnumber;summary;visible;startdate;category",
                "C1;Course;;;;;");
        assertThat(c.idnumber()).as("empty text clears").isEmpty();
        assertThat(c.summary()).isEmpty();
        assertThat(c.visible()).as("empty number: not given").isNull();
        assertThat(c.startdate()).isNull();
        assertThat(c.category()).isNull();
        assertThat(c.lang()).as("absent column").isNull();
    }

    @Test
    void readsSectionsTeachersFlagsAndDates() {
        CourseCommand c = map("shortname;fullname;topic0;topic1;topic3;teacher2_account;teacher1_account;"
                        + "teacher1_role;self;guest;startdate;enddate;lang",
                "C1;Course;General;Intro|Welcome;|Only a summary;bob;jdoe;editingteacher;1;no;2024-09-01 08:30;"
                        + "1790000000;fr_utf8");
        assertThat(c.sections()).containsExactly(
                java.util.Map.entry(0, new CourseSection("General", null)),
                java.util.Map.entry(1, new CourseSection("Intro", "Welcome")),
                java.util.Map.entry(3, new CourseSection(null, "Only a summary")));
        assertThat(c.teachers()).containsExactly(new CourseTeacher("jdoe", "editingteacher"),
                new CourseTeacher("bob", null));
        assertThat(c.self()).isTrue();
        assertThat(c.guest()).isFalse();
        assertThat(c.startdate()).isEqualTo(MoodleDate.local(LocalDateTime.of(2024, 9, 1, 8, 30)));
        assertThat(c.enddate()).isEqualTo(MoodleDate.epoch(1_790_000_000L));
        assertThat(c.lang()).isEqualTo("fr");
    }

    @Test
    void badValuesFailTheLineNamingTheColumn() {
        assertThat(failure("shortname;fullname;visible", "C1;C;2").column()).isEqualTo("visible");
        assertThat(failure("shortname;fullname;startdate", "C1;C;next monday").reason()).contains("not a date");
        assertThat(failure("shortname;fullname;startdate", "C1;C;2024-02-30").reason()).contains("not a valid date");
        assertThat(failure("shortname;fullname;self", "C1;C;maybe").column()).isEqualTo("self");
        assertThat(failure("shortname;fullname;teacher1_role", "C1;C;teacher").column()).isEqualTo("teacher1_role");
        assertThat(failure("shortname;fullname", ";C").column()).isEqualTo("shortname");
        LineFailure byIdnumber = catchThrowableOfType(LineFailure.class, () ->
                new CourseRowMapper(CourseKey.IDNUMBER).map(row("shortname;fullname;idnumber", "C1;C;")));
        assertThat(byIdnumber.column()).isEqualTo("idnumber");
    }

    @Test
    void theCourseFileHeaderNeedsTheIdentifierAndRefusesUnknownColumns() {
        var layout = CourseFileLayouts.coursesFile(CourseSyncOptions.defaults().withIdentifyBy(CourseKey.IDNUMBER),
                false);
        try (CsvRowSource source = open("shortname;fullname;bogus\nC1;C;x\n", CsvFormat.toolSync())) {
            assertThatThrownBy(() -> layout.headerCheck().apply(source)).isInstanceOf(InputFormatException.class)
                    .hasMessageContaining("unknown column \"bogus\"")
                    .hasMessageContaining("missing required column \"idnumber\"");
        }
        var defaults = CourseFileLayouts.coursesFile(CourseSyncOptions.defaults(), false);
        try (CsvRowSource source = open("shortname;sortorder;topic12;teacher3_account\nC1;5;x;y\n",
                CsvFormat.toolSync())) {
            assertThat(defaults.headerCheck().apply(source)).anyMatch(n -> n.startsWith("column sortorder was ignored"))
                    .anyMatch(n -> n.startsWith("no fullname column"));
        }
    }

    @Test
    void headerlessFilesReadEveryLineAsData() {
        CsvFormat format = CourseFileLayouts.headerless(CsvFormat.toolSync(), CourseFileLayouts.IDENTIFIER,
                CourseFileLayouts.DESCRIPTION);
        try (CsvRowSource source = open("C1;the first\n# a comment\nC2\n", format)) {
            var layout = CourseFileLayouts.checkFile();
            assertThat(layout.headerCheck().apply(source)).isEmpty();
            assertThat(layout.mapper().map(source.next()).description()).isEqualTo("the first");
            assertThat(layout.mapper().map(source.next()).identifier()).isEqualTo("C2");
            assertThat(source.hasNext()).isFalse();
        }
    }

    @Test
    void resetLinesFollowToolSyncsValues() {
        var layout = CourseFileLayouts.resetFile(CourseKey.SHORTNAME, false);
        CourseResetCommand c = layout.mapper().map(row(
                "shortname;events;logs;notes;grades;roles;local_roles;groups;groupings;modules;completion;"
                        + "forum_all;quiz_attempts",
                "C1;yes;no;1;grades;student teacher;overrides;members;groups;-forum;0;1;0"));
        assertThat(c.events()).isTrue();
        assertThat(c.logs()).isFalse();
        assertThat(c.notes()).isTrue();
        assertThat(c.completion()).as("tool_sync's bug #11: completion only when asked").isFalse();
        assertThat(c.comments()).as("absent: not reset").isFalse();
        assertThat(c.grades()).isEqualTo(CourseResetCommand.Grades.GRADES);
        assertThat(c.unenrolRoles()).containsExactly("student", "teacher");
        assertThat(c.localRoles()).isEqualTo(CourseResetCommand.LocalRoles.OVERRIDES);
        assertThat(c.groups()).isEqualTo(CourseResetCommand.Scope.MEMBERS);
        assertThat(c.groupings()).as("tool_sync's 'groups' for groupings").isEqualTo(CourseResetCommand.Scope.ITEMS);
        assertThat(c.modules()).isEqualTo("-forum");
        assertThat(c.moduleOptions()).containsExactly("forum_all");
        CourseResetCommand all = layout.mapper().map(row("shortname;roles", "C1;all"));
        assertThat(all.unenrolAll()).isTrue();
        LineFailure bad = catchThrowableOfType(LineFailure.class, () -> layout.mapper().map(row("shortname;grades",
                "C1;some")));
        assertThat(bad.column()).isEqualTo("grades");
    }

    @Test
    void metaLinesAddByDefaultAndDeleteWithDel() {
        var layout = CourseFileLayouts.metaFile(false);
        assertThat(layout.mapper().map(row("master;meta", "M;X")).action()).isEqualTo(CourseMetaCommand.Action.ADD);
        assertThat(layout.mapper().map(row("master;meta;cmd", "M;X;del")).action())
                .isEqualTo(CourseMetaCommand.Action.DELETE);
        LineFailure bad = catchThrowableOfType(LineFailure.class, () -> layout.mapper().map(row("master;meta;cmd",
                "M;X;drop")));
        assertThat(bad.column()).isEqualTo("cmd");
    }

    private static CsvRowSource open(String text, CsvFormat format) {
        return RowReaders.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f.csv", format);
    }
}
