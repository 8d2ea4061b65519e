package org.moodlesync.jooq.internal.enrol;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;

import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;

/**
 * Minimal but Moodle-correct courses for the enrolment tests, as {@code create_course()} leaves them with a fresh
 * site's settings: the course row in category 1 (sortorder by {@code fix_course_sortorder}: newest first, the
 * category's {@code coursecount} raised), its context under the category's context, the {@code topics} format
 * options, section 0, and the default enrol instances — manual (enabled, student, sortorder 0), guest (disabled,
 * sortorder 1) and self (disabled, student, sortorder 2). The courses writer is not used, on purpose.
 */
public final class CourseFixture {

    /** What a course got. */
    public record Course(long id, String shortname, long contextId, String contextPath, long manualId, long guestId,
                         long selfId) {
    }

    private final DSLContext dsl;
    private final long now;

    public CourseFixture(DSLContext dsl, long now) {
        this.dsl = dsl;
        this.now = now;
    }

    /** A course in the default category (1). */
    public Course create(String shortname, String idnumber) {
        return create(shortname, idnumber, 1);
    }

    /** A category under another one (0: top level), with its context, as Moodle's core_course_category::create. */
    public long category(String name, String idnumber, long parent) {
        String parentPath = "";
        long depth = 1;
        String parentContext = "/1";
        if (parent != 0) {
            var p = dsl.selectFrom(MDL_COURSE_CATEGORIES).where(MDL_COURSE_CATEGORIES.ID.eq(parent)).fetchSingle();
            parentPath = p.getPath();
            depth = p.getDepth() + 1;
            parentContext = Contexts.find(dsl, ContextLevel.COURSECAT, parent).path();
        }
        long sortorder = dsl.select(org.jooq.impl.DSL.max(MDL_COURSE_CATEGORIES.SORTORDER)).from(MDL_COURSE_CATEGORIES)
                .fetchSingle().value1() + 10_000;
        long id = dsl.insertInto(MDL_COURSE_CATEGORIES)
                .set(MDL_COURSE_CATEGORIES.NAME, name).set(MDL_COURSE_CATEGORIES.IDNUMBER, idnumber)
                .set(MDL_COURSE_CATEGORIES.DESCRIPTION, "").set(MDL_COURSE_CATEGORIES.DESCRIPTIONFORMAT, (short) 1)
                .set(MDL_COURSE_CATEGORIES.PARENT, parent).set(MDL_COURSE_CATEGORIES.SORTORDER, sortorder)
                .set(MDL_COURSE_CATEGORIES.COURSECOUNT, 0L).set(MDL_COURSE_CATEGORIES.VISIBLE, (short) 1)
                .set(MDL_COURSE_CATEGORIES.VISIBLEOLD, (short) 1).set(MDL_COURSE_CATEGORIES.TIMEMODIFIED, now)
                .set(MDL_COURSE_CATEGORIES.DEPTH, depth).set(MDL_COURSE_CATEGORIES.PATH, "")
                .returningResult(MDL_COURSE_CATEGORIES.ID).fetchSingle().value1();
        dsl.update(MDL_COURSE_CATEGORIES).set(MDL_COURSE_CATEGORIES.PATH, parentPath + "/" + id)
                .where(MDL_COURSE_CATEGORIES.ID.eq(id)).execute();
        Contexts.create(dsl, ContextLevel.COURSECAT, id, parentContext);
        return id;
    }

    /** A course in this category. */
    public Course create(String shortname, String idnumber, long category) {
        var cat = dsl.selectFrom(MDL_COURSE_CATEGORIES).where(MDL_COURSE_CATEGORIES.ID.eq(category)).fetchSingle();
        long catSort = cat.getSortorder();
        // fix_course_sortorder: the newest course comes first, the others move down one
        dsl.update(MDL_COURSE).set(MDL_COURSE.SORTORDER, MDL_COURSE.SORTORDER.plus(1L))
                .where(MDL_COURSE.CATEGORY.eq(category)).execute();
        long id = dsl.insertInto(MDL_COURSE)
                .set(MDL_COURSE.CATEGORY, category)
                .set(MDL_COURSE.SORTORDER, catSort + 1)
                .set(MDL_COURSE.FULLNAME, shortname + " course")
                .set(MDL_COURSE.SHORTNAME, shortname)
                .set(MDL_COURSE.IDNUMBER, idnumber)
                .set(MDL_COURSE.SUMMARY, "")
                .set(MDL_COURSE.SUMMARYFORMAT, (short) 1)
                .set(MDL_COURSE.FORMAT, "topics")
                .set(MDL_COURSE.SHOWGRADES, (short) 1)
                .set(MDL_COURSE.NEWSITEMS, 5)
                .set(MDL_COURSE.STARTDATE, now)
                .set(MDL_COURSE.ENDDATE, now + 31_536_000L)
                .set(MDL_COURSE.VISIBLE, (short) 1)
                .set(MDL_COURSE.VISIBLEOLD, (short) 1)
                .set(MDL_COURSE.ENABLECOMPLETION, (short) 1)
                .set(MDL_COURSE.SHOWCOMPLETIONCONDITIONS, (short) 1)
                .set(MDL_COURSE.SHOWACTIVITYDATES, (short) 1)
                .set(MDL_COURSE.TIMECREATED, now)
                .set(MDL_COURSE.TIMEMODIFIED, now)
                .set(MDL_COURSE.CACHEREV, now)
                .returningResult(MDL_COURSE.ID).fetchSingle().value1();
        dsl.update(MDL_COURSE_CATEGORIES).set(MDL_COURSE_CATEGORIES.COURSECOUNT,
                MDL_COURSE_CATEGORIES.COURSECOUNT.plus(1L)).where(MDL_COURSE_CATEGORIES.ID.eq(category)).execute();
        Contexts.ContextRef catContext = Contexts.find(dsl, ContextLevel.COURSECAT, category);
        long contextId = Contexts.create(dsl, ContextLevel.COURSE, id, catContext.path());
        for (String[] option : new String[][] {{"hiddensections", "1"}, {"coursedisplay", "0"}}) {
            dsl.insertInto(MDL_COURSE_FORMAT_OPTIONS)
                    .set(MDL_COURSE_FORMAT_OPTIONS.COURSEID, id)
                    .set(MDL_COURSE_FORMAT_OPTIONS.FORMAT, "topics")
                    .set(MDL_COURSE_FORMAT_OPTIONS.SECTIONID, 0L)
                    .set(MDL_COURSE_FORMAT_OPTIONS.NAME, option[0])
                    .set(MDL_COURSE_FORMAT_OPTIONS.VALUE, option[1])
                    .execute();
        }
        dsl.insertInto(MDL_COURSE_SECTIONS)
                .set(MDL_COURSE_SECTIONS.COURSE, id)
                .set(MDL_COURSE_SECTIONS.SECTION, 0L)
                .set(MDL_COURSE_SECTIONS.SUMMARY, "")
                .set(MDL_COURSE_SECTIONS.SUMMARYFORMAT, (short) 1)
                .set(MDL_COURSE_SECTIONS.SEQUENCE, "")
                .set(MDL_COURSE_SECTIONS.VISIBLE, (short) 1)
                .set(MDL_COURSE_SECTIONS.TIMEMODIFIED, now)
                .execute();
        long student = dsl.select(MDL_ROLE.ID).from(MDL_ROLE).where(MDL_ROLE.SHORTNAME.eq("student"))
                .fetchSingle().value1();
        long manual = dsl.insertInto(MDL_ENROL)
                .set(MDL_ENROL.ENROL, "manual").set(MDL_ENROL.STATUS, 0L).set(MDL_ENROL.COURSEID, id)
                .set(MDL_ENROL.SORTORDER, 0L).set(MDL_ENROL.ENROLPERIOD, 0L).set(MDL_ENROL.ENROLSTARTDATE, 0L)
                .set(MDL_ENROL.ENROLENDDATE, 0L).set(MDL_ENROL.EXPIRYNOTIFY, (short) 0)
                .set(MDL_ENROL.EXPIRYTHRESHOLD, 86_400L).set(MDL_ENROL.NOTIFYALL, (short) 0)
                .set(MDL_ENROL.ROLEID, student).set(MDL_ENROL.CUSTOMINT1, 1L)
                .set(MDL_ENROL.TIMECREATED, now).set(MDL_ENROL.TIMEMODIFIED, now)
                .returningResult(MDL_ENROL.ID).fetchSingle().value1();
        long guest = dsl.insertInto(MDL_ENROL)
                .set(MDL_ENROL.ENROL, "guest").set(MDL_ENROL.STATUS, 1L).set(MDL_ENROL.COURSEID, id)
                .set(MDL_ENROL.SORTORDER, 1L).set(MDL_ENROL.ENROLSTARTDATE, 0L).set(MDL_ENROL.ENROLENDDATE, 0L)
                .set(MDL_ENROL.PASSWORD, "").set(MDL_ENROL.ROLEID, 0L)
                .set(MDL_ENROL.TIMECREATED, now).set(MDL_ENROL.TIMEMODIFIED, now)
                .returningResult(MDL_ENROL.ID).fetchSingle().value1();
        long self = dsl.insertInto(MDL_ENROL)
                .set(MDL_ENROL.ENROL, "self").set(MDL_ENROL.STATUS, 1L).set(MDL_ENROL.COURSEID, id)
                .set(MDL_ENROL.SORTORDER, 2L).set(MDL_ENROL.ENROLPERIOD, 0L).set(MDL_ENROL.ENROLSTARTDATE, 0L)
                .set(MDL_ENROL.ENROLENDDATE, 0L).set(MDL_ENROL.EXPIRYNOTIFY, (short) 0)
                .set(MDL_ENROL.EXPIRYTHRESHOLD, 86_400L).set(MDL_ENROL.NOTIFYALL, (short) 0)
                .set(MDL_ENROL.ROLEID, student)
                .set(MDL_ENROL.CUSTOMINT1, 0L).set(MDL_ENROL.CUSTOMINT2, 0L).set(MDL_ENROL.CUSTOMINT3, 0L)
                .set(MDL_ENROL.CUSTOMINT4, 1L).set(MDL_ENROL.CUSTOMINT5, 0L).set(MDL_ENROL.CUSTOMINT6, 1L)
                .set(MDL_ENROL.TIMECREATED, now).set(MDL_ENROL.TIMEMODIFIED, now)
                .returningResult(MDL_ENROL.ID).fetchSingle().value1();
        String path = dsl.select(MDL_CONTEXT.PATH).from(MDL_CONTEXT).where(MDL_CONTEXT.ID.eq(contextId))
                .fetchSingle().value1();
        return new Course(id, shortname, contextId, path, manual, guest, self);
    }

    /** Enables a course's self enrolment instance. */
    public void enableSelf(Course course) {
        dsl.update(MDL_ENROL).set(MDL_ENROL.STATUS, 0L).where(MDL_ENROL.ID.eq(course.selfId())).execute();
    }

    /** A module context under the course (as Moodle creates for an activity), for roles below the course. */
    public long moduleContext(Course course, long cmid) {
        return Contexts.create(dsl, ContextLevel.MODULE, cmid, course.contextPath());
    }
}
