package org.moodlesync.core.internal.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.moodlesync.api.command.cohort.BindingAction;
import org.moodlesync.api.command.cohort.CohortAction;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortContext;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.api.command.enrol.EnrolTime;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.LineFailure;

class CohortRowMappersTest {

    private static InputRow row(String header, String values) {
        List<String> names = Arrays.asList(header.split(";", -1));
        List<String> vals = Arrays.asList(values.split(";", -1));
        return new InputRow("cohorts.csv", 2, values, names, vals);
    }

    @Nested
    class CohortsFile {

        private final CohortRowMapper mapper = new CohortRowMapper(CohortKey.IDNUMBER);

        private CohortCommand map(String header, String values) {
            return mapper.map(row(header, values));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "cmd;cidnumber;userid | ;C1;E1    | ADD",
                "cmd;cidnumber;userid | add;C1;   | ADD",
                "cmd;cidnumber;userid | ADD;C1;E1 | ADD",
                "cmd;cidnumber;userid | del;C1;E1 | REMOVE_MEMBER",
                "cmd;cidnumber;userid | del;C1;   | DELETE",
                "cmd;cidnumber;userid | free;C1;  | FREE",
                "cidnumber;userid     | C1;E1     | ADD"})
        void cmdAndUserGiveTheAction(String header, String values, CohortAction action) {
            assertThat(map(header.trim(), values.trim()).action()).isEqualTo(action);
        }

        @Test
        void aDelLineWithAUserNeverMeansDeletingTheCohort() {
            CohortCommand c = map("cmd;cidnumber;userid", "del;C1;NOBODY");
            assertThat(c.action()).isEqualTo(CohortAction.REMOVE_MEMBER);
            assertThat(c.member()).isEqualTo("NOBODY");
        }

        @Test
        void emptyValuesAreNotGiven() {
            CohortCommand c = map("cidnumber;cname;cdescription;component;ccatcontext", "C1;;;;");
            assertThat(c.name()).isNull();
            assertThat(c.description()).isNull();
            assertThat(c.component()).isNull();
            assertThat(c.context()).isNull();
            assertThat(c.idnumber()).isEqualTo("C1");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "ccatcontext         | 0                 | system",
                "ccatcontext         | system            | system",
                "ccatcontext         | 12                | category id 12",
                "ccatcontextidnumber | SCI               | category idnumber SCI",
                "ccatpath            | Science/Chemistry | category Science/Chemistry"})
        void theContextComesFromOneOfThreeColumns(String column, String value, String context) {
            CohortCommand c = map("cidnumber;" + column.trim(), "C1;" + value.trim());
            assertThat(c.context()).hasToString(context);
        }

        @Test
        void refusesWhatCannotBeAValue() {
            assertThat(failure("cidnumber;ccatcontext", "C1;Science").reason()).contains("not a category id");
            assertThat(failure("cidnumber;ccatcontext;ccatpath", "C1;3;A/B").column()).isEqualTo("ccatcontext");
            assertThat(failure("cmd;cidnumber", "purge;C1").reason()).isEqualTo("unknown cmd purge (add, del or free)");
            assertThat(failure("cidnumber;cname", ";Name").column()).isEqualTo("cidnumber");
            assertThat(catchThrowableOfType(() -> new CohortRowMapper(CohortKey.ID).map(row("cid", "x")),
                    LineFailure.class).reason()).isEqualTo("not a cohort id: x");
        }

        @Test
        void theKeyColumnFollowsTheIdentifier() {
            CohortCommand byName = new CohortRowMapper(CohortKey.NAME).map(row("cname;cidnumber", "Staff;S1"));
            assertThat(byName.key(CohortKey.NAME)).isEqualTo("Staff");
            assertThat(byName.idnumber()).isEqualTo("S1");
            assertThat(byName.context()).isNull();
            assertThat(CohortContext.system()).isNotNull();
        }

        private LineFailure failure(String header, String values) {
            return catchThrowableOfType(() -> map(header, values), LineFailure.class);
        }
    }

    @Nested
    class BindingsFile {

        private final BindingRowMapper mapper = new BindingRowMapper();

        private CohortBindingCommand map(String header, String values) {
            return mapper.map(row(header, values));
        }

        @Test
        void defaultsToAddWithTheDefaultRole() {
            CohortBindingCommand c = map("cohort;course", "STAFF;C1");
            assertThat(c.action()).isEqualTo(BindingAction.ADD);
            assertThat(c.role()).isNull();
            assertThat(c.enrol()).isNull();
            assertThat(c.enrolStart()).isNull();
            assertThat(c.makeGroup()).isNull();
        }

        @ParameterizedTest
        @CsvSource({"add,ADD", "del,DISABLE", "restore,RESTORE", "fulldel,REMOVE", "FULLDEL,REMOVE"})
        void cmd(String cmd, BindingAction action) {
            assertThat(map("cmd;cohort;course", cmd + ";S;C").action()).isEqualTo(action);
        }

        @Test
        void datesAreUnixSecondsOrWallClockTimesLeftForTheSitesZone() {
            CohortBindingCommand c = map("cohort;course;enrolstart;enrolend", "S;C;2030-01-01;2030-01-02 08:00");
            assertThat(c.enrolStart()).isEqualTo(EnrolTime.local(LocalDate.of(2030, 1, 1)));
            assertThat(c.enrolEnd()).isEqualTo(EnrolTime.local(LocalDateTime.of(2030, 1, 2, 8, 0)));
            assertThat(c.enrolStart().toEpochSecond(ZoneOffset.UTC)).isEqualTo(1_893_456_000L);
            assertThat(c.enrolStart().toEpochSecond(ZoneId.of("Europe/Paris"))).isEqualTo(1_893_456_000L - 3600);
            assertThat(map("cohort;course;enrolstart", "S;C;1893456000").enrolStart())
                    .isEqualTo(EnrolTime.epoch(1_893_456_000L));
            assertThat(map("cohort;course;enrolstart", "S;C;2030-01-01T00:00:00+01:00").enrolStart())
                    .isEqualTo(EnrolTime.epoch(1_893_456_000L - 3600));
            assertThat(map("cohort;course;enrolend", "S;C;0").enrolEnd()).isEqualTo(EnrolTime.epoch(0));
        }

        @Test
        void anEndBeforeItsStartFailsAtTheEndColumnWhenBothAreOfOneKind() {
            LineFailure f = catchThrowableOfType(LineFailure.class,
                    () -> map("cohort;course;enrolstart;enrolend", "S;C;2030-01-02;2030-01-01"));
            assertThat(f).isNotNull();
            assertThat(f.column()).isEqualTo("enrolend");
            LineFailure unreadable = catchThrowableOfType(LineFailure.class,
                    () -> map("cohort;course;enrolstart", "S;C;01/02/2030"));
            assertThat(unreadable.column()).isEqualTo("enrolstart");
            assertThat(unreadable.reason()).contains("ambiguous date");
        }

        @Test
        void makegroupIsAFlag() {
            assertThat(map("cohort;course;makegroup", "S;C;1").makeGroup()).isTrue();
            assertThat(map("cohort;course;makegroup", "S;C;no").makeGroup()).isFalse();
            assertThat(map("cohort;course;group", "S;C;Team").group()).isEqualTo("Team");
        }

        @Test
        void refusesWhatCannotBeAValue() {
            assertThat(failure("cohort;course;enrolstart", "S;C;tomorrow").reason()).contains("not a time");
            assertThat(failure("cohort;course;enrolstart;enrolend", "S;C;2030-02-01;2030-01-01").column())
                    .isEqualTo("enrolend");
            assertThat(failure("cohort;course;makegroup", "S;C;maybe").column()).isEqualTo("makegroup");
            assertThat(failure("cmd;cohort;course", "bind;S;C").reason()).contains("unknown cmd bind");
            assertThat(failure("cohort;course", ";C").column()).isEqualTo("cohort");
        }

        private LineFailure failure(String header, String values) {
            return catchThrowableOfType(() -> map(header, values), LineFailure.class);
        }
    }
}
