package org.moodlesync.jooq.internal.enrol;

import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.InsertBatch;
import org.moodlesync.jooq.internal.support.TableStatistics;

/**
 * The plain adds of a chunk's lines, gathered and written set-wise: one JDBC batch ({@link InsertBatch}) each of
 * {@code user_enrolments}, {@code role_assignments} and {@code groups_members}, one update of the joined groups'
 * {@code timemodified}, and the {@code accesslib/dirtyusers} cache flags of the chunk (one query for the flags that
 * exist, one update of those, one insert of the others). The rows are those the per-line operations write, in the
 * same order. A failure throws: the caller rolls the chunk back and replays it line by line.
 *
 * <p>Rows gathered carry placeholder ids in the chunk's state until written; {@link #flush} then forgets the standing
 * of the users concerned, so that a later line reloads it with the real ids.
 */
public final class ChunkWrites {

    private final TableStatistics statistics;

    /** @param statistics told of the rows inserted (PostgreSQL's planner statistics follow the tables' growth) */
    public ChunkWrites(TableStatistics statistics) {
        this.statistics = statistics;
    }

    record NewEnrolment(long enrolId, long userId, long status, long timeStart, long timeEnd, long now) {
    }

    record NewRole(long roleId, long contextId, long userId, long now, String component, long itemId) {
    }

    record NewMembership(long groupId, long userId, long now) {
    }

    private final List<NewEnrolment> enrolments = new ArrayList<>();
    private final List<NewRole> roles = new ArrayList<>();
    private final List<NewMembership> memberships = new ArrayList<>();
    private final Set<Long> groups = new LinkedHashSet<>();
    private final Set<Long> dirtyUsers = new LinkedHashSet<>();
    private final Set<EnrolState.Pair> pairs = new HashSet<>();
    private long now;

    /** The writes of one line, added to the chunk's when the line succeeds. */
    static final class Line {
        final List<NewEnrolment> enrolments = new ArrayList<>();
        final List<NewRole> roles = new ArrayList<>();
        final List<NewMembership> memberships = new ArrayList<>();
        final Set<Long> groups = new LinkedHashSet<>();
        final Set<EnrolState.Pair> pairs = new HashSet<>();
    }

    /** A new line's gathering. */
    Line begin() {
        return new Line();
    }

    /** The line succeeded: its writes join the chunk's (and its users whose access changed, when marked). */
    void add(Line line, Set<Long> dirty, long time) {
        enrolments.addAll(line.enrolments);
        roles.addAll(line.roles);
        memberships.addAll(line.memberships);
        groups.addAll(line.groups);
        pairs.addAll(line.pairs);
        dirtyUsers.addAll(dirty);
        now = time;
    }

    /** True when nothing waits. */
    public boolean isEmpty() {
        return enrolments.isEmpty() && roles.isEmpty() && memberships.isEmpty() && groups.isEmpty()
                && dirtyUsers.isEmpty();
    }

    /** Writes what waits and makes the chunk's state forget the standing of the users concerned. */
    public void flush(DSLContext dsl, SiteConfig site, EnrolState state) {
        if (isEmpty()) {
            return;
        }
        if (!enrolments.isEmpty()) {
            InsertBatch insert = InsertBatch.into(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.ENROLID,
                    MDL_USER_ENROLMENTS.USERID, MDL_USER_ENROLMENTS.STATUS, MDL_USER_ENROLMENTS.TIMESTART,
                    MDL_USER_ENROLMENTS.TIMEEND, MDL_USER_ENROLMENTS.MODIFIERID, MDL_USER_ENROLMENTS.TIMECREATED,
                    MDL_USER_ENROLMENTS.TIMEMODIFIED);
            for (NewEnrolment e : enrolments) {
                insert.row(e.enrolId(), e.userId(), e.status(), e.timeStart(), e.timeEnd(), 0L, e.now(), e.now());
            }
            statistics.inserted(MDL_USER_ENROLMENTS, insert.execute(dsl));
        }
        if (!roles.isEmpty()) {
            InsertBatch insert = InsertBatch.into(MDL_ROLE_ASSIGNMENTS, MDL_ROLE_ASSIGNMENTS.ROLEID,
                    MDL_ROLE_ASSIGNMENTS.CONTEXTID, MDL_ROLE_ASSIGNMENTS.USERID, MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED,
                    MDL_ROLE_ASSIGNMENTS.MODIFIERID, MDL_ROLE_ASSIGNMENTS.COMPONENT, MDL_ROLE_ASSIGNMENTS.ITEMID,
                    MDL_ROLE_ASSIGNMENTS.SORTORDER);
            for (NewRole r : roles) {
                insert.row(r.roleId(), r.contextId(), r.userId(), r.now(), 0L, r.component(), r.itemId(), 0L);
            }
            statistics.inserted(MDL_ROLE_ASSIGNMENTS, insert.execute(dsl));
        }
        if (!memberships.isEmpty()) {
            InsertBatch insert = InsertBatch.into(MDL_GROUPS_MEMBERS, MDL_GROUPS_MEMBERS.GROUPID,
                    MDL_GROUPS_MEMBERS.USERID, MDL_GROUPS_MEMBERS.TIMEADDED, MDL_GROUPS_MEMBERS.COMPONENT,
                    MDL_GROUPS_MEMBERS.ITEMID);
            for (NewMembership m : memberships) {
                insert.row(m.groupId(), m.userId(), m.now(), "", 0L);
            }
            statistics.inserted(MDL_GROUPS_MEMBERS, insert.execute(dsl));
        }
        if (!groups.isEmpty()) {
            dsl.update(MDL_GROUPS).set(MDL_GROUPS.TIMEMODIFIED, now).where(MDL_GROUPS.ID.in(groups)).execute();
        }
        if (!dirtyUsers.isEmpty()) {
            CacheFlags.markAll(dsl, site, CacheFlags.DIRTY_USERS, dirtyUsers.stream().map(String::valueOf).toList(),
                    now);
        }
        state.forget(pairs);
        enrolments.clear();
        roles.clear();
        memberships.clear();
        groups.clear();
        dirtyUsers.clear();
        pairs.clear();
    }
}
