package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * A cohort sync enrolment instance ({@code enrol} row with {@code enrol = 'cohort'}) with what writing its
 * enrolments needs: its course's context and shortname, and its role's shortname.
 *
 * @param id            enrol.id
 * @param courseId      the course
 * @param cohortId      customint1: the cohort
 * @param roleId        the role given to members (0 none)
 * @param roleName      the role's shortname, or null when the role does not exist (then members get no role, as
 *                      in Moodle)
 * @param status        0 enabled, 1 disabled
 * @param groupId       customint2: the group members go into, 0 none
 * @param start         enrolstartdate (0 none)
 * @param end           enrolenddate (0 none)
 * @param contextId     the course context
 * @param contextPath   its path
 * @param course        the course's shortname, for reports
 */
record CohortInstance(long id, long courseId, long cohortId, long roleId, String roleName, int status, long groupId,
                      long start, long end, long contextId, String contextPath, String course) {

    static final String ENROL = "cohort";
    static final String COMPONENT = "enrol_cohort";
    static final int ENABLED = 0;
    static final int DISABLED = 1;

    boolean enabled() {
        return status == ENABLED;
    }

    /** The role to give members: the instance's role when it exists, else none (Moodle's observer does the same). */
    long effectiveRoleId() {
        return roleName == null ? 0 : roleId;
    }

    CohortInstance withStatus(int newStatus) {
        return new CohortInstance(id, courseId, cohortId, roleId, roleName, newStatus, groupId, start, end, contextId,
                contextPath, course);
    }

    /** The cohort instances bound to these cohorts (every status), in id order, grouped by cohort. */
    static Map<Long, List<CohortInstance>> ofCohorts(DSLContext dsl, Collection<Long> cohortIds) {
        Map<Long, List<CohortInstance>> map = new LinkedHashMap<>();
        List<Long> ids = cohortIds.stream().filter(id -> id > 0).distinct().toList();
        if (ids.isEmpty()) {
            return map;
        }
        for (CohortInstance i : load(dsl, MDL_ENROL.CUSTOMINT1.in(ids))) {
            map.computeIfAbsent(i.cohortId(), k -> new ArrayList<>()).add(i);
        }
        return map;
    }

    /** The cohort instances matching a condition on {@code enrol}, in id order. */
    static List<CohortInstance> load(DSLContext dsl, Condition condition) {
        List<CohortInstance> list = new ArrayList<>();
        var rows = dsl.select(MDL_ENROL.ID, MDL_ENROL.COURSEID, MDL_ENROL.CUSTOMINT1, MDL_ENROL.ROLEID,
                        MDL_ROLE.SHORTNAME, MDL_ENROL.STATUS, MDL_ENROL.CUSTOMINT2, MDL_ENROL.ENROLSTARTDATE,
                        MDL_ENROL.ENROLENDDATE, MDL_CONTEXT.ID, MDL_CONTEXT.PATH, MDL_COURSE.SHORTNAME)
                .from(MDL_ENROL)
                .join(MDL_COURSE).on(MDL_COURSE.ID.eq(MDL_ENROL.COURSEID))
                .leftJoin(MDL_CONTEXT).on(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.COURSE.valueIn(MDL_CONTEXT.CONTEXTLEVEL))
                        .and(MDL_CONTEXT.INSTANCEID.eq(MDL_ENROL.COURSEID)))
                .leftJoin(MDL_ROLE).on(MDL_ROLE.ID.eq(MDL_ENROL.ROLEID))
                .where(MDL_ENROL.ENROL.eq(ENROL)).and(condition)
                .orderBy(MDL_ENROL.ID)
                .fetch();
        for (Record r : rows) {
            Long contextId = r.get(MDL_CONTEXT.ID);
            String course = r.get(MDL_COURSE.SHORTNAME);
            if (contextId == null) {
                throw new LineRejected(null, "course " + course + " (id " + r.get(MDL_ENROL.COURSEID)
                        + ") has no context: repair the course before syncing its cohort enrolments");
            }
            list.add(new CohortInstance(r.get(MDL_ENROL.ID), r.get(MDL_ENROL.COURSEID),
                    orZero(r.get(MDL_ENROL.CUSTOMINT1)), orZero(r.get(MDL_ENROL.ROLEID)), r.get(MDL_ROLE.SHORTNAME),
                    r.get(MDL_ENROL.STATUS).intValue(), orZero(r.get(MDL_ENROL.CUSTOMINT2)),
                    orZero(r.get(MDL_ENROL.ENROLSTARTDATE)), orZero(r.get(MDL_ENROL.ENROLENDDATE)), contextId,
                    r.get(MDL_CONTEXT.PATH), course));
        }
        return list;
    }

    private static long orZero(Number n) {
        return n == null ? 0 : n.longValue();
    }
}
