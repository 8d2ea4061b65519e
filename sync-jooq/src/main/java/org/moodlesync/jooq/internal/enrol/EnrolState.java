package org.moodlesync.jooq.internal.enrol;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.internal.site.ContextLevel;

/**
 * The enrolments, roles, memberships and groups one chunk of lines works on, loaded in batches (three queries for
 * every user × course pair of the chunk, three for the groups of its courses) and kept up to date in memory as lines
 * apply, so that a later line sees what an earlier one did — in a dry run too.
 *
 * <p>A line works on a {@link Line}: copies taken on first use, merged back by {@link Line#commit()} when the line
 * succeeds and dropped when it fails (its savepoint is rolled back), so the chunk's state always matches what was
 * written (or, in a dry run, would have been).
 */
public final class EnrolState {

    /**
     * A user in a course.
     *
     * @param userId   user
     * @param courseId course
     */
    public record Pair(long userId, long courseId) {
    }

    private final Map<Pair, Participation> participations = new HashMap<>();
    private final Map<Long, CourseGroups> groups = new HashMap<>();
    private long nextPlaceholder = -1;
    private boolean groupings = true;

    /**
     * Loads the courses' groups without their groupings and links (for writers that only join and leave groups):
     * two queries fewer per chunk.
     *
     * @return this state
     */
    public EnrolState groupsOnly() {
        groupings = false;
        return this;
    }

    /**
     * Loads the standing of users in courses, for the pairs given (users with placeholder ids have none), with three
     * queries.
     */
    public void preload(DSLContext dsl, Collection<Pair> pairs) {
        preload(dsl, pairs, null);
    }

    /**
     * Loads the standing of users in courses as {@link #preload(DSLContext, Collection)} does; on PostgreSQL, with
     * the courses' enrol instances and contexts known, enrolments and role assignments are read through the tables'
     * own keys ((enrolid, userid), (userid, contextid)) rather than joined to their courses (about half the server's
     * time of a rerun).
     *
     * @param courses the chunk's courses, with their instances and contexts (null: not known)
     */
    public void preload(DSLContext dsl, Collection<Pair> pairs, Courses courses) {
        Map<Pair, Participation> fresh = new HashMap<>();
        for (Pair pair : pairs) {
            if (pair.userId() > 0 && !participations.containsKey(pair)) {
                fresh.put(pair, new Participation(pair.userId(), pair.courseId()));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        participations.putAll(fresh);
        PairMatch match = PairMatch.of(dsl, fresh.keySet());
        KeyProbes probes = courses == null ? null : KeyProbes.of(dsl, fresh.keySet(), courses);
        if (probes != null) {
            probes.enrolments(dsl, (r, courseId) -> ifFresh(fresh, r.get(5, Long.class), courseId,
                    p -> p.enrolments.put(r.get(1, Long.class), enrolment(r))));
            probes.roles(dsl, (r, courseId) -> ifFresh(fresh, r.get(4, Long.class), courseId,
                    p -> p.roles.add(role(r))));
        } else {
            match.fetch(dsl, (user, course) -> DSL.select(MDL_USER_ENROLMENTS.ID, MDL_USER_ENROLMENTS.ENROLID,
                                    MDL_USER_ENROLMENTS.STATUS, MDL_USER_ENROLMENTS.TIMESTART,
                                    MDL_USER_ENROLMENTS.TIMEEND, MDL_USER_ENROLMENTS.USERID, MDL_ENROL.COURSEID)
                            .from(MDL_USER_ENROLMENTS).join(MDL_ENROL)
                            .on(MDL_ENROL.ID.eq(MDL_USER_ENROLMENTS.ENROLID))
                            .where(user.apply(MDL_USER_ENROLMENTS.USERID)).and(course.apply(MDL_ENROL.COURSEID)))
                    .forEach(r -> ifFresh(fresh, r.get(5, Long.class), r.get(6, Long.class),
                            p -> p.enrolments.put(r.get(1, Long.class), enrolment(r))));
            match.fetch(dsl, (user, course) -> DSL.select(MDL_ROLE_ASSIGNMENTS.ID, MDL_ROLE_ASSIGNMENTS.ROLEID,
                                    MDL_ROLE_ASSIGNMENTS.COMPONENT, MDL_ROLE_ASSIGNMENTS.ITEMID,
                                    MDL_ROLE_ASSIGNMENTS.USERID, MDL_CONTEXT.INSTANCEID)
                            .from(MDL_ROLE_ASSIGNMENTS).join(MDL_CONTEXT)
                            .on(MDL_CONTEXT.ID.eq(MDL_ROLE_ASSIGNMENTS.CONTEXTID))
                            .where(user.apply(MDL_ROLE_ASSIGNMENTS.USERID))
                            .and(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.COURSE.valueIn(MDL_CONTEXT.CONTEXTLEVEL)))
                            .and(course.apply(MDL_CONTEXT.INSTANCEID)))
                    .forEach(r -> ifFresh(fresh, r.get(4, Long.class), r.get(5, Long.class),
                            p -> p.roles.add(role(r))));
        }
        match.fetch(dsl, (user, course) -> DSL.select(MDL_GROUPS_MEMBERS.ID, MDL_GROUPS_MEMBERS.GROUPID,
                                MDL_GROUPS_MEMBERS.COMPONENT, MDL_GROUPS_MEMBERS.ITEMID, MDL_GROUPS_MEMBERS.USERID,
                                MDL_GROUPS.COURSEID)
                        .from(MDL_GROUPS_MEMBERS).join(MDL_GROUPS).on(MDL_GROUPS.ID.eq(MDL_GROUPS_MEMBERS.GROUPID))
                        .where(user.apply(MDL_GROUPS_MEMBERS.USERID)).and(course.apply(MDL_GROUPS.COURSEID)))
                .forEach(r -> ifFresh(fresh, r.get(4, Long.class), r.get(5, Long.class), p -> p.memberships.put(
                        r.get(1, Long.class), new Participation.Membership(r.get(0, Long.class), r.get(1, Long.class),
                                Objects.requireNonNullElse(r.get(2, String.class), ""), r.get(3, Long.class)))));
    }

    /** An enrolment row: id, enrolid, status, timestart, timeend first. */
    private static Participation.Enrolment enrolment(org.jooq.Record r) {
        return new Participation.Enrolment(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class),
                r.get(3, Long.class), r.get(4, Long.class));
    }

    /** A role assignment row: id, roleid, component, itemid first. */
    private static Participation.Role role(org.jooq.Record r) {
        return new Participation.Role(r.get(0, Long.class), r.get(1, Long.class),
                Objects.requireNonNullElse(r.get(2, String.class), ""), r.get(3, Long.class));
    }

    /** Forgets the standing of users in courses (reloaded on next use), for example after rows were written. */
    void forget(Collection<Pair> pairs) {
        pairs.forEach(participations::remove);
    }

    private static void ifFresh(Map<Pair, Participation> fresh, long userId, long courseId,
                                java.util.function.Consumer<Participation> action) {
        Participation p = fresh.get(new Pair(userId, courseId));
        if (p != null) {
            action.accept(p);
        }
    }

    /** Loads the groups, groupings and their links of the courses given (the groups only: {@link #groupsOnly}). */
    public void preloadGroups(DSLContext dsl, Collection<Long> courseIds) {
        Set<Long> courses = new HashSet<>(courseIds);
        courses.removeAll(groups.keySet());
        if (courses.isEmpty()) {
            return;
        }
        courses.forEach(c -> groups.put(c, new CourseGroups(c)));
        dsl.select(MDL_GROUPS.ID, MDL_GROUPS.NAME, MDL_GROUPS.IDNUMBER, MDL_GROUPS.DESCRIPTION, MDL_GROUPS.COURSEID)
                .from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.in(courses)).orderBy(MDL_GROUPS.ID)
                .forEach(r -> groups.get(r.value5()).groups.add(new CourseGroups.Item(r.value1(), r.value2(),
                        r.value3() == null ? "" : r.value3(), r.value4())));
        if (!groupings) {
            return;
        }
        dsl.select(MDL_GROUPINGS.ID, MDL_GROUPINGS.NAME, MDL_GROUPINGS.IDNUMBER, MDL_GROUPINGS.DESCRIPTION,
                        MDL_GROUPINGS.COURSEID)
                .from(MDL_GROUPINGS).where(MDL_GROUPINGS.COURSEID.in(courses)).orderBy(MDL_GROUPINGS.ID)
                .forEach(r -> groups.get(r.value5()).groupings.add(new CourseGroups.Item(r.value1(), r.value2(),
                        r.value3() == null ? "" : r.value3(), r.value4())));
        dsl.select(MDL_GROUPINGS_GROUPS.GROUPINGID, MDL_GROUPINGS_GROUPS.GROUPID, MDL_GROUPINGS.COURSEID)
                .from(MDL_GROUPINGS_GROUPS).join(MDL_GROUPINGS).on(MDL_GROUPINGS.ID.eq(MDL_GROUPINGS_GROUPS.GROUPINGID))
                .where(MDL_GROUPINGS.COURSEID.in(courses))
                .forEach(r -> groups.get(r.value3()).links.add(new CourseGroups.Link(r.value1(), r.value2())));
    }

    /** A new line's view of the state. */
    public Line begin() {
        return new Line();
    }

    /** One line's copies of what it touches. */
    public final class Line {
        private final Map<Pair, Participation> touched = new HashMap<>();
        private final Map<Long, CourseGroups> touchedGroups = new HashMap<>();
        private long placeholders;

        private Line() {
        }

        /** The user's standing in the course (loaded now if the chunk did not preload it). */
        public Participation participation(DSLContext dsl, long userId, long courseId) {
            Pair key = new Pair(userId, courseId);
            Participation p = touched.get(key);
            if (p == null) {
                Participation base = participations.get(key);
                if (base == null) {
                    preload(dsl, List.of(key));
                    base = participations.computeIfAbsent(key, k -> new Participation(userId, courseId));
                }
                p = base.copy();
                touched.put(key, p);
            }
            return p;
        }

        /** The groups of the course (loaded now if the chunk did not preload them). */
        public CourseGroups groups(DSLContext dsl, long courseId) {
            CourseGroups g = touchedGroups.get(courseId);
            if (g == null) {
                if (!groups.containsKey(courseId)) {
                    preloadGroups(dsl, List.of(courseId));
                }
                g = groups.get(courseId).copy();
                touchedGroups.put(courseId, g);
            }
            return g;
        }

        /** An id for a row a dry run would have inserted: negative, unique in the run's chunk. */
        public long placeholderId() {
            placeholders++;
            return nextPlaceholder - placeholders + 1;
        }

        /** The line succeeded: its view becomes the chunk's. */
        public void commit() {
            participations.putAll(touched);
            groups.putAll(touchedGroups);
            nextPlaceholder -= placeholders;
        }
    }
}
