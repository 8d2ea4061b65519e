package org.moodlesync.jooq.internal.course;

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
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.SiteConfig;

/** Queries and removals on a course's data in core tables, shared by the delete, reset and meta writers. */
final class CourseData {

    private CourseData() {
    }

    /** A course's context: its id and path, or null when it has none. */
    static CategoryTree.ContextRef context(DSLContext dsl, long courseId) {
        var r = dsl.select(MDL_CONTEXT.ID, MDL_CONTEXT.PATH).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.COURSE.valueIn(MDL_CONTEXT.CONTEXTLEVEL)))
                .and(MDL_CONTEXT.INSTANCEID.eq(courseId)).fetchOne();
        return r == null ? null : new CategoryTree.ContextRef(r.value1(), r.value2());
    }

    /** The ids of the contexts below a course context (activities, blocks), not the course context itself. */
    static List<Long> childContexts(DSLContext dsl, CategoryTree.ContextRef course) {
        if (course == null || course.path() == null) {
            return List.of();
        }
        return dsl.select(MDL_CONTEXT.ID).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.PATH.like(CourseContexts.escapeLike(course.path()) + "/%", '!'))
                .fetch(MDL_CONTEXT.ID);
    }

    /**
     * Unenrols a user from one instance as Moodle's {@code enrol_plugin::unenrol_user} does: the instance's group
     * memberships and roles, the enrolment; when it was the user's last enrolment in the course, every role in the
     * course and below, every group membership in the course, the course grades and the last access. The user is
     * marked dirty.
     */
    static void unenrol(DSLContext dsl, SiteConfig site, MdlEnrolRecord instance, long userId,
                        CategoryTree.ContextRef context, List<Long> childContexts, long now) {
        String component = "enrol_" + instance.getEnrol();
        long courseId = instance.getCourseid();
        dsl.deleteFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.USERID.eq(userId))
                .and(MDL_GROUPS_MEMBERS.COMPONENT.eq(component)).and(MDL_GROUPS_MEMBERS.ITEMID.eq(instance.getId()))
                .execute();
        if (context != null) {
            dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.USERID.eq(userId))
                    .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(context.id()))
                    .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq(component))
                    .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(instance.getId())).execute();
        }
        dsl.deleteFrom(MDL_USER_ENROLMENTS).where(MDL_USER_ENROLMENTS.ENROLID.eq(instance.getId()))
                .and(MDL_USER_ENROLMENTS.USERID.eq(userId)).execute();
        boolean other = dsl.fetchExists(dsl.selectOne().from(MDL_USER_ENROLMENTS).join(MDL_ENROL)
                .on(MDL_ENROL.ID.eq(MDL_USER_ENROLMENTS.ENROLID))
                .where(MDL_USER_ENROLMENTS.USERID.eq(userId)).and(MDL_ENROL.COURSEID.eq(courseId)));
        if (!other) {
            if (context != null) {
                dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.USERID.eq(userId))
                        .and(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(context.id())
                                .or(MDL_ROLE_ASSIGNMENTS.CONTEXTID.in(childContexts))).execute();
            }
            dsl.deleteFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.USERID.eq(userId))
                    .and(MDL_GROUPS_MEMBERS.GROUPID.in(dsl.select(MDL_GROUPS.ID).from(MDL_GROUPS)
                            .where(MDL_GROUPS.COURSEID.eq(courseId)))).execute();
            dsl.deleteFrom(MDL_GRADE_GRADES).where(MDL_GRADE_GRADES.USERID.eq(userId))
                    .and(MDL_GRADE_GRADES.ITEMID.in(dsl.select(MDL_GRADE_ITEMS.ID).from(MDL_GRADE_ITEMS)
                            .where(MDL_GRADE_ITEMS.COURSEID.eq(courseId)))).execute();
            dsl.deleteFrom(MDL_USER_LASTACCESS).where(MDL_USER_LASTACCESS.USERID.eq(userId))
                    .and(MDL_USER_LASTACCESS.COURSEID.eq(courseId)).execute();
        }
        CacheFlags.mark(dsl, site, CacheFlags.DIRTY_USERS, Long.toString(userId), now);
    }
}
