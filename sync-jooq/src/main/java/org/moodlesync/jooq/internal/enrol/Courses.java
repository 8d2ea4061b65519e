package org.moodlesync.jooq.internal.enrol;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * The courses one chunk of lines names, loaded with one query per identifier kind (with their contexts), and their
 * enrol instances with one more.
 */
public final class Courses {

    private final EnrolSite site;
    private final Map<CourseKey, Map<String, List<CourseRef>>> byKey = new EnumMap<>(CourseKey.class);
    private final Map<Long, CourseRef> byId = new HashMap<>();
    private final Map<Long, List<EnrolInstance>> instances = new HashMap<>();

    private Courses(EnrolSite site) {
        this.site = site;
    }

    /** Loads the courses named by these values, per identifier, and their enrol instances. */
    public static Courses load(DSLContext dsl, EnrolSite site, Map<CourseKey, ? extends Collection<String>> wanted) {
        Courses courses = new Courses(site);
        for (Map.Entry<CourseKey, ? extends Collection<String>> e : wanted.entrySet()) {
            courses.fetch(dsl, e.getKey(), e.getValue());
        }
        courses.loadInstances(dsl, courses.byId.keySet());
        return courses;
    }

    /** Loads more courses by id (with their instances), for lines that reach a course through a group. */
    public void loadIds(DSLContext dsl, Collection<Long> ids) {
        Set<Long> missing = new HashSet<>(ids);
        missing.removeAll(byId.keySet());
        if (missing.isEmpty()) {
            return;
        }
        fetchWhere(dsl, null, MDL_COURSE.ID.in(missing));
        loadInstances(dsl, missing);
    }

    private void fetch(DSLContext dsl, CourseKey key, Collection<String> values) {
        Set<String> distinct = new HashSet<>();
        values.stream().filter(v -> v != null && !v.isEmpty()).forEach(distinct::add);
        Map<String, List<CourseRef>> found = byKey.computeIfAbsent(key, k -> new HashMap<>());
        if (distinct.isEmpty()) {
            return;
        }
        Condition where = switch (key) {
            case SHORTNAME -> MDL_COURSE.SHORTNAME.in(distinct);
            case IDNUMBER -> MDL_COURSE.IDNUMBER.in(distinct);
            case ID -> MDL_COURSE.ID.in(distinct.stream().filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf)
                    .toList());
        };
        fetchWhere(dsl, key, where);
    }

    private void fetchWhere(DSLContext dsl, CourseKey key, Condition where) {
        List<Record5<Long, String, String, Long, String>> rows = dsl
                .select(MDL_COURSE.ID, MDL_COURSE.SHORTNAME, MDL_COURSE.IDNUMBER, MDL_CONTEXT.ID, MDL_CONTEXT.PATH)
                .from(MDL_COURSE)
                .leftJoin(MDL_CONTEXT).on(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.COURSE.valueIn(MDL_CONTEXT.CONTEXTLEVEL))
                        .and(MDL_CONTEXT.INSTANCEID.eq(MDL_COURSE.ID)))
                .where(where)
                .fetch();
        for (var r : rows) {
            CourseRef c = new CourseRef(r.value1(), r.value2(), r.value3(), r.value4() == null ? 0 : r.value4(),
                    r.value5());
            byId.put(c.id(), c);
            if (key != null) {
                String k = switch (key) {
                    case SHORTNAME -> c.shortname();
                    case IDNUMBER -> c.idnumber();
                    case ID -> Long.toString(c.id());
                };
                byKey.get(key).computeIfAbsent(k, x -> new ArrayList<>()).add(c);
            }
        }
    }

    private void loadInstances(DSLContext dsl, Collection<Long> courseIds) {
        if (courseIds.isEmpty()) {
            return;
        }
        courseIds.forEach(id -> instances.putIfAbsent(id, new ArrayList<>()));
        dsl.select(MDL_ENROL.ID, MDL_ENROL.ENROL, MDL_ENROL.STATUS, MDL_ENROL.COURSEID, MDL_ENROL.SORTORDER,
                        MDL_ENROL.ROLEID)
                .from(MDL_ENROL)
                .where(MDL_ENROL.COURSEID.in(courseIds))
                .orderBy(MDL_ENROL.COURSEID, MDL_ENROL.SORTORDER, MDL_ENROL.ID)
                .forEach(r -> instances.get(r.value4()).add(new EnrolInstance(r.value1(), r.value2(), r.value3(),
                        r.value4(), r.value5(), r.value6() == null ? 0 : r.value6())));
    }

    /**
     * The course a value names.
     *
     * @param column the file column, for the error
     * @throws LineRejected when no course or several have it, when it is the front page or has no context
     */
    public CourseRef find(CourseKey key, String value, String column) {
        List<CourseRef> found = byKey.getOrDefault(key, Map.of()).getOrDefault(value, List.of());
        if (found.isEmpty()) {
            if (key == CourseKey.ID && !value.matches("\\d{1,18}")) {
                throw new LineRejected(column, "not a course id: " + value);
            }
            throw new LineRejected(column, "no course with " + key.column() + " " + value);
        }
        if (found.size() > 1) {
            throw new LineRejected(column, found.size() + " courses have " + key.column() + " " + value
                    + ": cannot tell which one the line means");
        }
        return usable(found.get(0), column);
    }

    /** A course loaded by id, checked as {@link #find} does. */
    public CourseRef byId(long id, String column) {
        CourseRef c = byId.get(id);
        if (c == null) {
            throw new LineRejected(column, "no course with id " + id);
        }
        return usable(c, column);
    }

    private CourseRef usable(CourseRef c, String column) {
        if (c.id() == site.siteCourseId()) {
            throw new LineRejected(column, "the front page course takes no enrolments or groups");
        }
        if (c.contextId() == 0 || c.contextPath() == null) {
            throw new LineRejected(column, "course " + c.shortname() + " has no context: repair it in Moodle"
                    + " (admin/cli/fix_course_sequence.php or a cron run) first");
        }
        return c;
    }

    /** The enrol instances of a course, in Moodle's order (sortorder, id). */
    public List<EnrolInstance> instances(long courseId) {
        return instances.getOrDefault(courseId, List.of());
    }

    /** Every course loaded. */
    public Collection<CourseRef> all() {
        return byId.values();
    }

    /** The ids of every course loaded. */
    public Set<Long> ids() {
        return byId.keySet();
    }

    /** Values grouped per key, for {@link #load}. */
    public static Map<CourseKey, Set<String>> wanted() {
        return new EnumMap<>(CourseKey.class);
    }

    /** A value wanted for a key. */
    public static void want(Map<CourseKey, Set<String>> wanted, CourseKey key, String value) {
        if (value != null && !value.isEmpty()) {
            wanted.computeIfAbsent(key, k -> new HashSet<>()).add(value);
        }
    }
}
