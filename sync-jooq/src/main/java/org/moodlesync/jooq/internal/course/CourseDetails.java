package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.schema.tables.records.MdlCourseSectionsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteRows;

/**
 * What an update compares a line with, besides the course row: the course-level format options, the sections, the
 * context and the enrolment instances of the chunk's existing courses, loaded with one query each for the whole
 * chunk. A course written by a line is {@linkplain #forget forgotten}: from then on it is read from the database
 * again, so a later line of the chunk sees what the earlier one wrote.
 */
final class CourseDetails {

    /** Courses per {@code IN} list. */
    private static final int IN_LIST = 1000;

    private final Set<Long> loaded = new HashSet<>();
    private final Map<Long, List<String[]>> options = new HashMap<>();
    private final Map<Long, Map<Long, MdlCourseSectionsRecord>> sections = new HashMap<>();
    private final Map<Long, Contexts.ContextRef> contexts = new HashMap<>();
    private final Map<Long, List<MdlEnrolRecord>> instances = new HashMap<>();

    private CourseDetails() {
    }

    /** Nothing loaded: everything is read from the database when asked. */
    static CourseDetails none() {
        return new CourseDetails();
    }

    /** Loads the details of these courses. */
    static CourseDetails load(DSLContext dsl, Collection<Long> courseIds) {
        CourseDetails d = new CourseDetails();
        List<Long> ids = new ArrayList<>(courseIds);
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            d.loadPart(dsl, ids.subList(from, Math.min(ids.size(), from + IN_LIST)));
        }
        return d;
    }

    private void loadPart(DSLContext dsl, List<Long> ids) {
        loaded.addAll(ids);
        var o = MDL_COURSE_FORMAT_OPTIONS;
        dsl.select(o.COURSEID, o.FORMAT, o.NAME, o.VALUE).from(o).where(o.COURSEID.in(ids)).and(o.SECTIONID.eq(0L))
                .orderBy(o.COURSEID, o.ID)
                .forEach(r -> options.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new String[] {r.value2(), r.value3(), r.value4()}));
        SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_COURSE_SECTIONS)
                .where(MDL_COURSE_SECTIONS.COURSE.in(ids)), MDL_COURSE_SECTIONS)
                .forEach(s -> sections.computeIfAbsent(s.getCourse(), k -> new TreeMap<>()).put(s.getSection(), s));
        // by instance id alone, the level checked here: given the level too, H2 scanned every course context
        Long level = ContextLevel.COURSE.valueIn(MDL_CONTEXT.CONTEXTLEVEL);
        dsl.select(MDL_CONTEXT.ID, MDL_CONTEXT.PATH, MDL_CONTEXT.INSTANCEID, MDL_CONTEXT.CONTEXTLEVEL)
                .from(MDL_CONTEXT).where(MDL_CONTEXT.INSTANCEID.in(ids))
                .forEach(r -> {
                    if (level.equals(r.value4())) {
                        contexts.putIfAbsent(r.value3(), new Contexts.ContextRef(r.value1(), r.value2()));
                    }
                });
        dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.COURSEID.in(ids)).orderBy(MDL_ENROL.SORTORDER, MDL_ENROL.ID)
                .forEach(e -> instances.computeIfAbsent(e.getCourseid(), k -> new ArrayList<>()).add(e));
    }

    /** From now on the course is read from the database (a line wrote it). */
    void forget(long courseId) {
        loaded.remove(courseId);
    }

    /** The stored course options of a course in a format (as {@link CourseStructure#formatOptions}). */
    Map<String, String> formatOptions(DSLContext dsl, long courseId, String format) {
        if (!loaded.contains(courseId)) {
            return CourseStructure.formatOptions(dsl, courseId, format);
        }
        Map<String, String> stored = new LinkedHashMap<>();
        for (String[] o : options.getOrDefault(courseId, List.of())) {
            if (o[0].equals(format)) {
                stored.put(o[1], o[2]);
            }
        }
        return stored;
    }

    /** The sections of a course by number (as {@link CourseStructure#sections}). */
    Map<Long, MdlCourseSectionsRecord> sections(DSLContext dsl, long courseId) {
        if (!loaded.contains(courseId)) {
            return CourseStructure.sections(dsl, courseId);
        }
        return sections.getOrDefault(courseId, Map.of());
    }

    /** The course's context, or null (as {@link Contexts#find}). */
    Contexts.ContextRef context(DSLContext dsl, long courseId) {
        if (!loaded.contains(courseId)) {
            return Contexts.find(dsl, ContextLevel.COURSE, courseId);
        }
        return contexts.get(courseId);
    }

    /** The course's enrolment instances in their order (as {@link EnrolInstances#of}). */
    List<MdlEnrolRecord> instances(DSLContext dsl, long courseId) {
        if (!loaded.contains(courseId)) {
            return EnrolInstances.of(dsl, courseId);
        }
        return instances.getOrDefault(courseId, List.of());
    }
}
