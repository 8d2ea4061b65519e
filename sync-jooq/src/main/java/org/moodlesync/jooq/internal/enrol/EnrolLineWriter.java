package org.moodlesync.jooq.internal.enrol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolGroupAction;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.command.enrol.EnrolTime;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * Applies one enrolment line (tool_sync §6 with its intended semantics): the enrolment command, then the group
 * command, all or nothing.
 */
final class EnrolLineWriter {

    private final EnrolmentOps ops;
    private final EnrolSyncOptions options;

    EnrolLineWriter(EnrolmentOps ops, EnrolSyncOptions options) {
        this.ops = ops;
        this.options = options;
    }

    Outcome apply(LineWork w, EnrolCommand c, Users users, Courses courses) {
        Users.UserRef user = users.find(c.user(), "uid");
        CourseRef course = courses.find(options.courseKey(), c.course(), "cid");
        return apply(w, c, user.id(), course, courses);
    }

    /** Applies a line whose user and course are known. */
    Outcome apply(LineWork w, EnrolCommand c, long userId, CourseRef course, Courses courses) {
        Long roleId = c.hasRole() ? ops.site().courseRole(c.role(), "rolename") : null;
        Participation p = w.state.participation(w.dsl, userId, course.id());
        Long start = epoch(c.timeStart());
        Long end = epoch(c.timeEnd());
        Outcome outcome = switch (c.action()) {
            case ADD -> add(w, c, p, course, courses, roleId, start, end, false);
            case SHIFT -> add(w, c, p, course, courses, roleId, start, end, true);
            case DELETE -> delete(w, c, p, course, courses, roleId);
            case ENABLE, DISABLE -> status(w, c, p, course, courses, start, end);
        };
        if (c.groupAction() != null) {
            groups(w, c, p, course);
        }
        if (outcome == Outcome.UNCHANGED && w.changed()) {
            outcome = Outcome.UPDATED;
        }
        if (outcome == Outcome.UNCHANGED && c.action() == EnrolAction.DELETE
                && w.messages().isEmpty()) {
            w.message("not enrolled: nothing to remove");
        }
        return outcome;
    }

    private Long epoch(EnrolTime t) {
        return t == null ? null : t.toEpochSecond(ops.site().zone());
    }

    private Outcome add(LineWork w, EnrolCommand c, Participation p, CourseRef course, Courses courses, Long roleId,
                        Long start, Long end, boolean shift) {
        if (c.roleOnly()) {
            if (roleId == null) {
                throw new LineRejected("rolename", "a role is required when nothing is enrolled (enrol = none)");
            }
            if (start != null || end != null) {
                w.message("start and end times ignored: a role assignment has none");
            }
            if (shift) {
                ops.unassignRoles(w, p, course, r -> r.component().isEmpty() && r.roleId() != roleId);
            }
            return ops.assignRole(w, p, course, roleId, "", 0) ? Outcome.CREATED : Outcome.UNCHANGED;
        }
        EnrolInstance instance = ops.instanceFor(courses, course, c.method(), p, options.allowDisabledInstances(),
                "enrol");
        long role = roleId != null ? roleId : instance.roleId();
        boolean created = ops.enrol(w, p, course, instance, start, end, 0L);
        if (shift && role != 0) {
            String component = instance.roleComponent();
            long item = instance.roleItemId();
            ops.unassignRoles(w, p, course, r -> r.component().equals(component) && r.itemId() == item
                    && r.roleId() != role);
        }
        if (role != 0) {
            ops.assignRole(w, p, course, role, instance.roleComponent(), instance.roleItemId());
        } else {
            w.message("the " + instance.enrol() + " method of " + course.label()
                    + " has no default role and the line names none: enrolled without a role");
        }
        return created ? Outcome.CREATED : Outcome.UNCHANGED;
    }

    private Outcome delete(LineWork w, EnrolCommand c, Participation p, CourseRef course, Courses courses,
                           Long roleId) {
        if (c.roleOnly()) {
            int removed = ops.unassignRoles(w, p, course, r -> r.component().isEmpty()
                    && (roleId == null || r.roleId() == roleId));
            return removed > 0 ? Outcome.DELETED : Outcome.UNCHANGED;
        }
        List<EnrolInstance> through = ops.enrolledThrough(courses, course, c.method(), p);
        if (through.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        if (roleId != null) {
            w.message("role " + c.role() + " ignored: unenrolling removes the enrolment's roles");
        }
        for (EnrolInstance i : through) {
            ops.unenrol(w, p, course, i);
        }
        return Outcome.DELETED;
    }

    private Outcome status(LineWork w, EnrolCommand c, Participation p, CourseRef course, Courses courses,
                           Long start, Long end) {
        List<EnrolInstance> through = ops.enrolledThrough(courses, course, c.roleOnly() ? null : c.method(), p);
        if (through.isEmpty()) {
            throw new LineRejected(c.roleOnly() ? "cid" : "enrol", "the user is not enrolled in " + course.label()
                    + (c.roleOnly() ? "" : " through the " + c.method() + " method"));
        }
        long status = c.action() == EnrolAction.ENABLE ? 0 : 1;
        for (EnrolInstance i : through) {
            ops.enrol(w, p, course, i, start, end, status);
        }
        return Outcome.UNCHANGED;
    }

    private void groups(LineWork w, EnrolCommand c, Participation p, CourseRef course) {
        CourseGroups groups = w.state.groups(w.dsl, course.id());
        EnrolGroupAction action = c.groupAction();
        if (action == EnrolGroupAction.DELETE) {
            for (int i = 0; i < c.groups().size(); i++) {
                String column = "g" + (i + 1);
                CourseGroups.Item g = groups.groupByName(c.groups().get(i), column);
                if (g != null) {
                    ops.leave(w, p, g, true, column);
                }
            }
            return;
        }
        List<CourseGroups.Item> targets = new ArrayList<>();
        for (int i = 0; i < c.groups().size(); i++) {
            String column = "g" + (i + 1);
            String name = c.groups().get(i);
            CourseGroups.Item g = groups.groupByName(name, column);
            if (g == null) {
                if (!action.creates()) {
                    throw new LineRejected(column, "course " + course.label() + " has no group named " + name
                            + " (gcmd addcreate or replace-create create missing groups)");
                }
                g = ops.createGroup(w, groups, course, name, "", null, column);
                w.message("group " + name + " created in " + course.label());
            }
            targets.add(g);
        }
        if (action.replaces()) {
            Set<Long> keep = new HashSet<>();
            targets.forEach(g -> keep.add(g.id()));
            for (CourseGroups.Item g : groups.groups()) {
                if (!keep.contains(g.id())) {
                    ops.leave(w, p, g, false, "gcmd");
                }
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            ops.join(w, p, course, targets.get(i), "g" + (i + 1));
        }
    }
}
