package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.moodlesync.jooq.schema.tables.records.MdlUserEnrolmentsRecord;

/**
 * What enrol_cohort does inside Moodle, done in the same transaction as the cohort change that calls for it:
 * its event observers (member added, member removed, cohort deleted: enrol/cohort/locallib.php) and its sync
 * ({@code enrol_cohort_sync}, which Moodle runs when an instance is added, updated or switched on or off, and every
 * hour). The sync here covers one instance (Moodle's covers the instance's whole course).
 *
 * <p>One deliberate addition: an instance's {@code enrolstartdate} and {@code enrolenddate} (set by a bindings
 * file) are the {@code timestart} and {@code timeend} of its enrolments. A cohort sync instance made in Moodle's
 * interface has neither, and its enrolments have none either, as Moodle makes them.
 */
final class CohortEnrolSync {

    private static final int BATCH = 500;

    /** The note of a member joining a bound cohort while the cohort enrolment plugin is off. */
    static final String PLUGIN_DISABLED = "the cohort enrolment plugin is disabled on this site: no course enrolment";

    private final CourseEnrolments enrolments;
    private final EnrolSettings settings;

    CohortEnrolSync(EnrolSettings settings) {
        this.settings = settings;
        this.enrolments = new CourseEnrolments(settings);
    }

    EnrolSettings settings() {
        return settings;
    }

    CourseEnrolments enrolments() {
        return enrolments;
    }

    /**
     * A user joined a cohort (enrol_cohort's {@code member_added} observer): enrolled through every enabled
     * instance of the cohort, with its role, and put into its group.
     */
    void memberAdded(DSLContext dsl, List<CohortInstance> instances, long userId, long now, boolean dryRun,
                     Effects fx) {
        if (!settings.cohortEnabled()) {
            if (!instances.isEmpty()) {
                fx.note(PLUGIN_DISABLED);
            }
            return;
        }
        for (CohortInstance inst : instances) {
            if (!inst.enabled()) {
                continue;
            }
            enrolments.enrol(dsl, inst, userId, inst.effectiveRoleId(), inst.start(), inst.end(),
                    CourseEnrolments.ACTIVE, now, dryRun, fx);
            if (inst.groupId() != 0 && !enrolments.inGroup(dsl, inst.groupId(), userId)) {
                String group = enrolments.groupOfCourse(dsl, inst.groupId(), inst.courseId());
                if (group != null) {
                    enrolments.addToGroup(dsl, inst, inst.groupId(), group, userId, now, dryRun, fx);
                }
            }
        }
    }

    /**
     * A user left a cohort (enrol_cohort's {@code member_removed} observer): for every instance of the cohort, the
     * user is unenrolled, or suspended (and loses the instance's roles unless the site keeps them), as the site's
     * {@code enrol_cohort/unenrolaction} says.
     */
    void memberRemoved(DSLContext dsl, List<CohortInstance> instances, long userId, long now, boolean dryRun,
                       Effects fx) {
        for (CohortInstance inst : instances) {
            MdlUserEnrolmentsRecord ue = enrolments.enrolment(dsl, inst.id(), userId);
            if (ue == null) {
                continue;
            }
            leave(dsl, inst, ue, now, dryRun, fx);
        }
    }

    private void leave(DSLContext dsl, CohortInstance inst, MdlUserEnrolmentsRecord ue, long now, boolean dryRun,
                       Effects fx) {
        if (settings.unenrolAction() == EnrolSettings.UNENROL) {
            enrolments.unenrol(dsl, inst, ue.getUserid(), now, dryRun, fx);
        } else if (ue.getStatus().intValue() != CourseEnrolments.SUSPENDED) {
            enrolments.update(dsl, inst, ue, CourseEnrolments.SUSPENDED, null, null, now, dryRun, fx);
            if (settings.unenrolAction() != EnrolSettings.SUSPEND_KEEP_ROLES) {
                enrolments.unassignRoles(dsl, inst, ue.getUserid(), dryRun, fx);
            }
        }
    }

    /**
     * A cohort was deleted (enrol_cohort's {@code deleted} observer): each of its instances is deleted with all
     * it made, or, when the site suspends instead of unenrolling, disabled (and its roles removed unless kept).
     */
    void cohortDeleted(DSLContext dsl, List<CohortInstance> instances, long now, boolean dryRun, Effects fx) {
        for (CohortInstance inst : instances) {
            if (settings.unenrolAction() != EnrolSettings.UNENROL) {
                if (settings.unenrolAction() != EnrolSettings.SUSPEND_KEEP_ROLES) {
                    unassignAllRoles(dsl, inst, dryRun, fx);
                }
                setStatus(dsl, inst, CohortInstance.DISABLED, List.of(), now, dryRun, fx);
            } else {
                deleteInstance(dsl, inst, now, dryRun, fx);
            }
        }
    }

    /**
     * {@code update_status} of a cohort instance: the status changes (timemodified is not touched, as in Moodle),
     * the course context is marked dirty, and the instance is synced.
     *
     * @param members the cohort's members, for the sync (null: read them)
     */
    CohortInstance setStatus(DSLContext dsl, CohortInstance inst, int status, List<Long> members, long now,
                             boolean dryRun, Effects fx) {
        if (inst.status() == status) {
            return inst;
        }
        if (!dryRun) {
            dsl.update(MDL_ENROL).set(MDL_ENROL.STATUS, (long) status).where(MDL_ENROL.ID.eq(inst.id())).execute();
        }
        fx.dirtyContext(inst.contextPath());
        fx.changed("cohort sync in course " + inst.course() + (status == CohortInstance.ENABLED ? " enabled"
                : " disabled"));
        CohortInstance after = inst.withStatus(status);
        sync(dsl, after, members, now, dryRun, fx);
        return after;
    }

    /** {@code role_unassign_all(coursecontext, 'enrol_cohort', instance id)} for every user. */
    private void unassignAllRoles(DSLContext dsl, CohortInstance inst, boolean dryRun, Effects fx) {
        Condition where = instanceRoles(inst);
        List<Long> users = dsl.select(MDL_ROLE_ASSIGNMENTS.USERID).from(MDL_ROLE_ASSIGNMENTS).where(where)
                .fetch(MDL_ROLE_ASSIGNMENTS.USERID);
        if (users.isEmpty()) {
            return;
        }
        if (!dryRun) {
            dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(where).execute();
        }
        fx.dirtyUsers(users);
        fx.changed("cohort sync roles removed from " + count(users.size(), "user") + " in course " + inst.course());
    }

    /**
     * {@code delete_instance}: every enrolment of the instance is unenrolled (with what unenrolling takes), the
     * group memberships and roles it still owns go, then the instance; the course context is marked dirty.
     */
    void deleteInstance(DSLContext dsl, CohortInstance inst, long now, boolean dryRun, Effects fx) {
        List<Long> users = dsl.select(MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.eq(inst.id())).orderBy(MDL_USER_ENROLMENTS.ID)
                .fetch(MDL_USER_ENROLMENTS.USERID);
        Effects quiet = new Effects();
        for (long userId : users) {
            enrolments.unenrol(dsl, inst, userId, now, dryRun, quiet);
        }
        fx.dirtyUsers(users);
        fx.absorbEffectsOnly(quiet);
        if (!dryRun) {
            List<org.jooq.Record2<Long, Long>> leftovers = dsl.select(MDL_GROUPS_MEMBERS.GROUPID,
                            MDL_GROUPS_MEMBERS.USERID).from(MDL_GROUPS_MEMBERS)
                    .where(MDL_GROUPS_MEMBERS.COMPONENT.eq(CohortInstance.COMPONENT))
                    .and(MDL_GROUPS_MEMBERS.ITEMID.eq(inst.id())).fetch();
            for (var gm : leftovers) {
                enrolments.removeFromGroup(dsl, gm.value1(), gm.value2(), now, false, quiet);
            }
            dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(inst.id()))
                    .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq(CohortInstance.COMPONENT)).execute();
            dsl.deleteFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.ENROLID.eq(inst.id())).execute();
            dsl.deleteFrom(MDL_ENROL).where(MDL_ENROL.ID.eq(inst.id())).execute();
        }
        fx.absorbEffectsOnly(quiet);
        fx.dirtyContext(inst.contextPath());
        fx.changed("cohort sync in course " + inst.course() + " deleted"
                + (users.isEmpty() ? "" : ", " + count(users.size(), "user") + " unenrolled"));
    }

    /**
     * {@code enrol_cohort_sync} for one instance: members enrolled (or reactivated), leavers unenrolled or
     * suspended, roles of active enrolments assigned and those of inactive ones removed, group memberships
     * aligned with the instance's group.
     *
     * @param knownMembers the cohort's members, or null to read them
     */
    void sync(DSLContext dsl, CohortInstance inst, List<Long> knownMembers, long now, boolean dryRun, Effects fx) {
        if (!settings.cohortEnabled()) {
            fx.note("the cohort enrolment plugin is disabled on this site: members are not enrolled");
            return;
        }
        new InstanceSync(dsl, inst, knownMembers, now, dryRun, fx).run();
    }

    /**
     * The sync of one instance, step by step: (a) members enrolled, (b) leavers gone, (c) roles given, (d) roles
     * taken, (e) groups aligned. The cohort's members and the instance's enrolments are read once, at the start.
     */
    private final class InstanceSync {
        private final DSLContext dsl;
        private final CohortInstance inst;
        private final long now;
        private final boolean dryRun;
        private final Effects fx;
        private final Set<Long> members;
        private final Map<Long, MdlUserEnrolmentsRecord> enrolled = new HashMap<>();

        InstanceSync(DSLContext dsl, CohortInstance inst, List<Long> knownMembers, long now, boolean dryRun,
                     Effects fx) {
            this.dsl = dsl;
            this.inst = inst;
            this.now = now;
            this.dryRun = dryRun;
            this.fx = fx;
            this.members = new LinkedHashSet<>(knownMembers != null ? knownMembers : members(dsl, inst.cohortId()));
            for (MdlUserEnrolmentsRecord ue : dsl.selectFrom(MDL_USER_ENROLMENTS)
                    .where(MDL_USER_ENROLMENTS.ENROLID.eq(inst.id())).orderBy(MDL_USER_ENROLMENTS.ID).fetch()) {
                enrolled.put(ue.getUserid(), ue);
            }
        }

        void run() {
            Effects each = new Effects();
            if (inst.enabled()) {
                enrolMembers(each);
            }
            alignPeriods(each);
            removeLeavers(each);
            fx.absorb(each);
            // after (a) and (b), the active enrolments of an enabled instance are exactly its members'
            Set<Long> active = inst.enabled() ? members : Set.of();
            assignRoles(active);
            if (settings.unenrolAction() != EnrolSettings.SUSPEND_KEEP_ROLES) {
                removeRoles(active);
            }
            syncGroups(dsl, inst, now, dryRun, fx);
        }

        /** (a) Members without an enrolment are enrolled; suspended ones reactivated (enabled instances only). */
        private void enrolMembers(Effects each) {
            List<Long> toEnrol = new ArrayList<>();
            for (long userId : members) {
                MdlUserEnrolmentsRecord ue = enrolled.get(userId);
                if (ue == null) {
                    toEnrol.add(userId);
                } else if (ue.getStatus().intValue() == CourseEnrolments.SUSPENDED) {
                    enrolments.update(dsl, inst, ue, CourseEnrolments.ACTIVE, null, null, now, dryRun, each);
                }
            }
            insertEnrolments(dsl, inst, toEnrol, now, dryRun);
            fx.dirtyUsers(toEnrol);
            if (!toEnrol.isEmpty()) {
                fx.changed(count(toEnrol.size(), "member") + " enrolled in course " + inst.course());
            }
        }

        /** The instance's period is the period of its enrolments. */
        private void alignPeriods(Effects each) {
            for (MdlUserEnrolmentsRecord ue : enrolled.values()) {
                if (ue.getTimestart() != inst.start() || ue.getTimeend() != inst.end()) {
                    enrolments.update(dsl, inst, ue, null, inst.start(), inst.end(), now, dryRun, each);
                }
            }
        }

        /** (b) Enrolled users who are no longer members leave. */
        private void removeLeavers(Effects each) {
            for (MdlUserEnrolmentsRecord ue : enrolled.values()) {
                if (!members.contains(ue.getUserid())) {
                    leave(dsl, inst, ue, now, dryRun, each);
                }
            }
        }

        /** (c) The instance's role for the active enrolments of an enabled instance. */
        private void assignRoles(Set<Long> active) {
            Set<Long> withRole = new HashSet<>(dsl.select(MDL_ROLE_ASSIGNMENTS.USERID).from(MDL_ROLE_ASSIGNMENTS)
                    .where(instanceRoles(inst))
                    .and(MDL_ROLE_ASSIGNMENTS.ROLEID.eq(inst.roleId()))
                    .fetch(MDL_ROLE_ASSIGNMENTS.USERID));
            if (inst.enabled() && inst.effectiveRoleId() > 0) {
                List<Long> toAssign = active.stream().filter(u -> !withRole.contains(u)).sorted().toList();
                insertRoles(dsl, inst, toAssign, now, dryRun);
                fx.dirtyUsers(toAssign);
                if (!toAssign.isEmpty()) {
                    fx.changed("role " + inst.roleName() + " given to " + count(toAssign.size(), "member")
                            + " in course " + inst.course());
                }
            }
        }

        /** (d) Cohort sync roles of users not actively enrolled, or of a disabled instance, are removed. */
        private void removeRoles(Set<Long> active) {
            var owned = dsl.select(MDL_ROLE_ASSIGNMENTS.ID, MDL_ROLE_ASSIGNMENTS.USERID).from(MDL_ROLE_ASSIGNMENTS)
                    .where(instanceRoles(inst))
                    .fetch();
            List<Long> ids = new ArrayList<>();
            Set<Long> users = new LinkedHashSet<>();
            for (var ra : owned) {
                if (!inst.enabled() || !active.contains(ra.value2())) {
                    ids.add(ra.value1());
                    users.add(ra.value2());
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            if (!dryRun) {
                for (int from = 0; from < ids.size(); from += BATCH) {
                    dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS)
                            .where(MDL_ROLE_ASSIGNMENTS.ID.in(ids.subList(from, Math.min(ids.size(), from + BATCH))))
                            .execute();
                }
            }
            fx.dirtyUsers(users);
            fx.changed("cohort sync role removed from " + count(users.size(), "user") + " in course "
                    + inst.course());
        }
    }

    /** The role assignments an instance owns in its course context. */
    private static Condition instanceRoles(CohortInstance inst) {
        return MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(inst.contextId())
                .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq(CohortInstance.COMPONENT))
                .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(inst.id()));
    }

    private void syncGroups(DSLContext dsl, CohortInstance inst, long now, boolean dryRun, Effects fx) {
        Effects each = new Effects();
        var wrong = dsl.select(MDL_GROUPS_MEMBERS.GROUPID, MDL_GROUPS_MEMBERS.USERID).from(MDL_GROUPS_MEMBERS)
                .join(MDL_GROUPS).on(MDL_GROUPS.ID.eq(MDL_GROUPS_MEMBERS.GROUPID))
                .join(MDL_USER_ENROLMENTS).on(MDL_USER_ENROLMENTS.USERID.eq(MDL_GROUPS_MEMBERS.USERID)
                        .and(MDL_USER_ENROLMENTS.ENROLID.eq(inst.id())))
                .where(MDL_GROUPS_MEMBERS.COMPONENT.eq(CohortInstance.COMPONENT))
                .and(MDL_GROUPS_MEMBERS.ITEMID.eq(inst.id()))
                .and(MDL_GROUPS.COURSEID.eq(inst.courseId()))
                .and(MDL_GROUPS.ID.ne(inst.groupId()))
                .fetch();
        for (var gm : wrong) {
            enrolments.removeFromGroup(dsl, gm.value1(), gm.value2(), now, dryRun, each);
        }
        if (inst.groupId() > 0) {
            String group = enrolments.groupOfCourse(dsl, inst.groupId(), inst.courseId());
            if (group != null) {
                List<Long> missing = dsl.select(MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                        .join(MDL_USER).on(MDL_USER.ID.eq(MDL_USER_ENROLMENTS.USERID)
                                .and(MDL_USER.DELETED.eq(MDL_USER.DELETED.getDataType().convert(0))))
                        .where(MDL_USER_ENROLMENTS.ENROLID.eq(inst.id()))
                        .andNotExists(dsl.selectOne().from(MDL_GROUPS_MEMBERS)
                                .where(MDL_GROUPS_MEMBERS.GROUPID.eq(inst.groupId()))
                                .and(MDL_GROUPS_MEMBERS.USERID.eq(MDL_USER_ENROLMENTS.USERID)))
                        .orderBy(MDL_USER_ENROLMENTS.USERID)
                        .fetch(MDL_USER_ENROLMENTS.USERID);
                if (!missing.isEmpty()) {
                    if (!dryRun) {
                        for (int from = 0; from < missing.size(); from += BATCH) {
                            var insert = dsl.insertInto(MDL_GROUPS_MEMBERS, MDL_GROUPS_MEMBERS.GROUPID,
                                    MDL_GROUPS_MEMBERS.USERID, MDL_GROUPS_MEMBERS.TIMEADDED,
                                    MDL_GROUPS_MEMBERS.COMPONENT, MDL_GROUPS_MEMBERS.ITEMID);
                            for (long userId : missing.subList(from, Math.min(missing.size(), from + BATCH))) {
                                insert = insert.values(inst.groupId(), userId, now, CohortInstance.COMPONENT,
                                        inst.id());
                            }
                            insert.execute();
                        }
                        dsl.update(MDL_GROUPS).set(MDL_GROUPS.TIMEMODIFIED, now)
                                .where(MDL_GROUPS.ID.eq(inst.groupId())).execute();
                    }
                    fx.groupsChanged();
                    fx.changed(count(missing.size(), "member") + " added to group " + group + " of course "
                            + inst.course());
                }
            }
        }
        fx.absorb(each);
    }

    /** The cohort's members who are live users, in id order. */
    static List<Long> members(DSLContext dsl, long cohortId) {
        if (cohortId <= 0) {
            return List.of();
        }
        return dsl.select(MDL_COHORT_MEMBERS.USERID).from(MDL_COHORT_MEMBERS)
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_COHORT_MEMBERS.USERID)
                        .and(MDL_USER.DELETED.eq(MDL_USER.DELETED.getDataType().convert(0))))
                .where(MDL_COHORT_MEMBERS.COHORTID.eq(cohortId))
                .orderBy(MDL_COHORT_MEMBERS.USERID)
                .fetch(MDL_COHORT_MEMBERS.USERID);
    }

    private void insertEnrolments(DSLContext dsl, CohortInstance inst, List<Long> users, long now, boolean dryRun) {
        if (dryRun || users.isEmpty()) {
            return;
        }
        for (int from = 0; from < users.size(); from += BATCH) {
            var insert = dsl.insertInto(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.ENROLID, MDL_USER_ENROLMENTS.USERID,
                    MDL_USER_ENROLMENTS.STATUS, MDL_USER_ENROLMENTS.TIMESTART, MDL_USER_ENROLMENTS.TIMEEND,
                    MDL_USER_ENROLMENTS.MODIFIERID, MDL_USER_ENROLMENTS.TIMECREATED, MDL_USER_ENROLMENTS.TIMEMODIFIED);
            for (long userId : users.subList(from, Math.min(users.size(), from + BATCH))) {
                insert = insert.values(inst.id(), userId, (long) CourseEnrolments.ACTIVE, inst.start(), inst.end(),
                        settings.modifierId(), now, now);
            }
            insert.execute();
        }
    }

    private void insertRoles(DSLContext dsl, CohortInstance inst, List<Long> users, long now, boolean dryRun) {
        if (dryRun || users.isEmpty()) {
            return;
        }
        for (int from = 0; from < users.size(); from += BATCH) {
            var insert = dsl.insertInto(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.ROLEID,
                    MDL_ROLE_ASSIGNMENTS.CONTEXTID, MDL_ROLE_ASSIGNMENTS.USERID, MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED,
                    MDL_ROLE_ASSIGNMENTS.MODIFIERID, MDL_ROLE_ASSIGNMENTS.COMPONENT, MDL_ROLE_ASSIGNMENTS.ITEMID,
                    MDL_ROLE_ASSIGNMENTS.SORTORDER);
            for (long userId : users.subList(from, Math.min(users.size(), from + BATCH))) {
                insert = insert.values(inst.effectiveRoleId(), inst.contextId(), userId, now, settings.modifierId(),
                        CohortInstance.COMPONENT, inst.id(), 0L);
            }
            insert.execute();
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
