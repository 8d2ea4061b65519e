package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;

/**
 * The courses one chunk names (by id, shortname or idnumber), loaded with one query, and kept up to date as the
 * chunk's lines create and change courses, so later lines of the chunk (and of a dry run) see them.
 */
final class CourseLookup {

    private final Map<Long, MdlCourseRecord> byId = new HashMap<>();
    private final Map<String, MdlCourseRecord> byShortname = new HashMap<>();
    private final Map<String, List<MdlCourseRecord>> byIdnumber = new HashMap<>();

    private CourseLookup() {
    }

    /**
     * Loads the courses with any of these ids, shortnames or idnumbers (values that are not ids are ignored for
     * ids).
     */
    static CourseLookup load(DSLContext dsl, Collection<String> ids, Collection<String> shortnames,
                             Collection<String> idnumbers) {
        CourseLookup lookup = new CourseLookup();
        Set<Long> numeric = new HashSet<>();
        for (String id : ids) {
            try {
                numeric.add(Long.parseLong(id.trim()));
            } catch (NumberFormatException | NullPointerException e) {
                // not an id: no course has it
            }
        }
        // one query per column: an OR across columns made H2 scan the table
        List<Condition> each = new ArrayList<>();
        if (!numeric.isEmpty()) {
            each.add(MDL_COURSE.ID.in(numeric));
        }
        Set<String> names = nonEmpty(shortnames);
        if (!names.isEmpty()) {
            each.add(MDL_COURSE.SHORTNAME.in(names));
        }
        Set<String> idns = nonEmpty(idnumbers);
        if (!idns.isEmpty()) {
            each.add(MDL_COURSE.IDNUMBER.in(idns));
        }
        Map<Long, MdlCourseRecord> found = new java.util.TreeMap<>();
        for (Condition condition : each) {
            CourseStructure.siteRows(dsl, MDL_COURSE, condition, MDL_COURSE.ID).forEach(c -> found.putIfAbsent(c.getId(), c));
        }
        found.values().forEach(lookup::put);
        return lookup;
    }

    /** Loads the courses named by these identifier values. */
    static CourseLookup load(DSLContext dsl, CourseKey key, Collection<String> values) {
        return switch (key) {
            case ID -> load(dsl, values, List.of(), List.of());
            case SHORTNAME -> load(dsl, List.of(), values, List.of());
            case IDNUMBER -> load(dsl, List.of(), List.of(), values);
        };
    }

    private static Set<String> nonEmpty(Collection<String> values) {
        Set<String> s = new HashSet<>();
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                s.add(v);
            }
        }
        return s;
    }

    /** Records a course as it now is (after a create or update, or planned in a dry run). */
    void put(MdlCourseRecord course) {
        MdlCourseRecord previous = byId.put(course.getId(), course);
        if (previous != null) {
            byShortname.remove(previous.getShortname(), previous);
            List<MdlCourseRecord> same = byIdnumber.get(previous.getIdnumber());
            if (same != null) {
                same.removeIf(c -> c.getId().equals(previous.getId()));
            }
        }
        byShortname.put(course.getShortname(), course);
        if (course.getIdnumber() != null && !course.getIdnumber().isEmpty()) {
            byIdnumber.computeIfAbsent(course.getIdnumber(), k -> new ArrayList<>()).add(course);
        }
    }

    /** Gives a course created with a placeholder id its real id (in its record and in the lookup). */
    void reassign(long placeholder, long id) {
        MdlCourseRecord course = byId.remove(placeholder);
        if (course != null) {
            course.setId(id);
            byId.put(id, course);
        }
    }

    /** The ids of the stored courses loaded (not those planned or pending). */
    Set<Long> storedIds() {
        Set<Long> ids = new HashSet<>();
        for (Long id : byId.keySet()) {
            if (id > 0) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Forgets a course (deleted). */
    void remove(MdlCourseRecord course) {
        byId.remove(course.getId());
        byShortname.remove(course.getShortname(), byShortname.get(course.getShortname()));
        List<MdlCourseRecord> same = byIdnumber.get(course.getIdnumber());
        if (same != null) {
            same.removeIf(c -> c.getId().equals(course.getId()));
        }
    }

    MdlCourseRecord byId(long id) {
        return byId.get(id);
    }

    MdlCourseRecord byShortname(String shortname) {
        return byShortname.get(shortname);
    }

    List<MdlCourseRecord> byIdnumber(String idnumber) {
        return byIdnumber.getOrDefault(idnumber, List.of());
    }

    /**
     * The course a value of an identifier names: null when none; {@link LineRejected} when several courses share
     * the idnumber, or the value is not an id.
     */
    MdlCourseRecord find(CourseKey key, String value, String column) {
        return switch (key) {
            case SHORTNAME -> byShortname(value);
            case ID -> {
                try {
                    yield byId(Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    throw new LineRejected(column, "not a course id: " + value);
                }
            }
            case IDNUMBER -> {
                List<MdlCourseRecord> found = byIdnumber(value);
                if (found.size() > 1) {
                    throw new LineRejected(column, found.size() + " courses have idnumber " + value
                            + ": cannot tell which one the line means");
                }
                yield found.isEmpty() ? null : found.get(0);
            }
        };
    }
}
