package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_COMPLETIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_COMPLETION_CRIT_COMPL;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES_COMPLETION;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES_VIEWED;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_EVENT;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_GRADES;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_ITEMS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_POST;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_CAPABILITIES;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.command.course.CourseResetCommand.Grades;
import org.moodlesync.api.command.course.CourseResetCommand.LocalRoles;
import org.moodlesync.api.command.course.CourseResetCommand.Scope;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.internal.site.CacheFlags;

/**
 * Resets a course as Moodle's {@code reset_course_userdata} does, option by option, for what lives in core tables:
 * calendar events, notes, completion data, roles in activities and blocks, permission overrides, unenrolments by
 * role, groups and groupings and their members, grades. What needs Moodle's own code (activity user data, comments,
 * blog associations, grade items) is not done and said so.
 */
final class CourseResetter {

    /** Plugins whose enrolments a reset may remove ({@code allow_unenrol}). */
    private static final Set<String> UNENROL_ALWAYS = Set.of("manual", "self", "flatfile", "paypal", "lti");
    /** Plugins whose suspended enrolments a reset may remove ({@code allow_unenrol_user}). */
    private static final Set<String> UNENROL_SUSPENDED = Set.of("cohort", "database", "meta");

    private final CourseSettings settings;
    private final Roles roles;

    CourseResetter(CourseSettings settings, Roles roles) {
        this.settings = settings;
        this.roles = roles;
    }

    /** What a reset did, and what it could not do. */
    record Done(List<FieldChange> changes, List<String> messages, List<String> notDone, boolean groupsChanged) {
    }

    Done reset(DSLContext dsl, MdlCourseRecord course, CourseResetCommand c, long now, boolean dryRun) {
        return new Reset(dsl, course, c, now, dryRun).run();
    }

    /**
     * The reset of one course, option by option in Moodle's order, each step adding what it removed (or would
     * remove in a dry run); the users whose access changed marked dirty at the end.
     */
    private final class Reset {
        private final DSLContext dsl;
        private final long id;
        private final CourseResetCommand c;
        private final long now;
        private final boolean dryRun;
        private final CategoryTree.ContextRef context;
        /** The contexts of the course's activities and blocks. */
        private final List<Long> children;
        /** Those and the course context. */
        private final List<Long> all;
        private final List<FieldChange> changes = new ArrayList<>();
        private final List<String> messages = new ArrayList<>();
        private final List<String> notDone = new ArrayList<>();
        private final Set<Long> dirtyUsers = new LinkedHashSet<>();
        private boolean groupsChanged;
        private boolean rebuild;

        Reset(DSLContext dsl, MdlCourseRecord course, CourseResetCommand c, long now, boolean dryRun) {
            this.dsl = dsl;
            this.id = course.getId();
            this.c = c;
            this.now = now;
            this.dryRun = dryRun;
            this.context = CourseData.context(dsl, id);
            this.children = CourseData.childContexts(dsl, context);
            this.all = new ArrayList<>(children);
            if (context != null) {
                all.add(context.id());
            }
        }

        Done run() {
            List<Long> unenrolRoles = unenrolRoles();
            removeEventsAndNotes();
            if (c.completion()) {
                removeCompletion();
            }
            removeLocalRoles();
            if (c.unenrolAll() || !unenrolRoles.isEmpty()) {
                new Unenrolment(this, c.unenrolAll(), unenrolRoles).run();
            }
            removeGroups();
            removeGroupings();
            removeGrades();
            if (c.modules() != null) {
                notDone.add("modules=" + c.modules() + " (activity user data needs each module's own reset code)");
            }
            for (String option : c.moduleOptions()) {
                notDone.add(option + " (needs the module's own reset code)");
            }
            if (!dryRun) {
                for (long user : dirtyUsers) {
                    CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_USERS, Long.toString(user), now);
                }
                if (rebuild) {
                    CourseStructure.bumpCacheRev(dsl, id, now);
                }
            }
            return new Done(changes, messages, notDone, groupsChanged);
        }

        /** The role names first: an unknown role fails the line before anything is removed. */
        private List<Long> unenrolRoles() {
            List<Long> unenrolRoles = new ArrayList<>();
            for (String shortname : c.unenrolRoles()) {
                Long roleId = roles.id(shortname);
                if (roleId == null) {
                    throw new LineRejected("roles", "no role " + shortname);
                }
                unenrolRoles.add(roleId);
            }
            return unenrolRoles;
        }

        /** Events and notes; logs, comments and blog associations said why not. */
        private void removeEventsAndNotes() {
            if (c.events()) {
                remove(dsl, dryRun, changes, "events", MDL_EVENT, MDL_EVENT.COURSEID.eq(id));
            }
            if (c.logs()) {
                messages.add("logs: nothing to reset (Moodle 4.5 keeps logs in its log stores, which a course reset"
                        + " does not touch)");
            }
            if (c.notes()) {
                remove(dsl, dryRun, changes, "notes", MDL_POST,
                        MDL_POST.MODULE.eq("notes").and(MDL_POST.COURSEID.eq(id)));
            }
            if (c.comments()) {
                notDone.add("comments (needs Moodle's comment API)");
            }
            if (c.blogAssociations()) {
                notDone.add("blog_associations (needs Moodle's blog API)");
            }
        }

        private void removeCompletion() {
            var cms = dsl.select(MDL_COURSE_MODULES.ID).from(MDL_COURSE_MODULES)
                    .where(MDL_COURSE_MODULES.COURSE.eq(id));
            remove(dsl, dryRun, changes, "activity completions", MDL_COURSE_MODULES_COMPLETION,
                    MDL_COURSE_MODULES_COMPLETION.COURSEMODULEID.in(cms));
            remove(dsl, dryRun, changes, "activity views", MDL_COURSE_MODULES_VIEWED,
                    MDL_COURSE_MODULES_VIEWED.COURSEMODULEID.in(cms));
            remove(dsl, dryRun, changes, "course completions", MDL_COURSE_COMPLETIONS,
                    MDL_COURSE_COMPLETIONS.COURSE.eq(id));
            remove(dsl, dryRun, changes, "criteria completions", MDL_COURSE_COMPLETION_CRIT_COMPL,
                    MDL_COURSE_COMPLETION_CRIT_COMPL.COURSE.eq(id));
        }

        /** Permission overrides in the course and below; role assignments in activities and blocks. */
        private void removeLocalRoles() {
            if (c.localRoles() == LocalRoles.ALL || c.localRoles() == LocalRoles.OVERRIDES) {
                int overrides = remove(dsl, dryRun, changes, "permission overrides", MDL_ROLE_CAPABILITIES,
                        MDL_ROLE_CAPABILITIES.CONTEXTID.in(all));
                if (overrides > 0 && context != null && !dryRun) {
                    CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_CONTEXTS, context.path(), now);
                }
            }
            if (c.localRoles() == LocalRoles.ALL || c.localRoles() == LocalRoles.ROLES) {
                Condition local = MDL_ROLE_ASSIGNMENTS.CONTEXTID.in(children);
                dirtyUsers.addAll(dsl.selectDistinct(MDL_ROLE_ASSIGNMENTS.USERID).from(MDL_ROLE_ASSIGNMENTS)
                        .where(local).fetch(MDL_ROLE_ASSIGNMENTS.USERID));
                remove(dsl, dryRun, changes, "local role assignments", MDL_ROLE_ASSIGNMENTS, local);
            }
        }

        private void removeGroups() {
            var groups = dsl.select(MDL_GROUPS.ID).from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(id));
            if (c.groups() == Scope.ALL || c.groups() == Scope.MEMBERS) {
                groupsChanged |= remove(dsl, dryRun, changes, "group members", MDL_GROUPS_MEMBERS,
                        MDL_GROUPS_MEMBERS.GROUPID.in(groups)) > 0;
            }
            if (c.groups() == Scope.ALL || c.groups() == Scope.ITEMS) {
                remove(dsl, dryRun, changes, "group events", MDL_EVENT, MDL_EVENT.GROUPID.in(groups));
                remove(dsl, dryRun, changes, "groups in groupings", MDL_GROUPINGS_GROUPS,
                        MDL_GROUPINGS_GROUPS.GROUPID.in(groups));
                remove(dsl, dryRun, changes, "group members", MDL_GROUPS_MEMBERS,
                        MDL_GROUPS_MEMBERS.GROUPID.in(groups));
                groupsChanged |= remove(dsl, dryRun, changes, "groups", MDL_GROUPS, MDL_GROUPS.COURSEID.eq(id)) > 0;
            }
        }

        /** Groupings' groups; the groupings themselves, the course and its activities left without them. */
        private void removeGroupings() {
            var groupings = dsl.select(MDL_GROUPINGS.ID).from(MDL_GROUPINGS).where(MDL_GROUPINGS.COURSEID.eq(id));
            if (c.groupings() == Scope.ALL || c.groupings() == Scope.MEMBERS) {
                groupsChanged |= remove(dsl, dryRun, changes, "groups in groupings", MDL_GROUPINGS_GROUPS,
                        MDL_GROUPINGS_GROUPS.GROUPINGID.in(groupings)) > 0;
            }
            if (c.groupings() == Scope.ALL || c.groupings() == Scope.ITEMS) {
                List<Long> ids = groupings.fetch(MDL_GROUPINGS.ID);
                if (!ids.isEmpty() && !dryRun) {
                    dsl.update(MDL_COURSE).set(MDL_COURSE.DEFAULTGROUPINGID, 0L)
                            .where(MDL_COURSE.DEFAULTGROUPINGID.in(ids)).execute();
                    dsl.update(MDL_COURSE_MODULES).set(MDL_COURSE_MODULES.GROUPINGID, 0L)
                            .where(MDL_COURSE_MODULES.GROUPINGID.in(ids)).execute();
                    rebuild = true;
                }
                remove(dsl, dryRun, changes, "groups in groupings", MDL_GROUPINGS_GROUPS,
                        MDL_GROUPINGS_GROUPS.GROUPINGID.in(ids));
                groupsChanged |= remove(dsl, dryRun, changes, "groupings", MDL_GROUPINGS,
                        MDL_GROUPINGS.COURSEID.eq(id)) > 0;
            }
        }

        /** Grades (the items then to be recomputed); grade items said why not. */
        private void removeGrades() {
            if (c.grades() == Grades.GRADES) {
                var items = dsl.select(MDL_GRADE_ITEMS.ID).from(MDL_GRADE_ITEMS)
                        .where(MDL_GRADE_ITEMS.COURSEID.eq(id));
                if (remove(dsl, dryRun, changes, "grades", MDL_GRADE_GRADES, MDL_GRADE_GRADES.ITEMID.in(items)) > 0
                        && !dryRun) {
                    dsl.update(MDL_GRADE_ITEMS).set(MDL_GRADE_ITEMS.NEEDSUPDATE, 1L)
                            .where(MDL_GRADE_ITEMS.COURSEID.eq(id)).execute();
                }
                messages.add("grades removed without grade history rows; activities keep their own grades (needs"
                        + " each module's reset)");
            } else if (c.grades() == Grades.ALL || c.grades() == Grades.ITEMS) {
                notDone.add("grades=" + c.grades().name().toLowerCase(java.util.Locale.ROOT)
                        + " (removing grade items needs Moodle's gradebook and each activity's code)");
            }
        }
    }

    /**
     * Unenrols the users with the given roles in the course context (all enrolled users with {@code all}), as the
     * reset does: a user with other roles too only loses the role; enrolments of plugins that do not allow it stay.
     * The roles are taken in rounds, each over all enrolments; with {@code all}, every role present, then the
     * users without a role.
     */
    private final class Unenrolment {
        private final Reset reset;
        private final boolean all;
        private final List<Long> roleIds;
        /** The course's active instances of enabled plugins, by id. */
        private final Map<Long, MdlEnrolRecord> instances = new LinkedHashMap<>();
        /** User -> their roles in the course context, as the rounds leave them. */
        private final Map<Long, Set<Long>> userRoles = new HashMap<>();
        private final Set<Long> unenrolled = new LinkedHashSet<>();
        /** The user enrolments removed. */
        private final Set<Long> gone = new HashSet<>();
        private final Map<String, Integer> kept = new LinkedHashMap<>();
        private int rolesRemoved;

        Unenrolment(Reset reset, boolean all, List<Long> roleIds) {
            this.reset = reset;
            this.all = all;
            this.roleIds = roleIds;
        }

        void run() {
            DSLContext dsl = reset.dsl;
            long id = reset.id;
            Set<String> enabled = new HashSet<>(settings.enabledEnrolPlugins());
            for (MdlEnrolRecord e : dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(id))
                    .and(MDL_ENROL.STATUS.eq(0L)).orderBy(MDL_ENROL.SORTORDER, MDL_ENROL.ID).fetch()) {
                if (enabled.contains(e.getEnrol())) {
                    instances.put(e.getId(), e);
                }
            }
            if (reset.context != null) {
                dsl.select(MDL_ROLE_ASSIGNMENTS.USERID, MDL_ROLE_ASSIGNMENTS.ROLEID).from(MDL_ROLE_ASSIGNMENTS)
                        .where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(reset.context.id()))
                        .forEach(r -> userRoles.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
            }
            List<? extends Record> enrolments = dsl.select(MDL_USER_ENROLMENTS.ID, MDL_USER_ENROLMENTS.ENROLID,
                            MDL_USER_ENROLMENTS.USERID, MDL_USER_ENROLMENTS.STATUS)
                    .from(MDL_USER_ENROLMENTS).join(MDL_ENROL).on(MDL_ENROL.ID.eq(MDL_USER_ENROLMENTS.ENROLID))
                    .where(MDL_ENROL.COURSEID.eq(id)).orderBy(MDL_USER_ENROLMENTS.ID).fetch();
            for (long roleId : rounds()) {
                for (Record ue : enrolments) {
                    unenrol(roleId, ue);
                }
            }
            report();
        }

        /** The role of each round; 0: the users without a role. */
        private List<Long> rounds() {
            List<Long> rounds = new ArrayList<>();
            if (all) {
                Set<Long> present = new LinkedHashSet<>();
                userRoles.values().forEach(present::addAll);
                rounds.addAll(present);
                rounds.add(0L);
            } else {
                rounds.addAll(roleIds);
            }
            return rounds;
        }

        /**
         * One enrolment in a round: when its user matches the round's role and its plugin allows it, the role
         * removed (the user has others) or the user unenrolled.
         */
        private void unenrol(long roleId, Record ue) {
            long ueId = ue.get(MDL_USER_ENROLMENTS.ID);
            long user = ue.get(MDL_USER_ENROLMENTS.USERID);
            Set<Long> has = userRoles.getOrDefault(user, Set.of());
            boolean matches = roleId == 0 ? has.isEmpty() : has.contains(roleId);
            if (!matches || gone.contains(ueId)) {
                return;
            }
            MdlEnrolRecord instance = instances.get(ue.get(MDL_USER_ENROLMENTS.ENROLID));
            if (instance == null) {
                return;
            }
            boolean suspended = ue.get(MDL_USER_ENROLMENTS.STATUS) != 0L;
            if (!UNENROL_ALWAYS.contains(instance.getEnrol())
                    && !(suspended && UNENROL_SUSPENDED.contains(instance.getEnrol()))) {
                kept.merge(instance.getEnrol(), 1, Integer::sum);
                return;
            }
            if (roleId != 0 && has.size() > 1) {
                removeRole(roleId, user, has);
            } else {
                if (!reset.dryRun) {
                    CourseData.unenrol(reset.dsl, settings.site(), instance, user, reset.context, reset.children,
                            reset.now);
                }
                gone.add(ueId);
                unenrolled.add(user);
            }
        }

        /** Removes the round's role (given by hand) from a user who has others. */
        private void removeRole(long roleId, long user, Set<Long> has) {
            if (!reset.dryRun) {
                reset.dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.ROLEID.eq(roleId))
                        .and(MDL_ROLE_ASSIGNMENTS.USERID.eq(user))
                        .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(reset.context.id()))
                        .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("")).and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(0L))
                        .execute();
            }
            Set<Long> left = new HashSet<>(has);
            left.remove(roleId);
            userRoles.put(user, left);
            rolesRemoved++;
            reset.dirtyUsers.add(user);
        }

        private void report() {
            if (!unenrolled.isEmpty()) {
                reset.changes.add(new FieldChange("enrolled users", Integer.toString(unenrolled.size()),
                        "0 (unenrolled)"));
            }
            if (rolesRemoved > 0) {
                reset.changes.add(new FieldChange("course roles removed", Integer.toString(rolesRemoved), "0"));
            }
            kept.forEach((plugin, n) -> reset.messages.add(n + " " + plugin + " enrolments kept: enrol_" + plugin
                    + " does not allow a reset to unenrol them"));
            if (all || !roleIds.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (long r : roleIds) {
                    names.add(roles.shortname(r));
                }
                reset.messages.add("unenrolled users " + (all ? "of every role" : "with role "
                        + String.join(" ", names)));
            }
        }
    }

    /** Deletes rows (or counts them in a dry run); a change {@code what: n -> 0} when there were some. */
    private static int remove(DSLContext dsl, boolean dryRun, List<FieldChange> changes, String what,
                              Table<?> table, Condition where) {
        Supplier<Integer> count = () -> dsl.fetchCount(table, where);
        int n = dryRun ? count.get() : dsl.deleteFrom(table).where(where).execute();
        if (n > 0) {
            changes.add(new FieldChange(what, Integer.toString(n), "0"));
        }
        return n;
    }
}
