package org.moodlesync.jooq.internal.enrol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's standing in one course, as stored: enrolments (through the course's instances), role assignments in the
 * course context, memberships of the course's groups. Mutable, but only ever changed on a line's own copy (see
 * {@link EnrolState}).
 */
public final class Participation {

    /**
     * A {@code user_enrolments} row.
     *
     * @param id        row id (negative: written by a dry run only)
     * @param enrolId   instance
     * @param status    0 active, 1 suspended
     * @param timeStart start
     * @param timeEnd   end (0 none)
     */
    public record Enrolment(long id, long enrolId, long status, long timeStart, long timeEnd) {
    }

    /**
     * A {@code role_assignments} row in the course context.
     *
     * @param id        row id
     * @param roleId    role
     * @param component '' or the owning plugin
     * @param itemId    0 or the owning instance
     */
    public record Role(long id, long roleId, String component, long itemId) {
    }

    /**
     * A {@code groups_members} row of a group of the course.
     *
     * @param id        row id
     * @param groupId   group
     * @param component '' or the owning plugin
     * @param itemId    0 or the owning instance
     */
    public record Membership(long id, long groupId, String component, long itemId) {
        /** True for a membership an enrol plugin owns (and maintains). */
        public boolean pluginOwned() {
            return component != null && !component.isEmpty();
        }
    }

    final long userId;
    final long courseId;
    final Map<Long, Enrolment> enrolments = new LinkedHashMap<>();
    final List<Role> roles = new ArrayList<>();
    final Map<Long, Membership> memberships = new LinkedHashMap<>();

    Participation(long userId, long courseId) {
        this.userId = userId;
        this.courseId = courseId;
    }

    Participation copy() {
        Participation p = new Participation(userId, courseId);
        p.enrolments.putAll(enrolments);
        p.roles.addAll(roles);
        p.memberships.putAll(memberships);
        return p;
    }

    /** True when the user has any enrolment in the course (what group membership needs). */
    public boolean enrolled() {
        return !enrolments.isEmpty();
    }

    /** The enrolment through an instance, or null. */
    public Enrolment enrolment(long enrolId) {
        return enrolments.get(enrolId);
    }

    /** True when the user is in this group. */
    public boolean member(long groupId) {
        return memberships.containsKey(groupId);
    }
}
