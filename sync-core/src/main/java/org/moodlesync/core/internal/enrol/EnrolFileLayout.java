package org.moodlesync.core.internal.enrol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.InvalidCommandException;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolGroupAction;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.pipeline.RowMapper;
import org.moodlesync.core.internal.read.HeaderRules;

/**
 * tool_sync's enrolment file (§6), with its intended semantics: {@code uid} and {@code cid} required;
 * {@code cmd} (add, del, shift, enable, disable; empty means the default command), {@code rolename} (role shortname),
 * {@code enrol} (method; empty means manual, {@code none} a role without enrolment), {@code starttime},
 * {@code endtime} (dates, date-times or Unix times), {@code gcmd} and {@code g1…g9} optional. tool_sync's obsolete
 * {@code hidden} column is accepted and ignored.
 */
public final class EnrolFileLayout {

    static final List<String> REQUIRED = List.of("uid", "cid");
    static final List<String> ALLOWED = List.of("cmd", "rolename", "enrol", "starttime", "endtime", "gcmd", "hidden");
    static final String GROUP_COLUMNS = "g[1-9]";

    private static final Map<String, String> COLUMN_OF_FIELD = Map.of(
            "user", "uid",
            "course", "cid",
            "role", "rolename",
            "method", "enrol",
            "timeStart", "starttime",
            "timeEnd", "endtime",
            "groupAction", "gcmd");

    private EnrolFileLayout() {
    }

    /**
     * The layout.
     *
     * @param defaultAction        the command of lines without one (tool_sync's {@code enrols_defaultcmd})
     * @param roleOnlyWithoutEnrol a file without an {@code enrol} column assigns roles only, as tool_sync did
     *                             (otherwise its lines enrol through the manual method)
     * @param groupsNotice         add the notice that Moodle's group caches need a purge when the file changes groups
     */
    public static FileLayout<EnrolCommand> of(EnrolAction defaultAction, boolean roleOnlyWithoutEnrol,
                                              boolean groupsNotice) {
        HeaderRules rules = HeaderRules.create().required(REQUIRED).allowed(ALLOWED).allowedPatterns(GROUP_COLUMNS);
        return new FileLayout<>(SyncKind.ENROLMENTS, source -> {
            rules.check(source);
            List<String> notices = new ArrayList<>();
            List<String> header = source.header();
            if (header.contains("hidden")) {
                notices.add("column hidden was ignored: Moodle has had no hidden role assignments since 2.0");
            }
            if (!header.contains("enrol")) {
                notices.add(roleOnlyWithoutEnrol
                        ? "no enrol column: lines assign roles without enrolling (tool_sync's role-only mode)"
                        : "no enrol column: lines enrol through the manual method");
            }
            if (groupsNotice && header.stream().anyMatch(c -> c.matches(GROUP_COLUMNS))) {
                notices.add(GroupCacheNotice.TEXT);
            }
            return notices;
        }, mapper(defaultAction, roleOnlyWithoutEnrol), EnrolFileLayout::columnOf);
    }

    static String columnOf(String property) {
        if (property.startsWith("groups[")) {
            return "gcmd";
        }
        return COLUMN_OF_FIELD.getOrDefault(property, property);
    }

    static RowMapper<EnrolCommand> mapper(EnrolAction defaultAction, boolean roleOnlyWithoutEnrol) {
        return row -> map(row, defaultAction, roleOnlyWithoutEnrol);
    }

    private static EnrolCommand map(InputRow row, EnrolAction defaultAction, boolean roleOnlyWithoutEnrol) {
        Map<String, String> values = row.asMap();
        EnrolCommand.Builder b = EnrolCommand.builder();
        String cmd = values.getOrDefault("cmd", "").trim();
        try {
            b.action(cmd.isEmpty() ? defaultAction : EnrolAction.of(cmd));
        } catch (IllegalArgumentException e) {
            throw new LineFailure("cmd", e.getMessage());
        }
        String user = EnrolValues.text("uid", values.get("uid"), 255);
        if (user == null) {
            throw new LineFailure("uid", "a user is required");
        }
        String course = EnrolValues.text("cid", values.get("cid"), 255);
        if (course == null) {
            throw new LineFailure("cid", "a course is required");
        }
        b.user(user).course(course).role(EnrolValues.text("rolename", values.get("rolename"), 100));
        if (!row.has("enrol")) {
            if (roleOnlyWithoutEnrol) {
                b.roleOnly();
            }
        } else {
            String method = EnrolValues.method("enrol", values.get("enrol"));
            if (EnrolValues.ROLE_ONLY.equals(method)) {
                b.roleOnly();
            } else if (method != null) {
                b.method(method);
            }
        }
        b.timeStart(EnrolValues.time("starttime", values.get("starttime")));
        b.timeEnd(EnrolValues.time("endtime", values.get("endtime")));
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            String g = EnrolValues.text("g" + i, values.get("g" + i), 254);
            if (g != null) {
                groups.add(g);
            }
        }
        String gcmd = values.getOrDefault("gcmd", "").trim();
        EnrolGroupAction groupAction = null;
        if (!gcmd.isEmpty()) {
            try {
                groupAction = EnrolGroupAction.of(gcmd);
            } catch (IllegalArgumentException e) {
                throw new LineFailure("gcmd", e.getMessage());
            }
        } else if (!groups.isEmpty()) {
            groupAction = EnrolGroupAction.ADD;
        }
        if (groupAction != null) {
            b.groups(groupAction, groups);
        }
        try {
            return b.build();
        } catch (InvalidCommandException e) {
            throw e; // a broken constraint: the pipeline names the field's column
        } catch (IllegalArgumentException e) {
            throw new LineFailure(null, e.getMessage());
        }
    }
}
