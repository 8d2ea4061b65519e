package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.CaseValueStep;
import org.jooq.CaseWhenStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.course.CourseSection;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.moodlesync.jooq.internal.support.TableStatistics;

/**
 * Gathers the plain new courses of a chunk and writes them set-wise, the same rows Moodle's {@code create_course}
 * writes one course at a time: one multi-row insert of the course rows (in file order, so ids follow the file), one
 * query for their ids, one multi-row insert of their contexts, one query for the contexts' ids and one update of
 * their paths and depths, one insert each of format options, sections and enrolment instances, one cache revision
 * bump, and the dirty-context flags of those whose self/guest columns changed an instance's status. A failure throws:
 * the caller rolls the chunk back and replays it line by line.
 */
final class BatchedCourseWrites {

    /** Bound values per statement, under every database's limit. */
    private static final int MAX_BINDS = 20_000;

    /**
     * A course to create.
     *
     * @param course            the row (its id is a placeholder until written)
     * @param parentContextPath the path of its category's context
     * @param format            its format
     * @param formatOptions     its course format options
     * @param sections          its sections by number (null: an unnamed one)
     * @param instances         its enrolment instances, in order
     * @param dirtyContext      the context is marked dirty (an instance's status was changed)
     * @param now               the time
     */
    record NewCourse(MdlCourseRecord course, String parentContextPath, String format, Map<String, String> formatOptions,
                     Map<Long, CourseSection> sections, List<MdlEnrolRecord> instances, boolean dirtyContext,
                     long now) {
    }

    private final DSLContext dsl;
    private final SiteConfig site;
    private final TableStatistics statistics;
    private final List<NewCourse> creates = new ArrayList<>();

    BatchedCourseWrites(DSLContext dsl, SiteConfig site, TableStatistics statistics) {
        this.dsl = dsl;
        this.site = site;
        this.statistics = statistics;
    }

    void create(NewCourse course) {
        creates.add(course);
    }

    /** Writes what waits, and gives the new courses their real ids (in their records and in the lookup). */
    void flush(CourseLookup lookup) {
        if (creates.isEmpty()) {
            return;
        }
        try {
            write(lookup);
            // the tables looked up by key lists: PostgreSQL's planner statistics follow their growth
            statistics.inserted(MDL_COURSE, creates.size());
            statistics.inserted(MDL_CONTEXT, creates.size());
        } finally {
            creates.clear();
        }
    }

    private void write(CourseLookup lookup) {
        List<Long> courseIds = insertCourses(lookup);
        Map<Long, String> paths = insertContexts(courseIds);
        insertFormatOptionsAndSections();
        for (List<Long> part : parts(courseIds, 1000)) {
            CourseStructure.bumpCacheRev(dsl, part, creates.get(0).now());
        }
        insertEnrolInstances();
        markDirtyContexts(paths);
    }

    /** The course rows, in file order; their real ids (found by shortname) set in their records and the lookup. */
    private List<Long> insertCourses(CourseLookup lookup) {
        List<MdlCourseRecord> rows = new ArrayList<>(creates.size());
        for (NewCourse n : creates) {
            rows.add(insertable(n.course()));
        }
        insertInOrder(MDL_COURSE, rows);
        Map<Long, Long> ids = insertedCourseIds();
        List<Long> courseIds = new ArrayList<>(creates.size());
        for (NewCourse n : creates) {
            long placeholder = n.course().getId();
            long id = ids.get(placeholder);
            lookup.reassign(placeholder, id);
            n.course().setId(id);
            courseIds.add(id);
        }
        return courseIds;
    }

    /** Placeholder id -> id of the inserted courses, by shortname. */
    private Map<Long, Long> insertedCourseIds() {
        Map<String, NewCourse> byShortname = new HashMap<>();
        creates.forEach(n -> byShortname.put(n.course().getShortname(), n));
        Map<Long, Long> ids = new HashMap<>();
        for (List<String> part : parts(new ArrayList<>(byShortname.keySet()), 1000)) {
            dsl.select(MDL_COURSE.ID, MDL_COURSE.SHORTNAME).from(MDL_COURSE).where(MDL_COURSE.SHORTNAME.in(part))
                    .forEach(r -> {
                        NewCourse n = byShortname.get(r.value2());
                        if (ids.put(n.course().getId(), r.value1()) != null) {
                            throw new DataAccessException("two courses have shortname " + r.value2());
                        }
                    });
        }
        if (ids.size() != creates.size()) {
            throw new DataAccessException("new courses not found by shortname after their insert");
        }
        return ids;
    }

    /** The course contexts: rows, ids, then paths and depths. Gives course id -> context path. */
    private Map<Long, String> insertContexts(List<Long> courseIds) {
        Long level = ContextLevel.COURSE.valueIn(MDL_CONTEXT.CONTEXTLEVEL);
        for (List<NewCourse> part : parts(creates, MAX_BINDS / 4)) {
            var insert = dsl.insertInto(MDL_CONTEXT, MDL_CONTEXT.CONTEXTLEVEL, MDL_CONTEXT.INSTANCEID,
                    MDL_CONTEXT.DEPTH, MDL_CONTEXT.LOCKED);
            for (NewCourse n : part) {
                insert = insert.values(level, n.course().getId(), (short) 0, (short) 0);
            }
            insert.execute();
        }
        Map<Long, Long> contextOf = insertedContextIds(courseIds, level);
        Map<Long, String> paths = new LinkedHashMap<>();
        for (NewCourse n : creates) {
            paths.put(n.course().getId(), n.parentContextPath() + "/" + contextOf.get(n.course().getId()));
        }
        for (List<NewCourse> part : parts(creates, 1000)) {
            setPathsAndDepths(part, contextOf, paths);
        }
        return paths;
    }

    /** Course id -> id of the new (path-less) course contexts. */
    private Map<Long, Long> insertedContextIds(List<Long> courseIds, Long level) {
        Map<Long, Long> contextOf = new HashMap<>();
        for (List<Long> part : parts(courseIds, 1000)) {
            // by instance id alone, the level checked here: given the level too, H2 scanned every course context
            dsl.select(MDL_CONTEXT.ID, MDL_CONTEXT.INSTANCEID, MDL_CONTEXT.CONTEXTLEVEL).from(MDL_CONTEXT)
                    .where(MDL_CONTEXT.INSTANCEID.in(part)).and(MDL_CONTEXT.PATH.isNull())
                    .forEach(r -> {
                        if (level.equals(r.value3())) {
                            contextOf.put(r.value2(), r.value1());
                        }
                    });
        }
        if (contextOf.size() != creates.size()) {
            throw new DataAccessException("new course contexts not found after their insert");
        }
        return contextOf;
    }

    /** One update of the paths and depths of these courses' contexts. */
    private void setPathsAndDepths(List<NewCourse> part, Map<Long, Long> contextOf, Map<Long, String> paths) {
        CaseValueStep<Long> byId = DSL.choose(MDL_CONTEXT.ID);
        CaseWhenStep<Long, String> path = null;
        CaseWhenStep<Long, Short> depth = null;
        List<Long> contextIds = new ArrayList<>(part.size());
        for (NewCourse n : part) {
            long contextId = contextOf.get(n.course().getId());
            String p = paths.get(n.course().getId());
            short d = (short) Contexts.depthOf(p);
            path = path == null ? byId.when(contextId, p) : path.when(contextId, p);
            depth = depth == null ? byId.when(contextId, d) : depth.when(contextId, d);
            contextIds.add(contextId);
        }
        dsl.update(MDL_CONTEXT).set(MDL_CONTEXT.PATH, path).set(MDL_CONTEXT.DEPTH, depth)
                .where(MDL_CONTEXT.ID.in(contextIds)).execute();
    }

    private void insertFormatOptionsAndSections() {
        List<Object[]> options = new ArrayList<>();
        List<Object[]> sections = new ArrayList<>();
        for (NewCourse n : creates) {
            long id = n.course().getId();
            n.formatOptions().forEach((name, value) -> options.add(new Object[] {id, n.format(), name, value}));
            for (Map.Entry<Long, CourseSection> s : n.sections().entrySet()) {
                CourseSection section = s.getValue();
                sections.add(new Object[] {id, s.getKey(),
                        section == null || section.name() == null || section.name().isEmpty() ? null : section.name(),
                        section == null || section.summary() == null ? "" : section.summary(), n.now()});
            }
        }
        var o = MDL_COURSE_FORMAT_OPTIONS;
        for (List<Object[]> part : parts(options, MAX_BINDS / 5)) {
            var insert = dsl.insertInto(o, o.COURSEID, o.FORMAT, o.SECTIONID, o.NAME, o.VALUE);
            for (Object[] v : part) {
                insert = insert.values((Long) v[0], (String) v[1], 0L, (String) v[2], (String) v[3]);
            }
            insert.execute();
        }
        var s = MDL_COURSE_SECTIONS;
        // component and itemid (sections delegated to a plugin) exist from Moodle 4.4 on: named only when there
        SiteSchema schema = SiteSchema.of(site);
        List<Field<?>> columns = new ArrayList<>(List.of(s.COURSE, s.SECTION, s.NAME, s.SUMMARY, s.SUMMARYFORMAT,
                s.SEQUENCE, s.VISIBLE, s.AVAILABILITY));
        boolean delegation = schema.has(s.COMPONENT) && schema.has(s.ITEMID);
        if (delegation) {
            columns.add(s.COMPONENT);
            columns.add(s.ITEMID);
        }
        columns.add(s.TIMEMODIFIED);
        for (List<Object[]> part : parts(sections, MAX_BINDS / columns.size())) {
            var insert = dsl.insertInto(s, columns);
            for (Object[] v : part) {
                List<Object> row = new ArrayList<>(java.util.Arrays.asList(v[0], v[1], v[2], v[3],
                        CourseStructure.FORMAT_HTML, "", (short) 1, null));
                if (delegation) {
                    row.add(null);
                    row.add(null);
                }
                row.add(v[4]);
                insert = insert.values(row);
            }
            insert.execute();
        }
    }

    /** Enrolment instances: sortorder 0 of every course, then 1…, so each course's come in its order. */
    private void insertEnrolInstances() {
        int most = creates.stream().mapToInt(n -> n.instances().size()).max().orElse(0);
        for (int sortorder = 0; sortorder < most; sortorder++) {
            List<MdlEnrolRecord> enrolRows = new ArrayList<>();
            for (NewCourse n : creates) {
                if (sortorder < n.instances().size()) {
                    enrolRows.add(EnrolInstances.row(n.course().getId(), n.instances().get(sortorder), sortorder,
                            n.now()));
                }
            }
            insertGrouped(MDL_ENROL, enrolRows);
        }
    }

    /** Dirty contexts (self/guest statuses changed), as set_cache_flag: updated when present, inserted otherwise. */
    private void markDirtyContexts(Map<Long, String> paths) {
        List<String> dirty = new ArrayList<>();
        for (NewCourse n : creates) {
            if (n.dirtyContext()) {
                dirty.add(paths.get(n.course().getId()));
            }
        }
        if (!dirty.isEmpty()) {
            CacheFlags.markAll(dsl, site, CacheFlags.DIRTY_CONTEXTS, dirty, creates.get(0).now());
        }
    }

    /**
     * Inserts records in their order, as multi-row inserts of runs of records that set the same columns (the
     * columns a record does not set get the table's defaults, as in a one-row insert).
     */
    private <R extends TableRecord<R>> void insertInOrder(Table<R> table, List<R> records) {
        List<R> run = new ArrayList<>();
        BitSet runColumns = null;
        for (R r : records) {
            BitSet columns = columns(r);
            if (runColumns != null && (!columns.equals(runColumns) || (run.size() + 1) * columns.cardinality()
                    > MAX_BINDS)) {
                insertRows(table, run);
                run.clear();
            }
            run.add(r);
            runColumns = columns;
        }
        insertRows(table, run);
    }

    /** Inserts records grouped by the columns they set (their relative order kept within a group). */
    private <R extends TableRecord<R>> void insertGrouped(Table<R> table, List<R> records) {
        Map<BitSet, List<R>> groups = new LinkedHashMap<>();
        for (R r : records) {
            groups.computeIfAbsent(columns(r), k -> new ArrayList<>()).add(r);
        }
        for (List<R> group : groups.values()) {
            insertInOrder(table, group);
        }
    }

    private <R extends TableRecord<R>> void insertRows(Table<R> table, List<R> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(table).set(rows.get(0));
        for (int i = 1; i < rows.size(); i++) {
            insert = insert.newRecord().set(rows.get(i));
        }
        insert.execute();
    }

    /** The columns a new course's record sets, without its placeholder id: what a one-row insert of it writes. */
    @SuppressWarnings("unchecked")
    private static MdlCourseRecord insertable(MdlCourseRecord course) {
        MdlCourseRecord row = new MdlCourseRecord();
        Field<?>[] fields = course.fields();
        for (int i = 0; i < fields.length; i++) {
            if (course.changed(i) && !fields[i].equals(MDL_COURSE.ID)) {
                row.set((Field<Object>) fields[i], course.get(i));
            }
        }
        return row;
    }

    private static BitSet columns(Record r) {
        BitSet columns = new BitSet();
        Field<?>[] fields = r.fields();
        for (int i = 0; i < fields.length; i++) {
            if (r.changed(i)) {
                columns.set(i);
            }
        }
        return columns;
    }

    private static <T> List<List<T>> parts(List<T> list, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < list.size(); from += size) {
            parts.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return parts;
    }
}
