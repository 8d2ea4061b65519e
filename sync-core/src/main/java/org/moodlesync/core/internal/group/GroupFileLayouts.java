package org.moodlesync.core.internal.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.InvalidCommandException;
import org.moodlesync.api.command.group.GroupAction;
import org.moodlesync.api.command.group.GroupCommand;
import org.moodlesync.api.command.group.GroupMemberCommand;
import org.moodlesync.api.command.group.GroupType;
import org.moodlesync.api.command.group.MemberAction;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.enrol.GroupCacheNotice;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.read.HeaderRules;

/**
 * The groups and groupings file (tool_sync §7.1) and the group members file (§7.2).
 *
 * <p>Groups file: {@code courseid} and {@code name} required; {@code type} (group, grouping), {@code idnumber},
 * {@code description}, {@code updateid}, {@code selfgrouping}, {@code grouping} and {@code cmd} (add, del)
 * optional. An absent {@code idnumber} or {@code description} column leaves the stored value alone; an empty value
 * clears it.
 *
 * <p>Group members file: {@code groupid} and {@code userid} required; {@code courseid} and {@code cmd} (add, del,
 * shift) optional.
 */
public final class GroupFileLayouts {

    private static final HeaderRules GROUPS = HeaderRules.create()
            .required("courseid", "name")
            .allowed("type", "idnumber", "description", "updateid", "selfgrouping", "grouping", "cmd");
    private static final HeaderRules MEMBERS = HeaderRules.create()
            .required("groupid", "userid")
            .allowed("courseid", "cmd");

    private static final Map<String, String> GROUP_COLUMNS = Map.of(
            "course", "courseid",
            "updateId", "updateid",
            "selfGrouping", "selfgrouping",
            "action", "cmd");
    private static final Map<String, String> MEMBER_COLUMNS = Map.of(
            "course", "courseid",
            "group", "groupid",
            "user", "userid",
            "action", "cmd");

    private GroupFileLayouts() {
    }

    /** The groups and groupings file. */
    public static FileLayout<GroupCommand> groupsFile(boolean cacheNotice) {
        return new FileLayout<>(SyncKind.GROUPS, source -> {
            GROUPS.check(source);
            List<String> notices = new ArrayList<>();
            if (cacheNotice) {
                notices.add(GroupCacheNotice.TEXT);
            }
            return notices;
        }, GroupFileLayouts::group, GroupFileLayouts::groupColumn);
    }

    /** The group members file. */
    public static FileLayout<GroupMemberCommand> membersFile(boolean cacheNotice) {
        return new FileLayout<>(SyncKind.GROUP_MEMBERS, source -> {
            MEMBERS.check(source);
            List<String> notices = new ArrayList<>();
            if (cacheNotice) {
                notices.add(GroupCacheNotice.TEXT);
            }
            return notices;
        }, GroupFileLayouts::member, p -> MEMBER_COLUMNS.getOrDefault(p, p));
    }

    /** The groups file column of a {@link GroupCommand} field. */
    private static String groupColumn(String field) {
        return GROUP_COLUMNS.getOrDefault(field, field);
    }

    static GroupCommand group(InputRow row) {
        Map<String, String> v = row.asMap();
        GroupCommand.Builder b = GroupCommand.builder();
        try {
            b.action(GroupAction.of(v.getOrDefault("cmd", "")));
        } catch (IllegalArgumentException e) {
            throw new LineFailure("cmd", e.getMessage());
        }
        GroupType type;
        try {
            type = GroupType.of(v.getOrDefault("type", ""));
        } catch (IllegalArgumentException e) {
            throw new LineFailure("type", e.getMessage());
        }
        b.type(type);
        String course = trimmed(v.get("courseid"));
        if (course == null || course.isEmpty()) {
            throw new LineFailure("courseid", "a course is required");
        }
        b.course(course);
        b.name(trimmed(v.get("name")));
        b.idnumber(trimmed(v.get("idnumber")));
        b.description(v.get("description"));
        b.updateId(trimmed(v.get("updateid")));
        String self = trimmed(v.get("selfgrouping"));
        boolean selfGrouping = self != null && !self.isEmpty() && !self.equals("0")
                && !self.toLowerCase(Locale.ROOT).equals("no") && !self.toLowerCase(Locale.ROOT).equals("false");
        String grouping = trimmed(v.get("grouping"));
        if (type == GroupType.GROUPING) {
            if (selfGrouping) {
                throw new LineFailure("selfgrouping", "selfgrouping is for groups, not groupings");
            }
            if (grouping != null && !grouping.isEmpty()) {
                throw new LineFailure("grouping", "a grouping cannot be put in a grouping");
            }
        } else {
            b.selfGrouping(selfGrouping).grouping(grouping);
        }
        int max = type == GroupType.GROUP ? 254 : 255;
        String name = trimmed(v.get("name"));
        if (name != null && name.length() > max) {
            throw new LineFailure("name", "longer than " + max + " characters");
        }
        try {
            return b.build();
        } catch (InvalidCommandException e) {
            throw new LineFailure(groupColumn(e.field()), e.problem());
        } catch (IllegalArgumentException e) {
            throw new LineFailure("name", e.getMessage());
        }
    }

    static GroupMemberCommand member(InputRow row) {
        Map<String, String> v = row.asMap();
        MemberAction action;
        try {
            action = MemberAction.of(v.getOrDefault("cmd", ""));
        } catch (IllegalArgumentException e) {
            throw new LineFailure("cmd", e.getMessage());
        }
        String group = trimmed(v.get("groupid"));
        if (group == null || group.isEmpty()) {
            throw new LineFailure("groupid", "a group is required");
        }
        String user = trimmed(v.get("userid"));
        if (user == null || user.isEmpty()) {
            throw new LineFailure("userid", "a user is required");
        }
        return new GroupMemberCommand(action, trimmed(v.get("courseid")), group, user);
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
