package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_GRADES;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_ITEMS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_LASTACCESS;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.moodlesync.jooq.schema.tables.records.MdlUserEnrolmentsRecord;

/**
 * Moodle's enrolment primitives, row for row, for enrolments owned by a cohort sync instance: {@code enrol_user},
 * {@code update_user_enrol}, {@code unenrol_user} (lib/enrollib.php), {@code role_assign} and
 * {@code role_unassign_all} (lib/accesslib.php), {@code groups_add_member} and {@code groups_remove_member}
 * (group/lib.php). Each records what it does in an {@link Effects}; in a dry run it only looks and says.
 */
final class CourseEnrolments {

    static final int ACTIVE = 0;
    static final int SUSPENDED = 1;

    private final EnrolSettings settings;

    CourseEnrolments(EnrolSettings settings) {
        this.settings = settings;
    }

    EnrolSettings settings() {
        return settings;
    }

    /** The user's enrolment through this instance, or null. */
    MdlUserEnrolmentsRecord enrolment(DSLContext dsl, long enrolId, long userId) {
        return dsl.selectFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.ENROLID.eq(enrolId))
                .and(MDL_USER_ENROLMENTS.USERID.eq(userId)).fetchOne();
    }

    /**
     * {@code enrol_user}: the enrolment is created (status given, active by default) or, when it exists, updated
     * where its start, end or given status differ; then the role is assigned (owned by the instance).
     */
    void enrol(DSLContext dsl, CohortInstance inst, long userId, long roleId, long timestart, long timeend,
               Integer status, long now, boolean dryRun, Effects fx) {
        MdlUserEnrolmentsRecord ue = enrolment(dsl, inst.id(), userId);
        if (ue != null) {
            if (ue.getTimestart() != timestart || ue.getTimeend() != timeend
                    || (status != null && ue.getStatus().intValue() != status)) {
                update(dsl, inst, ue, status, timestart, timeend, now, dryRun, fx);
            }
        } else {
            if (!dryRun) {
                dsl.insertInto(MDL_USER_ENROLMENTS)
                        .set(MDL_USER_ENROLMENTS.ENROLID, inst.id())
                        .set(MDL_USER_ENROLMENTS.USERID, userId)
                        .set(MDL_USER_ENROLMENTS.STATUS, (long) (status == null ? ACTIVE : status))
                        .set(MDL_USER_ENROLMENTS.TIMESTART, timestart)
                        .set(MDL_USER_ENROLMENTS.TIMEEND, timeend)
                        .set(MDL_USER_ENROLMENTS.MODIFIERID, settings.modifierId())
                        .set(MDL_USER_ENROLMENTS.TIMECREATED, now)
                        .set(MDL_USER_ENROLMENTS.TIMEMODIFIED, now)
                        .execute();
            }
            fx.dirtyUser(userId);
            fx.changed(enrolledNote(inst));
        }
        if (roleId > 0) {
            assignRole(dsl, inst, userId, roleId, now, dryRun, fx);
        }
    }

    /** {@code update_user_enrol}: status, start, end (those given) changed, modifier and time stamped. */
    void update(DSLContext dsl, CohortInstance inst, MdlUserEnrolmentsRecord ue, Integer status, Long timestart,
                Long timeend, long now, boolean dryRun, Effects fx) {
        boolean statusChanged = status != null && ue.getStatus().intValue() != status;
        boolean startChanged = timestart != null && ue.getTimestart().longValue() != timestart;
        boolean endChanged = timeend != null && ue.getTimeend().longValue() != timeend;
        if (!statusChanged && !startChanged && !endChanged) {
            return;
        }
        if (!dryRun) {
            var update = dsl.update(MDL_USER_ENROLMENTS)
                    .set(MDL_USER_ENROLMENTS.MODIFIERID, settings.modifierId())
                    .set(MDL_USER_ENROLMENTS.TIMEMODIFIED, now);
            if (statusChanged) {
                update = update.set(MDL_USER_ENROLMENTS.STATUS, (long) status);
            }
            if (startChanged) {
                update = update.set(MDL_USER_ENROLMENTS.TIMESTART, timestart);
            }
            if (endChanged) {
                update = update.set(MDL_USER_ENROLMENTS.TIMEEND, timeend);
            }
            update.where(MDL_USER_ENROLMENTS.ID.eq(ue.getId())).execute();
        }
        fx.dirtyUser(ue.getUserid());
        if (statusChanged) {
            fx.changed((status == ACTIVE ? "enrolment reactivated" : "enrolment suspended") + " in course "
                    + inst.course());
        }
        if (startChanged || endChanged) {
            fx.changed("enrolment period in course " + inst.course() + " set to " + period(
                    startChanged ? timestart : ue.getTimestart(), endChanged ? timeend : ue.getTimeend()));
        }
    }

    /**
     * {@code unenrol_user}: the instance's group memberships and roles of the user go, then the enrolment; when it
     * was the user's last enrolment in the course, every role of the user in the course and below it, every group
     * membership in the course, the course grades and the last access go too.
     */
    void unenrol(DSLContext dsl, CohortInstance inst, long userId, long now, boolean dryRun, Effects fx) {
        MdlUserEnrolmentsRecord ue = enrolment(dsl, inst.id(), userId);
        if (ue == null) {
            return;
        }
        fx.dirtyUser(userId);
        fx.changed("unenrolled from course " + inst.course());
        if (dryRun) {
            return;
        }
        List<Long> groups = dsl.select(MDL_GROUPS_MEMBERS.GROUPID).from(MDL_GROUPS_MEMBERS)
                .where(MDL_GROUPS_MEMBERS.USERID.eq(userId))
                .and(MDL_GROUPS_MEMBERS.COMPONENT.eq(CohortInstance.COMPONENT))
                .and(MDL_GROUPS_MEMBERS.ITEMID.eq(inst.id()))
                .fetch(MDL_GROUPS_MEMBERS.GROUPID);
        for (long groupId : groups) {
            removeFromGroup(dsl, groupId, userId, now, false, fx);
        }
        dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.USERID.eq(userId))
                .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(inst.contextId()))
                .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq(CohortInstance.COMPONENT))
                .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(inst.id()))
                .execute();
        dsl.deleteFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.ID.eq(ue.getId())).execute();
        boolean stillEnrolled = dsl.fetchExists(dsl.selectOne().from(MDL_USER_ENROLMENTS)
                .join(MDL_ENROL).on(MDL_ENROL.ID.eq(MDL_USER_ENROLMENTS.ENROLID))
                .where(MDL_USER_ENROLMENTS.USERID.eq(userId)).and(MDL_ENROL.COURSEID.eq(inst.courseId())));
        if (stillEnrolled) {
            return;
        }
        // the last enrolment: the big cleanup of unenrol_user
        dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.USERID.eq(userId))
                .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.in(dsl.select(MDL_CONTEXT.ID).from(MDL_CONTEXT)
                        .where(MDL_CONTEXT.ID.eq(inst.contextId()))
                        .or(MDL_CONTEXT.PATH.like(inst.contextPath() + "/%"))))
                .execute();
        List<Long> courseGroups = dsl.select(MDL_GROUPS_MEMBERS.GROUPID).from(MDL_GROUPS_MEMBERS)
                .join(MDL_GROUPS).on(MDL_GROUPS.ID.eq(MDL_GROUPS_MEMBERS.GROUPID))
                .where(MDL_GROUPS_MEMBERS.USERID.eq(userId)).and(MDL_GROUPS.COURSEID.eq(inst.courseId()))
                .fetch(MDL_GROUPS_MEMBERS.GROUPID);
        for (long groupId : courseGroups) {
            removeFromGroup(dsl, groupId, userId, now, false, fx);
        }
        dsl.deleteFrom(MDL_GRADE_GRADES).where(MDL_GRADE_GRADES.USERID.eq(userId))
                .and(MDL_GRADE_GRADES.ITEMID.in(dsl.select(MDL_GRADE_ITEMS.ID).from(MDL_GRADE_ITEMS)
                        .where(MDL_GRADE_ITEMS.COURSEID.eq(inst.courseId()))))
                .execute();
        dsl.deleteFrom(MDL_USER_LASTACCESS).where(MDL_USER_LASTACCESS.USERID.eq(userId))
                .and(MDL_USER_LASTACCESS.COURSEID.eq(inst.courseId())).execute();
    }

    /** {@code role_assign(roleid, userid, coursecontext, 'enrol_cohort', instance id)}: nothing when present. */
    void assignRole(DSLContext dsl, CohortInstance inst, long userId, long roleId, long now, boolean dryRun,
                    Effects fx) {
        boolean present = dsl.fetchExists(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.ROLEID.eq(roleId)
                .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(inst.contextId()))
                .and(MDL_ROLE_ASSIGNMENTS.USERID.eq(userId))
                .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq(CohortInstance.COMPONENT))
                .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(inst.id())));
        if (present) {
            return;
        }
        if (!dryRun) {
            dsl.insertInto(MDL_ROLE_ASSIGNMENTS)
                    .set(MDL_ROLE_ASSIGNMENTS.ROLEID, roleId)
                    .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, inst.contextId())
                    .set(MDL_ROLE_ASSIGNMENTS.USERID, userId)
                    .set(MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED, now)
                    .set(MDL_ROLE_ASSIGNMENTS.MODIFIERID, settings.modifierId())
                    .set(MDL_ROLE_ASSIGNMENTS.COMPONENT, CohortInstance.COMPONENT)
                    .set(MDL_ROLE_ASSIGNMENTS.ITEMID, inst.id())
                    .set(MDL_ROLE_ASSIGNMENTS.SORTORDER, 0L)
                    .execute();
        }
        fx.dirtyUser(userId);
        fx.changed(roleNote(inst));
    }

    /** {@code role_unassign_all(userid, coursecontext, 'enrol_cohort', instance id)}. */
    void unassignRoles(DSLContext dsl, CohortInstance inst, long userId, boolean dryRun, Effects fx) {
        var where = MDL_ROLE_ASSIGNMENTS.USERID.eq(userId)
                .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(inst.contextId()))
                .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq(CohortInstance.COMPONENT))
                .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(inst.id()));
        int n = dryRun ? dsl.fetchCount(MDL_ROLE_ASSIGNMENTS, where)
                : dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(where).execute();
        if (n > 0) {
            fx.dirtyUser(userId);
            fx.changed("cohort sync role removed in course " + inst.course());
        }
    }

    /** Whether the user is in the group. */
    boolean inGroup(DSLContext dsl, long groupId, long userId) {
        return dsl.fetchExists(MDL_GROUPS_MEMBERS, MDL_GROUPS_MEMBERS.GROUPID.eq(groupId)
                .and(MDL_GROUPS_MEMBERS.USERID.eq(userId)));
    }

    /** The group's name when it is a group of the course, else null. */
    String groupOfCourse(DSLContext dsl, long groupId, long courseId) {
        return dsl.select(MDL_GROUPS.NAME).from(MDL_GROUPS).where(MDL_GROUPS.ID.eq(groupId))
                .and(MDL_GROUPS.COURSEID.eq(courseId)).fetchOne(MDL_GROUPS.NAME);
    }

    /** {@code groups_add_member(group, user, 'enrol_cohort', instance id)}: nothing when already a member. */
    void addToGroup(DSLContext dsl, CohortInstance inst, long groupId, String groupName, long userId, long now,
                    boolean dryRun, Effects fx) {
        if (inGroup(dsl, groupId, userId)) {
            return;
        }
        if (!dryRun) {
            dsl.insertInto(MDL_GROUPS_MEMBERS)
                    .set(MDL_GROUPS_MEMBERS.GROUPID, groupId)
                    .set(MDL_GROUPS_MEMBERS.USERID, userId)
                    .set(MDL_GROUPS_MEMBERS.TIMEADDED, now)
                    .set(MDL_GROUPS_MEMBERS.COMPONENT, CohortInstance.COMPONENT)
                    .set(MDL_GROUPS_MEMBERS.ITEMID, inst.id())
                    .execute();
            dsl.update(MDL_GROUPS).set(MDL_GROUPS.TIMEMODIFIED, now).where(MDL_GROUPS.ID.eq(groupId)).execute();
        }
        fx.groupsChanged();
        fx.changed(addedToGroupNote(groupName, inst));
    }

    /** {@code groups_remove_member}: the membership goes, the group's timemodified is stamped. */
    void removeFromGroup(DSLContext dsl, long groupId, long userId, long now, boolean dryRun, Effects fx) {
        Record2<String, Long> group = dsl.select(MDL_GROUPS.NAME, MDL_GROUPS.COURSEID).from(MDL_GROUPS)
                .where(MDL_GROUPS.ID.eq(groupId)).fetchOne();
        if (!dryRun) {
            int n = dsl.deleteFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.GROUPID.eq(groupId))
                    .and(MDL_GROUPS_MEMBERS.USERID.eq(userId)).execute();
            if (n == 0) {
                return;
            }
            dsl.update(MDL_GROUPS).set(MDL_GROUPS.TIMEMODIFIED, now).where(MDL_GROUPS.ID.eq(groupId)).execute();
        }
        fx.groupsChanged();
        fx.changed("removed from group " + (group == null ? String.valueOf(groupId) : group.value1()));
    }

    static String enrolledNote(CohortInstance inst) {
        return "enrolled in course " + inst.course() + " (cohort sync)";
    }

    static String roleNote(CohortInstance inst) {
        return "role " + inst.roleName() + " in course " + inst.course();
    }

    static String addedToGroupNote(String groupName, CohortInstance inst) {
        return "added to group " + groupName + " of course " + inst.course();
    }

    static String period(long start, long end) {
        return (start == 0 ? "now" : java.time.Instant.ofEpochSecond(start).toString()) + " .. "
                + (end == 0 ? "no end" : java.time.Instant.ofEpochSecond(end).toString());
    }
}
