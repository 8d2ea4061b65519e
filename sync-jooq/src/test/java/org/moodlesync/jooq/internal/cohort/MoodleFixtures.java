package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;

/**
 * Minimal but Moodle-correct categories, courses and groups for the cohort tests (the courses writer is written
 * elsewhere; these tests do not depend on it): a category with its context under its parent's; a course of format
 * topics with its context under its category's, section 0, its format options, the manual enrol instance a new
 * course gets, the category's course count and sortorder as fix_course_sortorder leaves them.
 */
final class MoodleFixtures {

    private MoodleFixtures() {
    }

    /** A category under the parent (0: top level). */
    static long category(DSLContext dsl, String name, String idnumber, long parent, long now) {
        String parentPath = "";
        long depth = 1;
        String parentContext;
        if (parent == 0) {
            parentContext = dsl.select(MDL_CONTEXT.PATH).from(MDL_CONTEXT)
                    .where(MDL_CONTEXT.CONTEXTLEVEL.eq(10L)).fetchOne(MDL_CONTEXT.PATH);
        } else {
            var p = dsl.selectFrom(MDL_COURSE_CATEGORIES).where(MDL_COURSE_CATEGORIES.ID.eq(parent)).fetchOne();
            parentPath = p.getPath();
            depth = p.getDepth() + 1;
            parentContext = Contexts.find(dsl, ContextLevel.COURSECAT, parent).path();
        }
        long sortorder = dsl.select(DSL.coalesce(DSL.max(MDL_COURSE_CATEGORIES.SORTORDER), 0L))
                .from(MDL_COURSE_CATEGORIES).fetchOne().value1() + 10_000;
        long id = dsl.insertInto(MDL_COURSE_CATEGORIES)
                .set(MDL_COURSE_CATEGORIES.NAME, name)
                .set(MDL_COURSE_CATEGORIES.IDNUMBER, idnumber)
                .set(MDL_COURSE_CATEGORIES.DESCRIPTIONFORMAT, (short) 1)
                .set(MDL_COURSE_CATEGORIES.PARENT, parent)
                .set(MDL_COURSE_CATEGORIES.SORTORDER, sortorder)
                .set(MDL_COURSE_CATEGORIES.DEPTH, depth)
                .set(MDL_COURSE_CATEGORIES.TIMEMODIFIED, now)
                .returningResult(MDL_COURSE_CATEGORIES.ID).fetchOne().value1();
        dsl.update(MDL_COURSE_CATEGORIES).set(MDL_COURSE_CATEGORIES.PATH, parentPath + "/" + id)
                .where(MDL_COURSE_CATEGORIES.ID.eq(id)).execute();
        Contexts.create(dsl, ContextLevel.COURSECAT, id, parentContext);
        return id;
    }

    /** A course of format topics in the category, as create_course leaves it with the default enrol settings. */
    static long course(DSLContext dsl, long category, String shortname, String idnumber, long now) {
        var cat = dsl.selectFrom(MDL_COURSE_CATEGORIES).where(MDL_COURSE_CATEGORIES.ID.eq(category)).fetchOne();
        long position = cat.getCoursecount() + 1;
        long id = dsl.insertInto(MDL_COURSE)
                .set(MDL_COURSE.CATEGORY, category)
                .set(MDL_COURSE.SORTORDER, cat.getSortorder() + position)
                .set(MDL_COURSE.FULLNAME, "Course " + shortname)
                .set(MDL_COURSE.SHORTNAME, shortname)
                .set(MDL_COURSE.IDNUMBER, idnumber)
                .set(MDL_COURSE.SUMMARY, "")
                .set(MDL_COURSE.SUMMARYFORMAT, (short) 1)
                .set(MDL_COURSE.FORMAT, "topics")
                .set(MDL_COURSE.NEWSITEMS, 5)
                .set(MDL_COURSE.STARTDATE, now)
                .set(MDL_COURSE.VISIBLE, (short) 1)
                .set(MDL_COURSE.VISIBLEOLD, (short) 1)
                .set(MDL_COURSE.TIMECREATED, now)
                .set(MDL_COURSE.TIMEMODIFIED, now)
                .set(MDL_COURSE.ENABLECOMPLETION, (short) 1)
                .set(MDL_COURSE.CACHEREV, now)
                .set(MDL_COURSE.SHOWACTIVITYDATES, (short) 1)
                .set(MDL_COURSE.SHOWCOMPLETIONCONDITIONS, (short) 1)
                .returningResult(MDL_COURSE.ID).fetchOne().value1();
        dsl.update(MDL_COURSE_CATEGORIES).set(MDL_COURSE_CATEGORIES.COURSECOUNT, position)
                .where(MDL_COURSE_CATEGORIES.ID.eq(category)).execute();
        Contexts.create(dsl, ContextLevel.COURSE, id, Contexts.find(dsl, ContextLevel.COURSECAT, category).path());
        dsl.insertInto(MDL_COURSE_SECTIONS)
                .set(MDL_COURSE_SECTIONS.COURSE, id)
                .set(MDL_COURSE_SECTIONS.SECTION, 0L)
                .set(MDL_COURSE_SECTIONS.SUMMARY, "")
                .set(MDL_COURSE_SECTIONS.SUMMARYFORMAT, (short) 1)
                .set(MDL_COURSE_SECTIONS.SEQUENCE, "")
                .set(MDL_COURSE_SECTIONS.VISIBLE, (short) 1)
                .set(MDL_COURSE_SECTIONS.TIMEMODIFIED, now)
                .execute();
        for (String[] option : new String[][] {{"hiddensections", "1"}, {"coursedisplay", "0"}}) {
            dsl.insertInto(MDL_COURSE_FORMAT_OPTIONS)
                    .set(MDL_COURSE_FORMAT_OPTIONS.COURSEID, id)
                    .set(MDL_COURSE_FORMAT_OPTIONS.FORMAT, "topics")
                    .set(MDL_COURSE_FORMAT_OPTIONS.SECTIONID, 0L)
                    .set(MDL_COURSE_FORMAT_OPTIONS.NAME, option[0])
                    .set(MDL_COURSE_FORMAT_OPTIONS.VALUE, option[1])
                    .execute();
        }
        dsl.insertInto(MDL_ENROL)
                .set(MDL_ENROL.ENROL, "manual")
                .set(MDL_ENROL.STATUS, 0L)
                .set(MDL_ENROL.COURSEID, id)
                .set(MDL_ENROL.SORTORDER, 0L)
                .set(MDL_ENROL.ENROLPERIOD, 0L)
                .set(MDL_ENROL.EXPIRYNOTIFY, (short) 0)
                .set(MDL_ENROL.EXPIRYTHRESHOLD, 86_400L)
                .set(MDL_ENROL.NOTIFYALL, (short) 0)
                .set(MDL_ENROL.ROLEID, role(dsl, "student"))
                .set(MDL_ENROL.CUSTOMINT1, 1L)
                .set(MDL_ENROL.TIMECREATED, now)
                .set(MDL_ENROL.TIMEMODIFIED, now)
                .execute();
        return id;
    }

    /** A group of the course, as groups_create_group writes one with a name only. */
    static long group(DSLContext dsl, long course, String name, long now) {
        return dsl.insertInto(MDL_GROUPS)
                .set(MDL_GROUPS.COURSEID, course)
                .set(MDL_GROUPS.NAME, name)
                .set(MDL_GROUPS.TIMECREATED, now)
                .set(MDL_GROUPS.TIMEMODIFIED, now)
                .returningResult(MDL_GROUPS.ID).fetchOne().value1();
    }

    static long role(DSLContext dsl, String shortname) {
        return dsl.select(MDL_ROLE.ID).from(MDL_ROLE).where(MDL_ROLE.SHORTNAME.eq(shortname)).fetchOne(MDL_ROLE.ID);
    }

    static Contexts.ContextRef courseContext(DSLContext dsl, long course) {
        return Contexts.find(dsl, ContextLevel.COURSE, course);
    }
}
