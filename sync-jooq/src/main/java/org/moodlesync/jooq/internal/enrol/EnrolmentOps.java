package org.moodlesync.jooq.internal.enrol;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_GRADES;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_ITEMS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_LASTACCESS;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * Moodle's enrolment, role and group membership operations, row for row as its APIs write them
 * ({@code enrol_plugin::enrol_user}, {@code update_user_enrol}, {@code unenrol_user}, {@code role_assign},
 * {@code role_unassign}, {@code groups_add_member}, {@code groups_remove_member}, {@code groups_create_group}),
 * on a line's {@link LineWork}: the line's state copy changes at once, the rows only when it is no dry run.
 */
public final class EnrolmentOps {

    /** Plugins whose enrolments only their own synchronisation makes: a sync file must not write them. */
    private static final Set<String> SYNC_MANAGED = Set.of("guest", "cohort", "meta", "category");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final EnrolSite site;

    public EnrolmentOps(EnrolSite site) {
        this.site = site;
    }

    /** The site. */
    public EnrolSite site() {
        return site;
    }

    // ------------------------------------------------------------------------------------------------ instances

    /**
     * The instance of a method a user is enrolled through, or will be: the one the user already has an enrolment in,
     * else the course's first enabled one (first one at all when disabled ones are allowed).
     *
     * @param column the column of the method, for errors
     */
    public EnrolInstance instanceFor(Courses courses, CourseRef course, String method, Participation p,
                                     boolean allowDisabled, String column) {
        checkMethod(method, column);
        List<EnrolInstance> candidates = courses.instances(course.id()).stream()
                .filter(i -> i.enrol().equals(method)).toList();
        for (EnrolInstance i : candidates) {
            if (p.enrolment(i.id()) != null && (i.enabled() || allowDisabled)) {
                return i;
            }
        }
        for (EnrolInstance i : candidates) {
            if (i.enabled()) {
                return i;
            }
        }
        if (candidates.isEmpty()) {
            throw new LineRejected(column, "course " + course.label() + " has no " + method + " enrolment method");
        }
        if (!allowDisabled) {
            throw new LineRejected(column, "the " + method + " enrolment method of course " + course.label()
                    + " is disabled (allow enrolments through disabled instances to use it)");
        }
        return candidates.get(0);
    }

    /** The instances of a method through which the user is enrolled in the course. */
    public List<EnrolInstance> enrolledThrough(Courses courses, CourseRef course, String method, Participation p) {
        return courses.instances(course.id()).stream()
                .filter(i -> method == null || i.enrol().equals(method))
                .filter(i -> p.enrolment(i.id()) != null).toList();
    }

    /** Fails when the method cannot be used for a sync's enrolments on this site. */
    public void checkMethod(String method, String column) {
        if (SYNC_MANAGED.contains(method)) {
            throw new LineRejected(column, "enrolments of the " + method + " method are made by Moodle's "
                    + method + " plugin itself; a sync file cannot write them");
        }
        if (!site.pluginEnabled(method)) {
            throw new LineRejected(column, "the enrol plugin " + method + " is not enabled on the site"
                    + " (Site administration > Plugins > Enrolments)");
        }
    }

    // ------------------------------------------------------------------------------------------------ enrolments

    /**
     * Enrols the user through an instance, or updates the enrolment's times and status when given and different
     * (Moodle's {@code enrol_user}): a new enrolment starts now (or at {@code start}), has no end (or {@code end}),
     * is active (or {@code status}).
     *
     * @return true when a new enrolment was written
     */
    public boolean enrol(LineWork w, Participation p, CourseRef course, EnrolInstance instance, Long start, Long end,
                         Long status) {
        Participation.Enrolment ue = p.enrolment(instance.id());
        if (ue == null) {
            long timestart = start != null ? start : w.now;
            long timeend = end != null ? end : 0;
            checkTimes(timestart, timeend);
            long st = status != null ? status : 0;
            long id;
            if (w.dryRun) {
                id = w.state.placeholderId();
            } else if (w.gathering()) {
                id = w.state.placeholderId();
                w.pending.enrolments.add(new ChunkWrites.NewEnrolment(instance.id(), p.userId, st, timestart,
                        timeend, w.now));
                w.pending.pairs.add(new EnrolState.Pair(p.userId, p.courseId));
            } else {
                id = w.dsl.insertInto(MDL_USER_ENROLMENTS)
                        .set(MDL_USER_ENROLMENTS.ENROLID, instance.id())
                        .set(MDL_USER_ENROLMENTS.USERID, p.userId)
                        .set(MDL_USER_ENROLMENTS.STATUS, st)
                        .set(MDL_USER_ENROLMENTS.TIMESTART, timestart)
                        .set(MDL_USER_ENROLMENTS.TIMEEND, timeend)
                        .set(MDL_USER_ENROLMENTS.MODIFIERID, 0L)
                        .set(MDL_USER_ENROLMENTS.TIMECREATED, w.now)
                        .set(MDL_USER_ENROLMENTS.TIMEMODIFIED, w.now)
                        .returningResult(MDL_USER_ENROLMENTS.ID).fetchOne().value1();
            }
            p.enrolments.put(instance.id(), new Participation.Enrolment(id, instance.id(), st, timestart, timeend));
            w.change("enrolment", null, instance.enrol() + (st == 0 ? "" : " (suspended)"));
            if (start != null) {
                w.change("timestart", null, time(timestart));
            }
            if (timeend != 0) {
                w.change("timeend", null, time(timeend));
            }
            w.dirty(p.userId);
            return true;
        }
        long timestart = start != null ? start : ue.timeStart();
        long timeend = end != null ? end : ue.timeEnd();
        long st = status != null ? status : ue.status();
        if (timestart == ue.timeStart() && timeend == ue.timeEnd() && st == ue.status()) {
            return false;
        }
        checkTimes(timestart, timeend);
        if (!w.dryRun) {
            w.immediate();
            w.dsl.update(MDL_USER_ENROLMENTS)
                    .set(MDL_USER_ENROLMENTS.STATUS, st)
                    .set(MDL_USER_ENROLMENTS.TIMESTART, timestart)
                    .set(MDL_USER_ENROLMENTS.TIMEEND, timeend)
                    .set(MDL_USER_ENROLMENTS.MODIFIERID, 0L)
                    .set(MDL_USER_ENROLMENTS.TIMEMODIFIED, w.now)
                    .where(MDL_USER_ENROLMENTS.ID.eq(ue.id()))
                    .execute();
        }
        if (st != ue.status()) {
            w.change("status", status(ue.status()), status(st));
        }
        if (timestart != ue.timeStart()) {
            w.change("timestart", time(ue.timeStart()), time(timestart));
        }
        if (timeend != ue.timeEnd()) {
            w.change("timeend", time(ue.timeEnd()), time(timeend));
        }
        p.enrolments.put(instance.id(), new Participation.Enrolment(ue.id(), ue.enrolId(), st, timestart, timeend));
        w.dirty(p.userId);
        return false;
    }

    private static void checkTimes(long start, long end) {
        if (end != 0 && end <= start) {
            throw new LineRejected("endtime", "the enrolment would end (" + end + ") before it starts (" + start
                    + ")");
        }
    }

    /**
     * Unenrols the user from an instance (Moodle's {@code unenrol_user}): the memberships and roles the instance
     * owns go, then the enrolment; when it was the user's last enrolment in the course, every remaining role in the
     * course context and below, every membership of the course's groups, the user's grades in the course and the
     * course's last access go too.
     */
    public void unenrol(LineWork w, Participation p, CourseRef course, EnrolInstance instance) {
        Participation.Enrolment ue = p.enrolment(instance.id());
        if (ue == null) {
            return;
        }
        w.immediate();
        String component = "enrol_" + instance.enrol();
        for (Participation.Membership m : List.copyOf(p.memberships.values())) {
            if (component.equals(m.component()) && m.itemId() == instance.id()) {
                removeMembership(w, p, m);
            }
        }
        unassignRoles(w, p, course, r -> component.equals(r.component()) && r.itemId() == instance.id());
        if (!w.dryRun) {
            w.dsl.deleteFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.ID.eq(ue.id())).execute();
        }
        p.enrolments.remove(instance.id());
        w.change("enrolment", instance.enrol(), null);
        w.dirty(p.userId);
        if (!p.enrolled()) {
            lastEnrolmentCleanup(w, p, course);
        }
    }

    private void lastEnrolmentCleanup(LineWork w, Participation p, CourseRef course) {
        unassignRoles(w, p, course, r -> true);
        var below = DSL.select(MDL_CONTEXT.ID).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.PATH.like(escapeLike(course.contextPath()) + "/%", '!'));
        if (p.userId > 0) {
            int subRoles = w.dryRun
                    ? w.dsl.fetchCount(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.USERID.eq(p.userId)
                            .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.in(below)))
                    : w.dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.USERID.eq(p.userId))
                            .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.in(below)).execute();
            if (subRoles > 0) {
                w.message(subRoles + " role assignment(s) in the course's activities and blocks removed");
            }
        }
        for (Participation.Membership m : List.copyOf(p.memberships.values())) {
            removeMembership(w, p, m);
        }
        if (!w.dryRun && p.userId > 0) {
            w.dsl.deleteFrom(MDL_GRADE_GRADES).where(MDL_GRADE_GRADES.USERID.eq(p.userId))
                    .and(MDL_GRADE_GRADES.ITEMID.in(DSL.select(MDL_GRADE_ITEMS.ID).from(MDL_GRADE_ITEMS)
                            .where(MDL_GRADE_ITEMS.COURSEID.eq(course.id()))))
                    .execute();
            w.dsl.deleteFrom(MDL_USER_LASTACCESS).where(MDL_USER_LASTACCESS.USERID.eq(p.userId))
                    .and(MDL_USER_LASTACCESS.COURSEID.eq(course.id())).execute();
        }
        w.message("last enrolment in " + course.label() + ": roles, groups, grades and last access cleared");
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    // ------------------------------------------------------------------------------------------------ roles

    /**
     * Assigns a role in the course context (Moodle's {@code role_assign}); nothing when the same assignment (role,
     * component, item) exists.
     *
     * @return true when a row was written
     */
    public boolean assignRole(LineWork w, Participation p, CourseRef course, long roleId, String component,
                              long itemId) {
        for (Participation.Role r : p.roles) {
            if (r.roleId() == roleId && r.component().equals(component) && r.itemId() == itemId) {
                return false;
            }
        }
        long id;
        if (w.dryRun) {
            id = w.state.placeholderId();
        } else if (w.gathering()) {
            id = w.state.placeholderId();
            w.pending.roles.add(new ChunkWrites.NewRole(roleId, course.contextId(), p.userId, w.now, component,
                    itemId));
            w.pending.pairs.add(new EnrolState.Pair(p.userId, p.courseId));
        } else {
            id = w.dsl.insertInto(MDL_ROLE_ASSIGNMENTS)
                    .set(MDL_ROLE_ASSIGNMENTS.ROLEID, roleId)
                    .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, course.contextId())
                    .set(MDL_ROLE_ASSIGNMENTS.USERID, p.userId)
                    .set(MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED, w.now)
                    .set(MDL_ROLE_ASSIGNMENTS.MODIFIERID, 0L)
                    .set(MDL_ROLE_ASSIGNMENTS.COMPONENT, component)
                    .set(MDL_ROLE_ASSIGNMENTS.ITEMID, itemId)
                    .set(MDL_ROLE_ASSIGNMENTS.SORTORDER, 0L)
                    .returningResult(MDL_ROLE_ASSIGNMENTS.ID).fetchOne().value1();
        }
        p.roles.add(new Participation.Role(id, roleId, component, itemId));
        w.change("role", null, site.roleName(roleId) + (component.isEmpty() ? "" : " (" + component + ")"));
        w.dirty(p.userId);
        return true;
    }

    /**
     * Removes the user's role assignments in the course context that match (Moodle's {@code role_unassign}).
     *
     * @return how many were removed
     */
    public int unassignRoles(LineWork w, Participation p, CourseRef course, Predicate<Participation.Role> which) {
        List<Participation.Role> gone = new ArrayList<>();
        for (Participation.Role r : p.roles) {
            if (which.test(r)) {
                gone.add(r);
            }
        }
        if (!gone.isEmpty()) {
            w.immediate();
        }
        for (Participation.Role r : gone) {
            if (!w.dryRun && r.id() > 0) {
                w.dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.ID.eq(r.id())).execute();
            }
            p.roles.remove(r);
            w.change("role", site.roleName(r.roleId()) + (r.component().isEmpty() ? "" : " (" + r.component() + ")"),
                    null);
            w.dirty(p.userId);
        }
        return gone.size();
    }

    // ------------------------------------------------------------------------------------------------ groups

    /**
     * Adds the user to a group of the course (Moodle's {@code groups_add_member}): the user must be enrolled in the
     * course; the membership is a manual one (component '').
     *
     * @return true when a row was written
     */
    public boolean join(LineWork w, Participation p, CourseRef course, CourseGroups.Item group, String column) {
        if (!p.enrolled()) {
            throw new LineRejected(column, "the user is not enrolled in course " + course.label()
                    + ": only enrolled users can join its group " + group.name());
        }
        if (p.member(group.id())) {
            return false;
        }
        long id;
        if (w.dryRun) {
            id = w.state.placeholderId();
        } else if (w.gathering()) {
            id = w.state.placeholderId();
            w.pending.memberships.add(new ChunkWrites.NewMembership(group.id(), p.userId, w.now));
            w.pending.pairs.add(new EnrolState.Pair(p.userId, p.courseId));
            if (group.id() > 0) {
                w.pending.groups.add(group.id());
            }
        } else {
            id = w.dsl.insertInto(MDL_GROUPS_MEMBERS)
                    .set(MDL_GROUPS_MEMBERS.GROUPID, group.id())
                    .set(MDL_GROUPS_MEMBERS.USERID, p.userId)
                    .set(MDL_GROUPS_MEMBERS.TIMEADDED, w.now)
                    .set(MDL_GROUPS_MEMBERS.COMPONENT, "")
                    .set(MDL_GROUPS_MEMBERS.ITEMID, 0L)
                    .returningResult(MDL_GROUPS_MEMBERS.ID).fetchOne().value1();
            touchGroup(w, group.id());
        }
        p.memberships.put(group.id(), new Participation.Membership(id, group.id(), "", 0));
        w.change("group", null, group.name());
        return true;
    }

    /**
     * Removes the user from a group (Moodle's {@code groups_remove_member}). A membership an enrol plugin owns is
     * kept: that plugin would put it back.
     *
     * @return true when a row was removed
     */
    public boolean leave(LineWork w, Participation p, CourseGroups.Item group, boolean failIfOwned, String column) {
        Participation.Membership m = p.memberships.get(group.id());
        if (m == null) {
            return false;
        }
        if (m.pluginOwned()) {
            String why = "the membership of group " + group.name() + " belongs to " + m.component()
                    + " (instance " + m.itemId() + "), which maintains it";
            if (failIfOwned) {
                throw new LineRejected(column, why + ": it cannot be removed by a sync file");
            }
            w.message(why + ": kept");
            return false;
        }
        removeMembership(w, p, m);
        return true;
    }

    private void removeMembership(LineWork w, Participation p, Participation.Membership m) {
        w.immediate();
        if (!w.dryRun && m.id() > 0) {
            w.dsl.deleteFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.ID.eq(m.id())).execute();
            touchGroup(w, m.groupId());
        }
        p.memberships.remove(m.groupId());
        CourseGroups.Item g = w.state.groups(w.dsl, p.courseId).groupById(m.groupId());
        w.change("group", g == null ? Long.toString(m.groupId()) : g.name(), null);
    }

    private static void touchGroup(LineWork w, long groupId) {
        if (groupId > 0) {
            w.dsl.update(MDL_GROUPS).set(MDL_GROUPS.TIMEMODIFIED, w.now).where(MDL_GROUPS.ID.eq(groupId)).execute();
        }
    }

    /**
     * Creates a group in the course (Moodle's {@code groups_create_group}): name unique in the course, idnumber
     * unique in the course when not empty.
     */
    public CourseGroups.Item createGroup(LineWork w, CourseGroups groups, CourseRef course, String name,
                                         String idnumber, String description, String column) {
        String idn = idnumber == null ? "" : idnumber;
        if (groups.groupByName(name, column) != null) {
            throw new LineRejected(column, "course " + course.label() + " already has a group named " + name);
        }
        if (!idn.isEmpty() && groups.groupByIdnumber(idn, "idnumber") != null) {
            throw new LineRejected("idnumber", "course " + course.label() + " already has a group with idnumber "
                    + idn);
        }
        long id;
        if (w.dryRun) {
            id = w.state.placeholderId();
        } else {
            w.immediate();
            id = w.dsl.insertInto(MDL_GROUPS)
                    .set(MDL_GROUPS.COURSEID, course.id())
                    .set(MDL_GROUPS.IDNUMBER, idn)
                    .set(MDL_GROUPS.NAME, name)
                    .set(MDL_GROUPS.DESCRIPTION, description == null ? "" : description)
                    .set(MDL_GROUPS.DESCRIPTIONFORMAT, (short) 1)
                    .set(MDL_GROUPS.PICTURE, 0L)
                    // visibility 0 and participation 1 are the columns' defaults (Moodle 4.2+; 4.1 has neither)
                    .set(MDL_GROUPS.TIMECREATED, w.now)
                    .set(MDL_GROUPS.TIMEMODIFIED, w.now)
                    .returningResult(MDL_GROUPS.ID).fetchOne().value1();
        }
        CourseGroups.Item g = new CourseGroups.Item(id, name, idn, description == null ? "" : description);
        groups.groups.add(g);
        return g;
    }

    // ------------------------------------------------------------------------------------------------ display

    /** A Unix time as the site's wall clock, for reports ({@code none} for 0). */
    public String time(long t) {
        return t == 0 ? "none" : TIME.format(Instant.ofEpochSecond(t).atZone(site.zone())) + " (" + t + ")";
    }

    private static String status(long status) {
        return status == 0 ? "active" : "suspended";
    }

}
