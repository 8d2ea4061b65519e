package org.moodlesync.core.internal.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.enrol.CourseEnrolment;
import org.moodlesync.api.command.enrol.EnrolTime;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.LineFailure;

/** The users file's course columns (tool_sync §5.5) for every N, not only enrol1. */
class UserRowMapperCoursesTest {

    private static InputRow row(String header, String values) {
        return new InputRow("users.csv", 2, values, Arrays.asList(header.split(";", -1)),
                Arrays.asList(values.split(";", -1)));
    }

    @Test
    void everyNHasItsOwnColumns() {
        UserCommand c = UserRowMapper.usersFile(CourseKey.IDNUMBER).map(row(
                "username;firstname;lastname;course1;role1;enrol1;group1;start1;end1;course2;role2;enrol2;course3",
                "jdoe;Jane;Doe;C101;student;;Lab A;2024-09-01;;P201;editingteacher;self;X3"));
        assertThat(c.enrolments()).hasSize(3);
        CourseEnrolment first = c.enrolments().get(0);
        assertThat(first.index()).isEqualTo(1);
        assertThat(first.course()).isEqualTo("C101");
        assertThat(first.courseKey()).isEqualTo(CourseKey.IDNUMBER);
        assertThat(first.role()).isEqualTo("student");
        assertThat(first.method()).isEqualTo("manual");
        assertThat(first.group()).isEqualTo("Lab A");
        assertThat(first.timeStart()).isEqualTo(EnrolTime.parse("2024-09-01"));
        assertThat(first.timeEnd()).isNull();
        CourseEnrolment second = c.enrolments().get(1);
        assertThat(second.index()).isEqualTo(2);
        assertThat(second.method()).as("enrol2 is read (tool_sync only ever read enrol1)").isEqualTo("self");
        assertThat(second.role()).isEqualTo("editingteacher");
        assertThat(c.enrolments().get(2).role()).isNull();
    }

    @Test
    void emptyCoursesAreSkippedAndNoneIsARoleWithoutEnrolment() {
        UserCommand c = UserRowMapper.usersFile().map(row(
                "username;firstname;lastname;course1;role1;course2;role2;enrol2",
                "jdoe;Jane;Doe;;;C2;teacher;none"));
        assertThat(c.enrolments()).hasSize(1);
        assertThat(c.enrolments().get(0).index()).isEqualTo(2);
        assertThat(c.enrolments().get(0).roleOnly()).isTrue();
        assertThat(c.enrolments().get(0).courseKey()).isEqualTo(CourseKey.SHORTNAME);
    }

    @Test
    void badValuesFailAtTheirColumn() {
        LineFailure f = catchThrowableOfType(LineFailure.class, () -> UserRowMapper.usersFile().map(row(
                "username;firstname;lastname;course2;end2", "jdoe;Jane;Doe;C2;soon")));
        assertThat(f.column()).isEqualTo("end2");
        f = catchThrowableOfType(LineFailure.class, () -> UserRowMapper.usersFile().map(row(
                "username;firstname;lastname;course1;enrol1", "jdoe;Jane;Doe;C2;man ual")));
        assertThat(f.column()).isEqualTo("enrol1");
    }

    @Test
    void deleteLinesIgnoreCourseColumns() {
        UserCommand c = UserRowMapper.usersFile().map(row("username;firstname;lastname;deleted;course1",
                "jdoe;Jane;Doe;1;C1"));
        assertThat(c.enrolments()).isEmpty();
    }
}
