package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.InsertBatch;
import org.moodlesync.jooq.internal.support.TableStatistics;
import org.moodlesync.jooq.internal.support.WriteNow;

/**
 * The plain member adds of one chunk of cohort lines, gathered and written set-wise: a line that adds a member to an
 * existing, unchanged cohort records its {@code cohort_members} row and what enrol_cohort's {@code member_added}
 * observer would write ({@code user_enrolments}, {@code role_assignments}, {@code groups_members}, the groups'
 * {@code timemodified}, the {@code accesslib/dirtyusers} flags) instead of writing them; {@link #flush} writes the
 * chunk's rows as one multi-row insert per table (slices of {@value #SLICE} rows), in file order, before any line
 * that writes at once and at the end of the chunk. A line that comes to another write throws {@link WriteNow}.
 *
 * <p>The decisions are those of {@link CohortEnrolSync#memberAdded} and {@link CourseEnrolments}, taken from the
 * chunk's <em>standing</em> instead of one query each: the enrolments and cohort sync roles of the chunk's users in
 * each instance, and their memberships of each instance's group, read once per instance or group and kept up to date
 * with the rows gathered. A line written at once may change any of it: {@link #forgetStanding} then drops it, to be
 * read again when next needed.
 */
final class MemberAdds {

    /** Rows per statement: well below every server's limit of bound values per statement. */
    static final int SLICE = 1000;

    private final CohortEnrolSync sync;
    private final TableStatistics statistics;
    private final Collection<Long> users;

    private final Map<Long, InstanceStanding> instances = new HashMap<>();
    private final Map<Long, Set<Long>> groupMembers = new HashMap<>();
    private final Map<Long, Optional<GroupRef>> groups = new HashMap<>();

    private final Line pending = new Line();
    private long now;

    /**
     * @param users      the ids of the chunk's users: the standing is read for them
     * @param statistics told of the rows inserted
     */
    MemberAdds(CohortEnrolSync sync, Collection<Long> users, TableStatistics statistics) {
        this.sync = sync;
        this.users = users;
        this.statistics = statistics;
    }

    record NewMember(long cohortId, long userId, long now) {
    }

    record NewEnrolment(CohortInstance inst, long userId, long now) {
    }

    record NewRole(CohortInstance inst, long roleId, long userId, long now) {
    }

    record NewGroupMember(CohortInstance inst, long groupId, long userId, long now) {
    }

    private record GroupRef(String name, long courseId) {
    }

    /** An enrolment's columns that {@code enrol_user} compares. */
    private record Enrolment(long status, long timestart, long timeend) {
    }

    /** The enrolments and cohort sync roles of the chunk's users in one instance. */
    private static final class InstanceStanding {
        final Map<Long, Enrolment> enrolments = new HashMap<>();
        final Map<Long, Set<Long>> roles = new HashMap<>(); // role id → users
    }

    /** The rows one line gathers; they join the chunk's when the line succeeds. */
    static final class Line {
        final List<NewMember> members = new ArrayList<>();
        final List<NewEnrolment> enrolments = new ArrayList<>();
        final List<NewRole> roles = new ArrayList<>();
        final List<NewGroupMember> memberships = new ArrayList<>();
        final Set<Long> dirtyUsers = new LinkedHashSet<>();
        final Set<String> dirtyContexts = new LinkedHashSet<>();

        /** The cache flags the line's effects call for, set with the gathered rows (instead of {@link Effects#flush}). */
        void flagsOf(Effects fx) {
            dirtyUsers.addAll(fx.dirtyUsers());
            dirtyContexts.addAll(fx.dirtyContexts());
        }

        boolean isEmpty() {
            return members.isEmpty() && enrolments.isEmpty() && roles.isEmpty() && memberships.isEmpty()
                    && dirtyUsers.isEmpty() && dirtyContexts.isEmpty();
        }

        void clear() {
            members.clear();
            enrolments.clear();
            roles.clear();
            memberships.clear();
            dirtyUsers.clear();
            dirtyContexts.clear();
        }
    }

    Line begin() {
        return new Line();
    }

    /** {@code cohort_add_member}, gathered. */
    void addMember(Line line, long cohortId, long userId, long time) {
        line.members.add(new NewMember(cohortId, userId, time));
    }

    /**
     * enrol_cohort's {@code member_added} observer, gathered (what {@link CohortEnrolSync#memberAdded} writes, with
     * the same notes in {@code fx}).
     *
     * @throws WriteNow when an existing enrolment must be updated
     */
    void memberAdded(DSLContext dsl, Line line, List<CohortInstance> bound, long userId, long time, Effects fx) {
        if (!sync.settings().cohortEnabled()) {
            if (!bound.isEmpty()) {
                fx.note(CohortEnrolSync.PLUGIN_DISABLED);
            }
            return;
        }
        for (CohortInstance inst : bound) {
            if (!inst.enabled()) {
                continue;
            }
            InstanceStanding standing = standing(dsl, inst);
            Enrolment ue = standing.enrolments.get(userId);
            if (ue != null) {
                if (ue.timestart() != inst.start() || ue.timeend() != inst.end()
                        || ue.status() != CourseEnrolments.ACTIVE) {
                    throw new WriteNow(); // update_user_enrol
                }
            } else {
                line.enrolments.add(new NewEnrolment(inst, userId, time));
                fx.dirtyUser(userId);
                fx.changed(CourseEnrolments.enrolledNote(inst));
            }
            long roleId = inst.effectiveRoleId();
            if (roleId > 0 && !standing.roles.getOrDefault(roleId, Set.of()).contains(userId)) {
                line.roles.add(new NewRole(inst, roleId, userId, time));
                fx.dirtyUser(userId);
                fx.changed(CourseEnrolments.roleNote(inst));
            }
            long groupId = inst.groupId();
            if (groupId != 0 && !inGroup(dsl, line, groupId, userId)) {
                GroupRef group = group(dsl, groupId);
                if (group != null && group.courseId() == inst.courseId()) {
                    line.memberships.add(new NewGroupMember(inst, groupId, userId, time));
                    fx.groupsChanged();
                    fx.changed(CourseEnrolments.addedToGroupNote(group.name(), inst));
                }
            }
        }
    }

    /**
     * The line succeeded: its rows join the chunk's (unless dry run) and the standing records them, so that later
     * lines see them.
     */
    void commit(Line line, long time, boolean dryRun) {
        for (NewEnrolment e : line.enrolments) {
            instances.get(e.inst().id()).enrolments.put(e.userId(),
                    new Enrolment(CourseEnrolments.ACTIVE, e.inst().start(), e.inst().end()));
        }
        for (NewRole r : line.roles) {
            instances.get(r.inst().id()).roles.computeIfAbsent(r.roleId(), k -> new HashSet<>()).add(r.userId());
        }
        for (NewGroupMember m : line.memberships) {
            groupMembers.get(m.groupId()).add(m.userId());
        }
        if (dryRun) {
            return;
        }
        pending.members.addAll(line.members);
        pending.enrolments.addAll(line.enrolments);
        pending.roles.addAll(line.roles);
        pending.memberships.addAll(line.memberships);
        pending.dirtyUsers.addAll(line.dirtyUsers);
        pending.dirtyContexts.addAll(line.dirtyContexts);
        now = time;
    }

    /** Drops the standing (after a line written at once): it is read again when next needed. */
    void forgetStanding() {
        instances.clear();
        groupMembers.clear();
    }

    /** Writes the gathered rows and cache flags. */
    void flush(DSLContext dsl, SiteConfig site) {
        if (pending.isEmpty()) {
            return;
        }
        long modifier = sync.settings().modifierId();
        InsertBatch members = InsertBatch.into(MDL_COHORT_MEMBERS, MDL_COHORT_MEMBERS.COHORTID,
                MDL_COHORT_MEMBERS.USERID, MDL_COHORT_MEMBERS.TIMEADDED);
        pending.members.forEach(m -> members.row(m.cohortId(), m.userId(), m.now()));
        statistics.inserted(MDL_COHORT_MEMBERS, members.execute(dsl));
        InsertBatch enrolments = InsertBatch.into(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.ENROLID,
                MDL_USER_ENROLMENTS.USERID, MDL_USER_ENROLMENTS.STATUS, MDL_USER_ENROLMENTS.TIMESTART,
                MDL_USER_ENROLMENTS.TIMEEND, MDL_USER_ENROLMENTS.MODIFIERID, MDL_USER_ENROLMENTS.TIMECREATED,
                MDL_USER_ENROLMENTS.TIMEMODIFIED);
        pending.enrolments.forEach(e -> enrolments.row(e.inst().id(), e.userId(), (long) CourseEnrolments.ACTIVE,
                e.inst().start(), e.inst().end(), modifier, e.now(), e.now()));
        statistics.inserted(MDL_USER_ENROLMENTS, enrolments.execute(dsl));
        InsertBatch roles = InsertBatch.into(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.ROLEID,
                MDL_ROLE_ASSIGNMENTS.CONTEXTID, MDL_ROLE_ASSIGNMENTS.USERID, MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED,
                MDL_ROLE_ASSIGNMENTS.MODIFIERID, MDL_ROLE_ASSIGNMENTS.COMPONENT, MDL_ROLE_ASSIGNMENTS.ITEMID,
                MDL_ROLE_ASSIGNMENTS.SORTORDER);
        pending.roles.forEach(r -> roles.row(r.roleId(), r.inst().contextId(), r.userId(), r.now(), modifier,
                CohortInstance.COMPONENT, r.inst().id(), 0L));
        statistics.inserted(MDL_ROLE_ASSIGNMENTS, roles.execute(dsl));
        Set<Long> joined = new LinkedHashSet<>();
        InsertBatch memberships = InsertBatch.into(MDL_GROUPS_MEMBERS, MDL_GROUPS_MEMBERS.GROUPID,
                MDL_GROUPS_MEMBERS.USERID, MDL_GROUPS_MEMBERS.TIMEADDED, MDL_GROUPS_MEMBERS.COMPONENT,
                MDL_GROUPS_MEMBERS.ITEMID);
        for (NewGroupMember m : pending.memberships) {
            memberships.row(m.groupId(), m.userId(), m.now(), CohortInstance.COMPONENT, m.inst().id());
            joined.add(m.groupId());
        }
        statistics.inserted(MDL_GROUPS_MEMBERS, memberships.execute(dsl));
        if (!joined.isEmpty()) {
            dsl.update(MDL_GROUPS).set(MDL_GROUPS.TIMEMODIFIED, now).where(MDL_GROUPS.ID.in(joined)).execute();
        }
        CacheFlags.markAll(dsl, site, CacheFlags.DIRTY_USERS,
                pending.dirtyUsers.stream().map(String::valueOf).toList(), now);
        CacheFlags.markAll(dsl, site, CacheFlags.DIRTY_CONTEXTS, List.copyOf(pending.dirtyContexts), now);
        pending.clear();
    }

    private InstanceStanding standing(DSLContext dsl, CohortInstance inst) {
        InstanceStanding known = instances.get(inst.id());
        if (known != null) {
            return known;
        }
        InstanceStanding s = new InstanceStanding();
        for (List<Long> slice : slices(List.copyOf(users))) {
            WantedUsers wanted = WantedUsers.of(slice);
            dsl.select(MDL_USER_ENROLMENTS.USERID, MDL_USER_ENROLMENTS.STATUS, MDL_USER_ENROLMENTS.TIMESTART,
                            MDL_USER_ENROLMENTS.TIMEEND).from(MDL_USER_ENROLMENTS)
                    .join(wanted.table()).on(MDL_USER_ENROLMENTS.USERID.eq(wanted.id()))
                    .where(MDL_USER_ENROLMENTS.ENROLID.eq(inst.id()))
                    .fetch().forEach(r -> s.enrolments.put(r.value1(),
                            new Enrolment(r.value2(), r.value3(), r.value4())));
            dsl.select(MDL_ROLE_ASSIGNMENTS.ROLEID, MDL_ROLE_ASSIGNMENTS.USERID).from(MDL_ROLE_ASSIGNMENTS)
                    .join(wanted.table()).on(MDL_ROLE_ASSIGNMENTS.USERID.eq(wanted.id()))
                    .where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(inst.contextId()))
                    .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq(CohortInstance.COMPONENT))
                    .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(inst.id()))
                    .fetch().forEach(r -> s.roles.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        }
        instances.put(inst.id(), s);
        return s;
    }

    /** Whether the user is in the group (any component), as far as the chunk's lines have left it. */
    private boolean inGroup(DSLContext dsl, Line line, long groupId, long userId) {
        Set<Long> members = groupMembers.get(groupId);
        if (members == null) {
            Set<Long> loaded = new HashSet<>();
            for (List<Long> slice : slices(List.copyOf(users))) {
                WantedUsers wanted = WantedUsers.of(slice);
                loaded.addAll(dsl.select(MDL_GROUPS_MEMBERS.USERID).from(MDL_GROUPS_MEMBERS)
                        .join(wanted.table()).on(MDL_GROUPS_MEMBERS.USERID.eq(wanted.id()))
                        .where(MDL_GROUPS_MEMBERS.GROUPID.eq(groupId))
                        .fetch(MDL_GROUPS_MEMBERS.USERID));
            }
            groupMembers.put(groupId, loaded);
            members = loaded;
        }
        return members.contains(userId)
                || line.memberships.stream().anyMatch(m -> m.groupId() == groupId && m.userId() == userId);
    }

    private GroupRef group(DSLContext dsl, long groupId) {
        return groups.computeIfAbsent(groupId, id -> Optional.ofNullable(dsl.select(MDL_GROUPS.NAME,
                        MDL_GROUPS.COURSEID).from(MDL_GROUPS).where(MDL_GROUPS.ID.eq(id)).fetchOne())
                .map(r -> new GroupRef(r.value1(), r.value2()))).orElse(null);
    }

    private static <T> List<List<T>> slices(List<T> rows) {
        List<List<T>> slices = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += SLICE) {
            slices.add(rows.subList(i, Math.min(rows.size(), i + SLICE)));
        }
        return slices;
    }
}
