package org.moodlesync.core.internal.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.command.group.GroupAction;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupType;
import org.moodlesync.api.command.group.MemberAction;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.LineFailure;

/** The groups file and the group members file: line mapping. */
class GroupFileLayoutsTest {

    private static InputRow row(String header, String values) {
        return new InputRow("groups.csv", 2, values, Arrays.asList(header.split(";", -1)),
                Arrays.asList(values.split(";", -1)));
    }

    private static LineFailure groupFailure(String header, String values) {
        LineFailure f = catchThrowableOfType(LineFailure.class, () -> GroupFileLayouts.group(row(header, values)));
        assertThat(f).as("the line should fail").isNotNull();
        return f;
    }

    @Test
    void aGroupLine() {
        GroupCommand c = GroupFileLayouts.group(row("type;courseid;name;idnumber;description;grouping;selfgrouping",
                "group;CHEM101; Lab A ;CHEM-A;Monday <b>lab</b>;CHEM-LABS;1"));
        assertThat(c.action()).isEqualTo(GroupAction.CREATE_OR_UPDATE);
        assertThat(c.type()).isEqualTo(GroupType.GROUP);
        assertThat(c.name()).isEqualTo("Lab A");
        assertThat(c.idnumber()).isEqualTo("CHEM-A");
        assertThat(c.description()).isEqualTo("Monday <b>lab</b>");
        assertThat(c.grouping()).isEqualTo("CHEM-LABS");
        assertThat(c.selfGrouping()).isTrue();
    }

    @Test
    void absentColumnsKeepStoredValuesAndEmptyOnesClearThem() {
        GroupCommand absent = GroupFileLayouts.group(row("courseid;name", "C1;A"));
        assertThat(absent.idnumber()).isNull();
        assertThat(absent.description()).isNull();
        assertThat(absent.type()).isEqualTo(GroupType.GROUP);
        GroupCommand empty = GroupFileLayouts.group(row("courseid;name;idnumber;description", "C1;A;;"));
        assertThat(empty.idnumber()).isEmpty();
        assertThat(empty.description()).isEmpty();
    }

    @Test
    void groupingsAndDeletes() {
        GroupCommand g = GroupFileLayouts.group(row("type;courseid;name;cmd", "grouping;C1;Labs;del"));
        assertThat(g.type()).isEqualTo(GroupType.GROUPING);
        assertThat(g.action()).isEqualTo(GroupAction.DELETE);
        GroupCommand byIdnumber = GroupFileLayouts.group(row("cmd;courseid;name;idnumber", "delete;C1;;C1-A"));
        assertThat(byIdnumber.action()).isEqualTo(GroupAction.DELETE);
    }

    @Test
    void badLinesFailAtTheirColumn() {
        assertThat(groupFailure("type;courseid;name", "team;C1;A").column()).isEqualTo("type");
        assertThat(groupFailure("courseid;name", ";A").column()).isEqualTo("courseid");
        assertThat(groupFailure("courseid;name", "C1;").column()).isEqualTo("name");
        assertThat(groupFailure("courseid;name", "C1;" + "n".repeat(255)).column()).isEqualTo("name");
        assertThat(groupFailure("type;courseid;name;grouping", "grouping;C1;G;Other").column()).isEqualTo("grouping");
        assertThat(groupFailure("cmd;courseid;name", "purge;C1;A").column()).isEqualTo("cmd");
        assertThat(groupFailure("cmd;courseid;name", "del;C1;").column()).isEqualTo("name");
    }

    @Test
    void memberLines() {
        GroupMemberCommand add = GroupFileLayouts.member(row("courseid;groupid;userid", "C1;Lab A;E001"));
        assertThat(add).isEqualTo(GroupMemberCommand.add("C1", "Lab A", "E001"));
        assertThat(GroupFileLayouts.member(row("cmd;groupid;userid", "shift;12;E001")))
                .isEqualTo(new GroupMemberCommand(MemberAction.SHIFT, null, "12", "E001"));
        assertThat(GroupFileLayouts.member(row("cmd;courseid;groupid;userid", "del;C1;A;E001")).action())
                .isEqualTo(MemberAction.DELETE);
        LineFailure f = catchThrowableOfType(LineFailure.class,
                () -> GroupFileLayouts.member(row("cmd;groupid;userid", "move;A;E001")));
        assertThat(f.column()).isEqualTo("cmd");
        f = catchThrowableOfType(LineFailure.class, () -> GroupFileLayouts.member(row("groupid;userid", "A;")));
        assertThat(f.column()).isEqualTo("userid");
    }
}
