package org.moodlesync.core.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolGroupAction;
import org.moodlesync.api.command.enrol.EnrolTime;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.api.source.RowSource;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.core.internal.read.RowReaders;

/** tool_sync's enrolment file: header rules and line mapping, with bug #13's fixes. */
class EnrolFileLayoutTest {

    private static final FileLayout<EnrolCommand> LAYOUT = EnrolFileLayout.of(EnrolAction.ADD, false, true);

    private static InputRow row(String header, String values) {
        return new InputRow("enrols.csv", 2, values, Arrays.asList(header.split(";", -1)),
                Arrays.asList(values.split(";", -1)));
    }

    private static EnrolCommand map(String header, String values) {
        return LAYOUT.mapper().map(row(header, values));
    }

    private static LineFailure failure(String header, String values) {
        LineFailure f = catchThrowableOfType(LineFailure.class, () -> map(header, values));
        assertThat(f).as("the line should fail").isNotNull();
        return f;
    }

    private static List<String> check(String header) {
        try (RowSource source = RowReaders.open(new java.io.ByteArrayInputStream((header + "\n").getBytes()),
                "enrols.csv", CsvFormat.toolSync())) {
            return LAYOUT.headerCheck().apply(source);
        }
    }

    @Test
    void aFullLineMapsToItsCommand() {
        EnrolCommand c = map("cmd;rolename;uid;cid;enrol;starttime;endtime;gcmd;g1;g2",
                "shift;student;E001;CHEM101;Self;2024-09-01 08:00:00;1767225600;gaddcreate;Lab A;Lab B");
        assertThat(c.action()).isEqualTo(EnrolAction.SHIFT);
        assertThat(c.role()).isEqualTo("student");
        assertThat(c.user()).isEqualTo("E001");
        assertThat(c.course()).isEqualTo("CHEM101");
        assertThat(c.method()).isEqualTo("self");
        assertThat(c.roleOnly()).isFalse();
        assertThat(c.timeStart()).isEqualTo(EnrolTime.parse("2024-09-01T08:00"));
        assertThat(c.timeEnd()).isEqualTo(EnrolTime.epoch(1767225600));
        assertThat(c.groupAction()).isEqualTo(EnrolGroupAction.ADD_CREATE);
        assertThat(c.groups()).containsExactly("Lab A", "Lab B");
    }

    @Test
    void anEmptyCommandIsTheDefaultCommandNotAnError() {
        assertThat(map("cmd;rolename;uid;cid", ";student;E001;C1").action()).isEqualTo(EnrolAction.ADD);
        assertThat(map("rolename;uid;cid", "student;E001;C1").action()).isEqualTo(EnrolAction.ADD);
        FileLayout<EnrolCommand> deleting = EnrolFileLayout.of(EnrolAction.DELETE, false, false);
        assertThat(deleting.mapper().map(row("cmd;uid;cid", ";E001;C1")).action()).isEqualTo(EnrolAction.DELETE);
    }

    @ParameterizedTest
    @CsvSource({"add,ADD", "ADD,ADD", "del,DELETE", "delete,DELETE", "shift,SHIFT", "enable,ENABLE",
            "disable,DISABLE"})
    void commands(String cmd, EnrolAction action) {
        assertThat(map("cmd;uid;cid", cmd + ";E001;C1").action()).isEqualTo(action);
    }

    @Test
    void anUnknownCommandFailsTheLineAtItsColumn() {
        LineFailure f = failure("cmd;uid;cid", "enrol;E001;C1");
        assertThat(f.column()).isEqualTo("cmd");
        assertThat(f.reason()).contains("add, del, shift");
    }

    @Test
    void theMethodIsManualByDefaultAndNoneMeansARoleWithoutEnrolment() {
        assertThat(map("uid;cid", "E001;C1").method()).isEqualTo("manual");
        assertThat(map("uid;cid;enrol", "E001;C1;").method()).isEqualTo("manual");
        EnrolCommand none = map("uid;cid;enrol", "E001;C1;none");
        assertThat(none.roleOnly()).isTrue();
        assertThat(none.method()).isNull();
        assertThat(map("uid;cid;enrol", "E001;C1;enrol_self").method()).isEqualTo("self");
    }

    @Test
    void toolSyncsRoleOnlyModeForFilesWithoutAnEnrolColumnOnRequest() {
        FileLayout<EnrolCommand> compat = EnrolFileLayout.of(EnrolAction.ADD, true, false);
        assertThat(compat.mapper().map(row("rolename;uid;cid", "student;E001;C1")).roleOnly()).isTrue();
        assertThat(compat.mapper().map(row("rolename;uid;cid;enrol", "student;E001;C1;")).roleOnly()).isFalse();
    }

    @Test
    void badTimesFailAtTheirColumn() {
        LineFailure f = failure("uid;cid;starttime", "E001;C1;next monday");
        assertThat(f.column()).isEqualTo("starttime");
        assertThat(failure("uid;cid;endtime", "E001;C1;31/12/2024").reason()).contains("ambiguous");
    }

    @Test
    void groupsWithoutAGroupCommandAreAdded() {
        EnrolCommand c = map("uid;cid;g1;g3", "E001;C1;A;C");
        assertThat(c.groupAction()).isEqualTo(EnrolGroupAction.ADD);
        assertThat(c.groups()).containsExactly("A", "C");
    }

    @ParameterizedTest
    @CsvSource({"gadd,ADD", "add,ADD", "gaddcreate,ADD_CREATE", "addcreate,ADD_CREATE", "greplace,REPLACE",
            "replace,REPLACE", "greplacecreate,REPLACE_CREATE", "replace-create,REPLACE_CREATE", "gdel,DELETE",
            "del,DELETE"})
    void groupCommands(String gcmd, EnrolGroupAction action) {
        assertThat(map("uid;cid;gcmd;g1", "E001;C1;" + gcmd + ";A").groupAction()).isEqualTo(action);
    }

    @Test
    void requiredValuesAndGroupNameLength() {
        assertThat(failure("uid;cid", ";C1").column()).isEqualTo("uid");
        assertThat(failure("uid;cid", "E001;").column()).isEqualTo("cid");
        assertThat(failure("uid;cid;g2", "E001;C1;" + "x".repeat(255)).column()).isEqualTo("g2");
        assertThat(failure("uid;cid;gcmd;g1", "E001;C1;gjoin;A").column()).isEqualTo("gcmd");
    }

    @Test
    void theHeaderNeedsUidAndCidAndKnowsNoOtherColumns() {
        assertThatThrownBy(() -> check("rolename;uid")).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("missing required column \"cid\"");
        assertThatThrownBy(() -> check("uid;cid;g10")).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("unknown column \"g10\"");
        assertThat(check("uid;cid;hidden;g1")).anyMatch(n -> n.contains("hidden was ignored"))
                .anyMatch(n -> n.contains("purge"))
                .anyMatch(n -> n.contains("manual method"));
        assertThat(check("uid;cid;enrol")).isEmpty();
    }

}
