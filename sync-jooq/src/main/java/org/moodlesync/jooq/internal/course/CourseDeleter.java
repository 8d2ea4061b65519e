package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_BLOCK_INSTANCES;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_COMPLETIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_COMPLETION_AGGR_METHD;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_COMPLETION_CRITERIA;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_COMPLETION_CRIT_COMPL;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_CUSTOMFIELD_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_EVENT;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_ITEMS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_POST;
import static org.moodlesync.jooq.schema.Tables.MDL_QUESTION_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_CAPABILITIES;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_NAMES;
import static org.moodlesync.jooq.schema.Tables.MDL_TAG_INSTANCE;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_LASTACCESS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.internal.site.CacheFlags;

/**
 * Deletes a course as Moodle's {@code delete_course} does, for the data that lives in core tables: enrolments and
 * enrolment instances, roles, permission overrides and role names, groups and groupings, calendar events, notes,
 * tags, completion data, custom field data, sections, format options, blocks, the contexts and the course row; meta
 * links of other courses to it are handled as enrol_meta's observer does. A course holding activities, grades,
 * questions or files is refused whole: only Moodle can delete those (each activity's own tables, the file pool).
 */
final class CourseDeleter {

    private final CourseSettings settings;

    CourseDeleter(CourseSettings settings) {
        this.settings = settings;
    }

    /** Why a course cannot be deleted by moodle-sync, or null when it can. */
    String refusal(DSLContext dsl, MdlCourseRecord course, CategoryTree.ContextRef context, List<Long> children) {
        if (course.getId() == settings.siteCourseId()) {
            return "the front page course can never be deleted";
        }
        List<String> holds = new ArrayList<>();
        int activities = dsl.fetchCount(MDL_COURSE_MODULES, MDL_COURSE_MODULES.COURSE.eq(course.getId()));
        if (activities > 0) {
            holds.add(activities + " activities");
        }
        int grades = dsl.fetchCount(MDL_GRADE_ITEMS, MDL_GRADE_ITEMS.COURSEID.eq(course.getId()));
        if (grades > 0) {
            holds.add("a gradebook (" + grades + " grade items)");
        }
        List<Long> contexts = new ArrayList<>(children);
        if (context != null) {
            contexts.add(context.id());
        }
        int questions = dsl.fetchCount(MDL_QUESTION_CATEGORIES, MDL_QUESTION_CATEGORIES.CONTEXTID.in(contexts));
        if (questions > 0) {
            holds.add(questions + " question categories");
        }
        int files = dsl.fetchCount(MDL_FILES, MDL_FILES.CONTEXTID.in(contexts).and(MDL_FILES.FILENAME.ne(".")));
        if (files > 0) {
            holds.add(files + " files");
        }
        if (holds.isEmpty()) {
            return null;
        }
        return "the course holds " + String.join(", ", holds) + ": only Moodle can delete it (php admin/cli/"
                + "delete_course.php --courseid=" + course.getId() + ", or the web service core_course_delete_courses)";
    }

    /**
     * Deletes a course that {@link #refusal} accepts.
     *
     * @return what was removed, as counts
     */
    List<FieldChange> delete(DSLContext dsl, MdlCourseRecord course, CategoryTree.ContextRef context,
                             List<Long> children, long now) {
        long id = course.getId();
        List<Long> contexts = new ArrayList<>(children);
        if (context != null) {
            contexts.add(context.id());
        }
        List<FieldChange> removed = new ArrayList<>();
        Set<Long> users = new LinkedHashSet<>();
        List<Long> instances = dsl.select(MDL_ENROL.ID).from(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(id))
                .fetch(MDL_ENROL.ID);
        users.addAll(dsl.selectDistinct(MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.in(instances)).fetch(MDL_USER_ENROLMENTS.USERID));
        users.addAll(dsl.selectDistinct(MDL_ROLE_ASSIGNMENTS.USERID).from(MDL_ROLE_ASSIGNMENTS)
                .where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.in(contexts)).fetch(MDL_ROLE_ASSIGNMENTS.USERID));

        count(removed, "enrolments", dsl.deleteFrom(MDL_USER_ENROLMENTS)
                .where(MDL_USER_ENROLMENTS.ENROLID.in(instances)).execute());
        count(removed, "enrolment methods", dsl.deleteFrom(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(id)).execute());
        count(removed, "role assignments", dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS)
                .where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.in(contexts)).execute());
        count(removed, "permission overrides", dsl.deleteFrom(MDL_ROLE_CAPABILITIES)
                .where(MDL_ROLE_CAPABILITIES.CONTEXTID.in(contexts)).execute());
        dsl.deleteFrom(MDL_ROLE_NAMES).where(MDL_ROLE_NAMES.CONTEXTID.in(contexts)).execute();

        var groups = dsl.select(MDL_GROUPS.ID).from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(id));
        var groupings = dsl.select(MDL_GROUPINGS.ID).from(MDL_GROUPINGS).where(MDL_GROUPINGS.COURSEID.eq(id));
        dsl.deleteFrom(MDL_GROUPS_MEMBERS).where(MDL_GROUPS_MEMBERS.GROUPID.in(groups)).execute();
        dsl.deleteFrom(MDL_GROUPINGS_GROUPS).where(MDL_GROUPINGS_GROUPS.GROUPINGID.in(groupings)
                .or(MDL_GROUPINGS_GROUPS.GROUPID.in(groups))).execute();
        count(removed, "groupings", dsl.deleteFrom(MDL_GROUPINGS).where(MDL_GROUPINGS.COURSEID.eq(id)).execute());
        count(removed, "groups", dsl.deleteFrom(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(id)).execute());

        count(removed, "events", dsl.deleteFrom(MDL_EVENT).where(MDL_EVENT.COURSEID.eq(id)).execute());
        count(removed, "notes", dsl.deleteFrom(MDL_POST).where(MDL_POST.MODULE.eq("notes"))
                .and(MDL_POST.COURSEID.eq(id)).execute());
        dsl.deleteFrom(MDL_TAG_INSTANCE).where(MDL_TAG_INSTANCE.CONTEXTID.in(contexts)
                .or(MDL_TAG_INSTANCE.COMPONENT.eq("core").and(MDL_TAG_INSTANCE.ITEMTYPE.eq("course"))
                        .and(MDL_TAG_INSTANCE.ITEMID.eq(id)))).execute();
        dsl.deleteFrom(MDL_USER_PREFERENCES).where(MDL_USER_PREFERENCES.NAME.eq("coursesectionspreferences_" + id))
                .execute();
        dsl.deleteFrom(MDL_USER_LASTACCESS).where(MDL_USER_LASTACCESS.COURSEID.eq(id)).execute();
        dsl.deleteFrom(MDL_COURSE_COMPLETIONS).where(MDL_COURSE_COMPLETIONS.COURSE.eq(id)).execute();
        dsl.deleteFrom(MDL_COURSE_COMPLETION_CRIT_COMPL).where(MDL_COURSE_COMPLETION_CRIT_COMPL.COURSE.eq(id))
                .execute();
        dsl.deleteFrom(MDL_COURSE_COMPLETION_CRITERIA).where(MDL_COURSE_COMPLETION_CRITERIA.COURSE.eq(id)).execute();
        dsl.deleteFrom(MDL_COURSE_COMPLETION_AGGR_METHD).where(MDL_COURSE_COMPLETION_AGGR_METHD.COURSE.eq(id))
                .execute();
        dsl.deleteFrom(MDL_CUSTOMFIELD_DATA).where(MDL_CUSTOMFIELD_DATA.CONTEXTID.in(contexts)).execute();

        count(removed, "sections", dsl.deleteFrom(MDL_COURSE_SECTIONS).where(MDL_COURSE_SECTIONS.COURSE.eq(id))
                .execute());
        dsl.deleteFrom(MDL_COURSE_FORMAT_OPTIONS).where(MDL_COURSE_FORMAT_OPTIONS.COURSEID.eq(id)).execute();
        count(removed, "blocks", dsl.deleteFrom(MDL_BLOCK_INSTANCES)
                .where(MDL_BLOCK_INSTANCES.PARENTCONTEXTID.in(contexts)).execute());
        dsl.deleteFrom(MDL_FILES).where(MDL_FILES.CONTEXTID.in(contexts)).and(MDL_FILES.FILENAME.eq("."))
                .execute();
        dsl.deleteFrom(MDL_CONTEXT).where(MDL_CONTEXT.ID.in(contexts)).execute();
        metaLinksToDeleted(dsl, id, now, removed);
        dsl.deleteFrom(MDL_COURSE).where(MDL_COURSE.ID.eq(id)).execute();
        for (long user : users) {
            CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_USERS, Long.toString(user), now);
        }
        if (context != null && context.path() != null) {
            CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_CONTEXTS, context.path(), now);
        }
        return removed;
    }

    /**
     * What enrol_meta's observer does when a course is deleted, for the meta links of other courses to it: with
     * {@code enrol_meta/unenrolaction} 0 the links are deleted with their enrolments; otherwise they are disabled,
     * and with 3 (the default) their roles are removed. When enrol_meta is disabled, Moodle leaves them to its meta
     * sync, and so does moodle-sync.
     */
    private void metaLinksToDeleted(DSLContext dsl, long courseId, long now, List<FieldChange> removed) {
        if (!settings.enabledEnrolPlugins().contains("meta")) {
            return;
        }
        List<MdlEnrolRecord> links = dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.ENROL.eq("meta"))
                .and(MDL_ENROL.CUSTOMINT1.eq(courseId)).fetch();
        long action = settings.pluginLong("enrol_meta", "unenrolaction", 3);
        for (MdlEnrolRecord link : links) {
            CategoryTree.ContextRef context = CourseData.context(dsl, link.getCourseid());
            if (action == 0) {
                List<Long> children = CourseData.childContexts(dsl, context);
                for (Long user : dsl.select(MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                        .where(MDL_USER_ENROLMENTS.ENROLID.eq(link.getId())).fetch(MDL_USER_ENROLMENTS.USERID)) {
                    CourseData.unenrol(dsl, settings.site(), link, user, context, children, now);
                }
                dsl.deleteFrom(MDL_ENROL).where(MDL_ENROL.ID.eq(link.getId())).execute();
            } else {
                dsl.update(MDL_ENROL).set(MDL_ENROL.STATUS, 1L).where(MDL_ENROL.ID.eq(link.getId())).execute();
                if (action == 3 && context != null) {
                    for (Long user : dsl.selectDistinct(MDL_ROLE_ASSIGNMENTS.USERID).from(MDL_ROLE_ASSIGNMENTS)
                            .where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(context.id()))
                            .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("enrol_meta"))
                            .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(link.getId())).fetch(MDL_ROLE_ASSIGNMENTS.USERID)) {
                        CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_USERS, Long.toString(user), now);
                    }
                    dsl.deleteFrom(MDL_ROLE_ASSIGNMENTS).where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(context.id()))
                            .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("enrol_meta"))
                            .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(link.getId())).execute();
                }
                if (context != null && context.path() != null) {
                    CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_CONTEXTS, context.path(), now);
                }
            }
        }
        count(removed, "meta links of other courses " + (action == 0 ? "deleted" : "disabled"), links.size());
    }

    private static void count(List<FieldChange> removed, String what, int count) {
        if (count > 0) {
            removed.add(new FieldChange(what, Integer.toString(count), "0"));
        }
    }
}
