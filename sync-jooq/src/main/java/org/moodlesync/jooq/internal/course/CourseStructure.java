package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.moodlesync.jooq.schema.tables.records.MdlCourseSectionsRecord;

/**
 * The rows around a course row that Moodle writes with it: format options, sections, and the course cache
 * revision.
 */
final class CourseStructure {

    /** Moodle's {@code FORMAT_HTML}: the summary format of sections Moodle creates. */
    static final short FORMAT_HTML = 1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private CourseStructure() {
    }

    /**
     * The course options a format declares, with their defaults, in declaration order (Moodle inserts one row for
     * each when a course gets the format, even at its default).
     */
    static Map<String, String> formatOptionDefaults(String format, CourseSettings settings) {
        Map<String, String> options = new LinkedHashMap<>();
        switch (format) {
            case "topics" -> {
                options.put("hiddensections", Long.toString(settings.courseDefault("hiddensections", 1)));
                options.put("coursedisplay", Long.toString(settings.courseDefault("coursedisplay", 0)));
            }
            case "weeks" -> {
                options.put("hiddensections", Long.toString(settings.courseDefault("hiddensections", 1)));
                options.put("coursedisplay", Long.toString(settings.courseDefault("coursedisplay", 0)));
                options.put("automaticenddate", "1");
            }
            case "social" -> options.put("numdiscussions", "10");
            case "singleactivity" -> options.put("activitytype",
                    settings.plugin("format_singleactivity", "activitytype", "forum"));
            default -> {
                // an unknown format is refused before we get here
            }
        }
        return options;
    }

    /** Whether the format shows announcements ({@code course_format::supports_news()}). */
    static boolean supportsNews(String format) {
        return !"singleactivity".equals(format);
    }

    /** The stored course options of a course in a format (section 0 = course level). */
    static Map<String, String> formatOptions(DSLContext dsl, long courseId, String format) {
        var o = MDL_COURSE_FORMAT_OPTIONS;
        Map<String, String> stored = new LinkedHashMap<>();
        dsl.select(o.NAME, o.VALUE).from(o).where(o.COURSEID.eq(courseId)).and(o.FORMAT.eq(format))
                .and(o.SECTIONID.eq(0L)).forEach(r -> stored.put(r.value1(), r.value2()));
        return stored;
    }

    static void insertFormatOption(DSLContext dsl, long courseId, String format, String name, String value) {
        var o = MDL_COURSE_FORMAT_OPTIONS;
        dsl.insertInto(o).set(o.COURSEID, courseId).set(o.FORMAT, format).set(o.SECTIONID, 0L).set(o.NAME, name)
                .set(o.VALUE, value).execute();
    }

    static void updateFormatOption(DSLContext dsl, long courseId, String format, String name, String value) {
        var o = MDL_COURSE_FORMAT_OPTIONS;
        dsl.update(o).set(o.VALUE, value).where(o.COURSEID.eq(courseId)).and(o.FORMAT.eq(format))
                .and(o.SECTIONID.eq(0L)).and(o.NAME.eq(name)).execute();
    }

    /** The sections of a course by number. */
    static Map<Long, MdlCourseSectionsRecord> sections(DSLContext dsl, long courseId) {
        Map<Long, MdlCourseSectionsRecord> sections = new TreeMap<>();
        SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_COURSE_SECTIONS)
                .where(MDL_COURSE_SECTIONS.COURSE.eq(courseId)), MDL_COURSE_SECTIONS)
                .forEach(s -> sections.put(s.getSection(), s));
        return sections;
    }

    /**
     * Inserts a normal section as Moodle's {@code sectionactions::create} does. Its {@code component} and
     * {@code itemid} (Moodle 4.4+, for sections delegated to a plugin) are named only when the site's schema has
     * them: 4.1-4.3 sites lack those columns.
     */
    static void insertSection(DSLContext dsl, SiteSchema schema, long courseId, long number, String name,
                              String summary, long now) {
        var s = MDL_COURSE_SECTIONS;
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(s.COURSE, courseId);
        values.put(s.SECTION, number);
        values.put(s.NAME, name);
        values.put(s.SUMMARY, summary == null ? "" : summary);
        values.put(s.SUMMARYFORMAT, FORMAT_HTML);
        values.put(s.SEQUENCE, "");
        values.put(s.VISIBLE, (short) 1);
        values.put(s.AVAILABILITY, null);
        values.put(s.COMPONENT, null);
        values.put(s.ITEMID, null);
        values.put(s.TIMEMODIFIED, now);
        values.keySet().removeIf(column -> !schema.has(column));
        dsl.insertInto(s).set(values).execute();
    }

    /** Whether a section is delegated to a plugin (Moodle 4.4+: {@code component} set, e.g. mod_subsection). */
    static boolean delegated(MdlCourseSectionsRecord section) {
        return section.getComponent() != null;
    }

    /**
     * Gives sections new numbers (section id to number) as Moodle's {@code move_section_to} does: in two steps,
     * through negative numbers, so that the unique (course, section) index never sees two rows with one number.
     */
    static void renumberSections(DSLContext dsl, Map<Long, Long> numbers) {
        var s = MDL_COURSE_SECTIONS;
        for (Map.Entry<Long, Long> e : numbers.entrySet()) {
            dsl.update(s).set(s.SECTION, -e.getValue()).where(s.ID.eq(e.getKey())).execute();
        }
        for (Map.Entry<Long, Long> e : numbers.entrySet()) {
            dsl.update(s).set(s.SECTION, e.getValue()).where(s.ID.eq(e.getKey())).execute();
        }
    }

    /**
     * Bumps the course cache revision as Moodle's {@code increment_revision_number} does, so that Moodle rebuilds
     * the course's modinfo cache.
     */
    static void bumpCacheRev(DSLContext dsl, long courseId, long now) {
        bumpCacheRev(dsl, List.of(courseId), now);
    }

    /** {@link #bumpCacheRev(DSLContext, long, long)} for several courses, in one statement. */
    static void bumpCacheRev(DSLContext dsl, Collection<Long> courseIds, long now) {
        var rev = MDL_COURSE.CACHEREV;
        dsl.update(MDL_COURSE)
                .set(rev, DSL.when(rev.isNull(), DSL.val(now))
                        .when(rev.lt(now), DSL.val(now))
                        .when(rev.gt(now + 3600), DSL.val(now))
                        .otherwise(rev.plus(1L)))
                .where(courseIds.size() == 1 ? MDL_COURSE.ID.eq(courseIds.iterator().next())
                        : MDL_COURSE.ID.in(courseIds))
                .execute();
    }

    /**
     * The end date format_weeks sets when {@code automaticenddate} is on: the end of the last section's week
     * (section n ends n weeks after the start; a course of section 0 only, one week after), wall-clock weeks in the
     * site's time zone.
     */
    static long weeksEndDate(long startdate, long lastSection, CourseSettings settings) {
        ZonedDateTime start = Instant.ofEpochSecond(startdate).atZone(settings.zone());
        return start.plusWeeks(Math.max(lastSection, 1)).toEpochSecond();
    }

    /** Midnight today in the site's time zone ({@code usergetmidnight(time())}). */
    static long midnight(long now, CourseSettings settings) {
        return Instant.ofEpochSecond(now).atZone(settings.zone()).toLocalDate().atStartOfDay(settings.zone())
                .toEpochSecond();
    }

    /** A random password as Moodle's {@code generate_password(20)} gives for a required enrolment key. */
    static String randomKey(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }
}
