package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseSection;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.command.course.MoodleDate;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.moodlesync.jooq.internal.support.LineApplied;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseSectionsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;

/**
 * Applies one course line: finds the course the line means, creates it (as Moodle's {@code create_course} does,
 * with its context, format options, sections and enrolment instances; or from a template) or updates the columns
 * the line gives (as {@code update_course}), and (unless dry run) writes the rows. Rejections throw
 * {@link LineRejected}; the caller rolls the line back.
 */
final class CourseLineWriter {

    private final CourseSettings settings;
    private final SiteSchema schema;
    private final CourseSyncOptions options;
    private final EnrolInstances enrols;
    private final CategoryResolver categories;
    private final Templates templates;

    CourseLineWriter(CourseSettings settings, CourseSyncOptions options, Roles roles) {
        this.settings = settings;
        this.schema = SiteSchema.of(settings.site());
        this.options = options;
        this.enrols = new EnrolInstances(settings, roles);
        this.categories = new CategoryResolver(options);
        this.templates = new Templates(settings);
    }

    EnrolInstances enrols() {
        return enrols;
    }

    /**
     * What the chunk's lines share: the categories and courses loaded for the chunk, the teachers' users, and the
     * details (sections, format options, context, enrolment instances) of its existing courses.
     */
    record Chunk(CategoryTree tree, CourseLookup lookup, Teachers teachers, CourseDetails details) {
    }

    /**
     * What one line did ({@link LineApplied}), and what the chunk must do after it.
     *
     * @param line       the line's outcome, entity, changes and notes
     * @param placed     the line created, moved or deleted a course or category: Moodle's sortorder must be fixed
     * @param categories paths of the categories created
     * @param writes     the line writes rows (or would, in a dry run)
     */
    record Applied(LineApplied line, boolean placed, List<String> categories, boolean writes) {
        Applied(Outcome outcome, String entity, List<FieldChange> changes, List<String> messages, boolean placed,
                List<String> categories, boolean writes) {
            this(new LineApplied(outcome, entity, changes, messages), placed, categories, writes);
        }
    }

    /** How the writer runs a line. */
    enum Route {
        /** A plain new course (no template, no teachers): its rows are gathered and written with the chunk's. */
        GATHER,
        /** A line of an existing course: planned without writing first; written (in a savepoint) only if needed. */
        PROBE,
        /** Anything else: written at once, in a savepoint. */
        IMMEDIATE
    }

    /**
     * How a line of a real run should be written. A line that will fail is routed anywhere: it fails before it
     * writes.
     */
    Route route(CourseCommand c, Chunk chunk) {
        CourseKey key = options.identifyBy();
        String value = c.key(key);
        if (value == null || value.isEmpty()) {
            return Route.PROBE;
        }
        MdlCourseRecord stored;
        try {
            stored = chunk.lookup().find(key, value, key.column());
        } catch (LineRejected e) {
            return Route.PROBE;
        }
        if (stored == null) {
            return key != CourseKey.ID && c.template() == null && c.teachers().isEmpty() ? Route.GATHER
                    : Route.IMMEDIATE;
        }
        if (stored.getId() < 0 || (c.category() != null && !options.protectCategory()
                && categories.wouldCreate(chunk.tree(), c.category()))) {
            return Route.IMMEDIATE;
        }
        return Route.PROBE;
    }

    /** Whether the line's category is a path with categories to create. */
    boolean createsCategories(CourseCommand c, Chunk chunk) {
        return c.category() != null && categories.wouldCreate(chunk.tree(), c.category());
    }

    Applied apply(DSLContext dsl, CourseCommand c, int index, Chunk chunk, long now, boolean dryRun) {
        return apply(dsl, c, index, chunk, now, dryRun, null);
    }

    /**
     * Applies a line; with {@code gathered}, a plain new course is not written but handed to it (with a placeholder
     * id, -(index + 1)), to be written with the chunk's other new courses.
     */
    Applied apply(DSLContext dsl, CourseCommand c, int index, Chunk chunk, long now, boolean dryRun,
                  BatchedCourseWrites gathered) {
        CourseKey key = options.identifyBy();
        String value = c.key(key);
        if (value == null || value.isEmpty()) {
            throw new LineRejected(key.column(), "no value to identify the course (" + key.column() + ")");
        }
        MdlCourseRecord stored = chunk.lookup().find(key, value, key.column());
        if (stored != null && stored.getId() == settings.siteCourseId()) {
            throw new LineRejected(key.column(), "the front page course cannot be changed by a sync");
        }
        checkLengths(c);
        if (stored == null) {
            if (key == CourseKey.ID) {
                throw new LineRejected("id", "no course with id " + value
                        + " (courses identified by id can only be updated)");
            }
            return create(dsl, c, index, chunk, now, dryRun, gathered);
        }
        if (!options.updateExisting()) {
            return new Applied(Outcome.SKIPPED, entity(stored), List.of(),
                    List.of("the course exists and updates are off"), false, List.of(), false);
        }
        return update(dsl, c, stored, chunk, now, dryRun);
    }

    // ------------------------------------------------------------------------------------------------- create

    private Applied create(DSLContext dsl, CourseCommand c, int index, Chunk chunk, long now, boolean dryRun,
                           BatchedCourseWrites gathered) {
        return new CourseCreate(dsl, c, index, chunk, now, dryRun).apply(gathered);
    }

    /**
     * The creation of one new course, step by step: checks, its category, the course row, format options and
     * sections worked out first; then either handed to the gathered writes, or the row, its context, format
     * options, sections, enrolment methods (copied from the template or the defaults) and teachers written.
     */
    private final class CourseCreate {
        private final DSLContext dsl;
        private final CourseCommand c;
        private final int index;
        private final Chunk chunk;
        private final long now;
        private final boolean dryRun;
        private final List<String> messages = new ArrayList<>();
        private final List<String> createdCategories = new ArrayList<>();
        private MdlCourseRecord template;
        private String format;
        private CategoryTree.Category category;
        private MdlCourseRecord r;
        private Map<String, String> formatOptions;
        private Map<Long, CourseSection> sections;
        private long lastSection;
        private long courseId;
        private long contextId;
        private String contextPath;
        private Templates.Copied copied;

        CourseCreate(DSLContext dsl, CourseCommand c, int index, Chunk chunk, long now, boolean dryRun) {
            this.dsl = dsl;
            this.c = c;
            this.index = index;
            this.chunk = chunk;
            this.now = now;
            this.dryRun = dryRun;
        }

        Applied apply(BatchedCourseWrites gathered) {
            checkLine();
            chunk.teachers().check(c.teachers());
            category = resolveCategory();
            r = courseRow();
            formatOptions = CourseStructure.formatOptionDefaults(format, settings);
            if (template != null) {
                formatOptions.putAll(templates.formatOptionsOf(dsl, template, format));
            }
            givenFormatOptions(c, formatOptions);
            sections = sectionsOfNewCourse(c, template, dsl);
            lastSection = sections.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            if ("weeks".equals(format) && "1".equals(formatOptions.get("automaticenddate"))) {
                r.setEnddate(CourseStructure.weeksEndDate(r.getStartdate(), lastSection, settings));
            }
            if (gathered != null && !dryRun && template == null && c.teachers().isEmpty()) {
                return gather(dsl, c, index, chunk, now, gathered, category, r, format, formatOptions, sections,
                        lastSection, messages, createdCategories);
            }
            if (!dryRun) {
                writeCourse();
            } else {
                courseId = -(index + 1L);
            }
            List<String> enrolments = template != null ? copyTemplate() : enrols.addDefaults(dsl, courseId, now,
                    dryRun);
            List<MdlEnrolRecord> instances = dryRun ? plannedInstances(enrolments) : EnrolInstances.of(dsl, courseId);
            List<String> enrolChanges = selfAndGuest(dsl, c, courseId, contextPath, instances, now, dryRun);

            r.setId(courseId);
            chunk.lookup().put(r);
            List<FieldChange> changes = createdChanges(c, r, chunk.tree().pathOf(category), format, sections,
                    lastSection, enrolments, enrolChanges);
            changes.addAll(chunk.teachers().apply(dsl, courseId, contextId, c.teachers(), now, dryRun));
            if (template != null) {
                messages.add("copied from template " + template.getShortname() + ": " + copied.summary());
                messages.addAll(copied.notCopied());
            }
            return new Applied(Outcome.CREATED, entity(r), changes, messages, true, createdCategories, true);
        }

        /** Refuses a line without shortname or fullname, taken ones, an unknown format, a default grouping. */
        private void checkLine() {
            if (c.shortname() == null || c.shortname().isBlank()) {
                throw new LineRejected("shortname", "a new course needs a shortname");
            }
            if (c.fullname() == null || c.fullname().isBlank()) {
                throw new LineRejected("fullname", "a new course needs a fullname");
            }
            checkShortnameFree(c.shortname(), null, chunk.lookup());
            checkIdnumberFree(c.idnumber(), null, chunk.lookup());
            if (c.template() != null) {
                template = templates.find(chunk.lookup(), c.template());
            }
            format = c.format() != null ? c.format() : template != null ? template.getFormat()
                    : settings.defaultFormat();
            checkFormat(format, "format");
            if (c.defaultgroupingid() != null && c.defaultgroupingid() != 0) {
                throw new LineRejected("defaultgroupingid", "a new course has no grouping yet");
            }
        }

        /** The line's category (created when missing), else the site's default one. */
        private CategoryTree.Category resolveCategory() {
            CategoryTree.Category resolved;
            if (c.category() != null) {
                resolved = categories.resolve(dsl, chunk.tree(), c.category(), c.categoryIdnumber(), now, dryRun,
                        createdCategories);
            } else {
                resolved = chunk.tree().defaultCategory();
                if (resolved == null) {
                    throw new LineRejected("category", "the site has no category to put the course in");
                }
            }
            createdCategories.forEach(p -> messages.add("category " + p + " created"));
            return resolved;
        }

        /** The course row: the template's settings or Moodle's defaults, then the line's columns. */
        private MdlCourseRecord courseRow() {
            MdlCourseRecord row = template != null ? templates.settingsOf(template)
                    : newCourseDefaults(category, now);
            row.setCategory(category.id);
            row.setSortorder(0L);
            row.setShortname(c.shortname());
            row.setFullname(c.fullname());
            row.setIdnumber(c.idnumber() == null ? "" : c.idnumber());
            row.setFormat(format);
            applyGiven(row, c, now);
            if (!settings.site().values().getOrDefault("enablecourserelativedates", "0").equals("1")) {
                set(row, MDL_COURSE.RELATIVEDATESMODE, 0);
            }
            if (c.visible() == null && template == null) {
                set(row, MDL_COURSE.VISIBLE, category.visible == 1 ? settings.courseDefault("visible", 1) : 0);
            }
            set(row, MDL_COURSE.VISIBLEOLD, row.getVisible());
            if (row.getEnablecompletion().intValue() == 0) {
                row.setShowcompletionconditions(null);
            } else if (row.getShowcompletionconditions() == null) {
                set(row, MDL_COURSE.SHOWCOMPLETIONCONDITIONS, settings.courseDefault("showcompletionconditions", 1));
            }
            if (c.enddate() == null && template == null) {
                row.setEnddate(settings.courseDefault("courseenddateenabled", 1) == 1
                        ? row.getStartdate() + settings.courseDefault("courseduration", 31_536_000L) : 0L);
            }
            checkDates(row.getStartdate(), row.getEnddate());
            long timecreated = c.timecreated() == null ? now : seconds(c.timecreated());
            row.setTimecreated(timecreated);
            row.setTimemodified(timecreated);
            row.setCacherev(0L);
            return row;
        }

        /** The row, its context, format options and sections, and the cache revision. */
        private void writeCourse() {
            courseId = dsl.insertInto(MDL_COURSE).set(r).returningResult(MDL_COURSE.ID).fetchOne().value1();
            CategoryTree.ContextRef parent = chunk.tree().context(dsl, category);
            contextId = Contexts.create(dsl, ContextLevel.COURSE, courseId, parent.path());
            contextPath = parent.path() + "/" + contextId;
            formatOptions.forEach((name, value) -> CourseStructure.insertFormatOption(dsl, courseId, format, name,
                    value));
            for (Map.Entry<Long, CourseSection> s : sections.entrySet()) {
                CourseSection section = s.getValue();
                CourseStructure.insertSection(dsl, schema, courseId, s.getKey(),
                        section == null || section.name() == null || section.name().isEmpty() ? null : section.name(),
                        section == null ? null : section.summary(), now);
            }
            CourseStructure.bumpCacheRev(dsl, courseId, now);
        }

        /** The template's content copied in, with a manual enrolment method when it had none; the methods added. */
        private List<String> copyTemplate() {
            copied = templates.copyInto(dsl, template, courseId, contextId, contextPath, now, dryRun);
            List<String> enrolments = copied.enrolments();
            if (copied.enrolments().stream().noneMatch(e -> e.startsWith("manual"))) {
                MdlEnrolRecord manual = enrols.defaults("manual");
                if (!dryRun) {
                    EnrolInstances.insert(dsl, courseId, manual, now);
                }
                enrolments = new ArrayList<>(enrolments);
                enrolments.add(EnrolInstances.describe(manual));
            }
            return enrolments;
        }
    }

    /**
     * A plain new course handed to the chunk's gathered writes: its enrolment instances (the defaults, then the
     * self and guest columns) worked out in memory, the rows written later with the other new courses.
     */
    private Applied gather(DSLContext dsl, CourseCommand c, int index, Chunk chunk, long now,
                           BatchedCourseWrites gathered, CategoryTree.Category category, MdlCourseRecord r,
                           String format, Map<String, String> formatOptions, Map<Long, CourseSection> sections,
                           long lastSection, List<String> messages, List<String> created) {
        CategoryTree.ContextRef parent = chunk.tree().context(dsl, category);
        List<MdlEnrolRecord> instances = enrols.defaultInstances();
        List<String> enrolments = instances.stream().map(EnrolInstances::describe).toList();
        List<String> enrolChanges = new ArrayList<>();
        boolean dirty = false;
        for (String plugin : List.of("self", "guest")) {
            Boolean on = "self".equals(plugin) ? c.self() : c.guest();
            if (on != null) {
                EnrolInstances.Planned planned = enrols.plan(plugin, on, instances);
                if (planned != null) {
                    enrolChanges.add(planned.change());
                    dirty |= planned.dirty();
                }
            }
        }
        r.setId(-(index + 1L));
        chunk.lookup().put(r);
        gathered.create(new BatchedCourseWrites.NewCourse(r, parent.path(), format, formatOptions, sections,
                instances, dirty, now));
        List<FieldChange> changes = createdChanges(c, r, chunk.tree().pathOf(category), format, sections,
                lastSection, enrolments, enrolChanges);
        return new Applied(Outcome.CREATED, entity(r), changes, messages, true, created, true);
    }

    /** The changes reported for a new course. */
    private List<FieldChange> createdChanges(CourseCommand c, MdlCourseRecord r, String categoryPath, String format,
                                             Map<Long, CourseSection> sections, long lastSection,
                                             List<String> enrolments, List<String> enrolChanges) {
        List<FieldChange> changes = new ArrayList<>();
        changes.add(new FieldChange("shortname", null, r.getShortname()));
        changes.add(new FieldChange("fullname", null, r.getFullname()));
        if (!r.getIdnumber().isEmpty()) {
            changes.add(new FieldChange("idnumber", null, r.getIdnumber()));
        }
        changes.add(new FieldChange("category", null, categoryPath));
        changes.add(new FieldChange("format", null, format));
        for (Given g : given(c)) {
            if (!List.of("shortname", "fullname", "idnumber", "format").contains(g.name())
                    && !"".equals(g.value())) {
                changes.add(new FieldChange(g.name(), null, String.valueOf(r.get(g.field()))));
            }
        }
        if (given(c).stream().noneMatch(g -> "startdate".equals(g.name()))) {
            changes.add(new FieldChange("startdate", null, String.valueOf(r.getStartdate())));
        }
        changes.add(new FieldChange("sections", null, lastSection == 0 ? "0" : "0-" + lastSection));
        sections.forEach((number, section) -> {
            if (section != null && section.name() != null && !section.name().isEmpty()) {
                changes.add(new FieldChange("topic" + number + ".name", null, section.name()));
            }
            if (section != null && section.summary() != null && !section.summary().isEmpty()) {
                changes.add(new FieldChange("topic" + number + ".summary", null, section.summary()));
            }
        });
        changes.add(new FieldChange("enrolments", null, String.join(", ", effective(enrolments, enrolChanges))));
        return changes;
    }

    /** The columns of a new course that the line does not give: Moodle's course defaults. */
    private MdlCourseRecord newCourseDefaults(CategoryTree.Category category, long now) {
        MdlCourseRecord r = new MdlCourseRecord();
        r.setSummary("");
        set(r, MDL_COURSE.SUMMARYFORMAT, CourseStructure.FORMAT_HTML);
        set(r, MDL_COURSE.SHOWGRADES, settings.courseDefault("showgrades", 1));
        set(r, MDL_COURSE.NEWSITEMS, settings.courseDefault("newsitems", 5));
        r.setStartdate(CourseStructure.midnight(now, settings));
        r.setEnddate(0L);
        set(r, MDL_COURSE.RELATIVEDATESMODE, 0);
        r.setMarker(0L);
        r.setMaxbytes(settings.courseDefault("maxbytes", 0));
        set(r, MDL_COURSE.LEGACYFILES, 0);
        set(r, MDL_COURSE.SHOWREPORTS, settings.courseDefault("showreports", 0));
        set(r, MDL_COURSE.VISIBLE, category.visible == 1 ? settings.courseDefault("visible", 1) : 0);
        set(r, MDL_COURSE.GROUPMODE, settings.courseDefault("groupmode", 0));
        set(r, MDL_COURSE.GROUPMODEFORCE, settings.courseDefault("groupmodeforce", 0));
        r.setDefaultgroupingid(0L);
        r.setLang(settings.plugin("moodlecourse", "lang", ""));
        r.setCalendartype("");
        r.setTheme("");
        set(r, MDL_COURSE.REQUESTED, 0);
        set(r, MDL_COURSE.ENABLECOMPLETION, settings.siteCompletion()
                ? settings.courseDefault("enablecompletion", 1) : 0);
        set(r, MDL_COURSE.COMPLETIONNOTIFY, 0);
        set(r, MDL_COURSE.SHOWACTIVITYDATES, settings.courseDefault("showactivitydates", 1));
        return r;
    }

    /** Sections 0..n of a new course, with the names and summaries the line (or the template) gives. */
    private Map<Long, CourseSection> sectionsOfNewCourse(CourseCommand c, MdlCourseRecord template, DSLContext dsl) {
        Map<Long, CourseSection> sections = new java.util.TreeMap<>();
        long highestNamed = c.sections().keySet().stream().mapToLong(Integer::longValue).max().orElse(-1);
        long n;
        if (c.numsections() != null) {
            n = c.numsections();
        } else if (template != null) {
            n = -1;
        } else if (highestNamed >= 0) {
            n = highestNamed;
        } else {
            n = settings.courseDefault("numsections", 4);
        }
        if (template != null && n < 0) {
            templates.sectionsOf(dsl, template).forEach((number, s) -> sections.put(number, s));
        } else if (template != null) {
            Map<Long, CourseSection> fromTemplate = templates.sectionsOf(dsl, template);
            for (long i = 0; i <= n; i++) {
                sections.put(i, fromTemplate.get(i));
            }
        } else {
            for (long i = 0; i <= n; i++) {
                sections.put(i, null);
            }
        }
        sections.putIfAbsent(0L, null);
        c.sections().forEach((number, s) -> sections.merge(number.longValue(), s, CourseLineWriter::overlay));
        long highest = sections.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        if (highest > settings.maxSections()) {
            throw new LineRejected(c.numsections() != null ? "numsections" : "topic" + highest, "section " + highest
                    + " is above the site's maximum number of sections (" + settings.maxSections() + ")");
        }
        for (long i = 0; i <= highest; i++) {
            sections.putIfAbsent(i, null);
        }
        return sections;
    }

    /** A section of the line over one of the template: what the line gives wins. */
    private static CourseSection overlay(CourseSection under, CourseSection over) {
        if (under == null) {
            return over;
        }
        return new CourseSection(over.name() != null ? over.name() : under.name(),
                over.summary() != null ? over.summary() : under.summary());
    }

    // ------------------------------------------------------------------------------------------------- update

    private Applied update(DSLContext dsl, CourseCommand c, MdlCourseRecord stored, Chunk chunk, long now,
                           boolean dryRun) {
        return new CourseUpdate(dsl, c, stored, chunk, now, dryRun).apply();
    }

    /**
     * The update of one existing course, step by step: checks, the wanted course row, its category, format options
     * and sections worked out first; then the row, the format options, the sections, the cache revision and the
     * enrolment methods written, each step adding what it changed.
     */
    private final class CourseUpdate {
        private final DSLContext dsl;
        private final CourseCommand line;
        private final MdlCourseRecord stored;
        private final Chunk chunk;
        private final long now;
        private final boolean dryRun;
        private final long courseId;
        private final List<String> messages = new ArrayList<>();
        private final List<FieldChange> changes = new ArrayList<>();
        private final List<String> createdCategories = new ArrayList<>();
        /** True once something the course cache holds changed (the row, a format option, a section). */
        private boolean rebuild;

        CourseUpdate(DSLContext dsl, CourseCommand c, MdlCourseRecord stored, Chunk chunk, long now, boolean dryRun) {
            this.dsl = dsl;
            this.stored = stored;
            this.chunk = chunk;
            this.now = now;
            this.dryRun = dryRun;
            this.courseId = stored.getId();
            if (c.template() != null) {
                messages.add("template " + c.template() + " ignored: only new courses are copied from a template");
            }
            this.line = options.resetMissingColumns() ? withResetDefaults(c, now) : c;
        }

        Applied apply() {
            chunk.teachers().check(line.teachers());
            String format = checkedFormat();
            MdlCourseRecord wanted = wantedRow(format);
            CategoryTree.Category target = moveCategory(wanted);

            // format options, sections and the weeks end date are worked out before the course row is written
            Map<String, String> storedOptions = courseId < 0 ? Map.of()
                    : chunk.details().formatOptions(dsl, courseId, format);
            Map<String, String> wantedOptions = CourseStructure.formatOptionDefaults(format, settings);
            wantedOptions.putAll(storedOptions);
            givenFormatOptions(line, wantedOptions);
            Map<Long, MdlCourseSectionsRecord> sections = courseId < 0 ? Map.of()
                    : chunk.details().sections(dsl, courseId);
            SectionPlan plan = SectionPlan.of(line, sections, stored.getMarker(), settings.maxSections());
            if (line.marker() == null && plan.marker() != null) {
                // Moodle's move_section_to keeps the highlight on the section it marked
                wanted.setMarker(plan.marker());
            }
            if ("weeks".equals(format) && "1".equals(wantedOptions.get("automaticenddate"))) {
                wanted.setEnddate(CourseStructure.weeksEndDate(wanted.getStartdate(), plan.last(), settings));
            }
            checkDates(wanted.getStartdate(), wanted.getEnddate());

            Contexts.ContextRef context = courseId < 0 ? null : chunk.details().context(dsl, courseId);
            String contextPath = writeRow(wanted, target, context);
            writeFormatOptions(format, storedOptions, wantedOptions);
            moveSections(plan, sections);
            writeNewSections(plan);
            writeSectionChanges(plan, sections);
            if (rebuild && !dryRun) {
                CourseStructure.bumpCacheRev(dsl, courseId, now);
            }
            writeEnrolmentMethods(context, contextPath);

            MdlCourseRecord after = wanted.copy();
            after.setId(courseId);
            chunk.lookup().put(after);
            Outcome outcome = changes.isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED;
            return new Applied(outcome, entity(after), changes, messages, target != null, createdCategories,
                    rebuild || !changes.isEmpty() || !createdCategories.isEmpty());
        }

        /** Refuses a shortname or idnumber taken, an unknown format, a default grouping of another course. */
        private String checkedFormat() {
            if (line.shortname() != null && !line.shortname().equals(stored.getShortname())) {
                checkShortnameFree(line.shortname(), courseId, chunk.lookup());
            }
            if (line.idnumber() != null && !line.idnumber().equals(stored.getIdnumber())) {
                checkIdnumberFree(line.idnumber(), courseId, chunk.lookup());
            }
            String format = stored.getFormat();
            if (line.format() != null && !line.format().equals(stored.getFormat())) {
                checkFormat(line.format(), "format");
                format = line.format();
            }
            if (line.defaultgroupingid() != null && line.defaultgroupingid() != 0
                    && !line.defaultgroupingid().equals(stored.getDefaultgroupingid())
                    && (courseId < 0 || !dsl.fetchExists(MDL_GROUPINGS, MDL_GROUPINGS.ID.eq(line.defaultgroupingid())
                    .and(MDL_GROUPINGS.COURSEID.eq(courseId))))) {
                throw new LineRejected("defaultgroupingid", "no grouping " + line.defaultgroupingid()
                        + " in this course");
            }
            return format;
        }

        /** The course row as the line wants it (category aside), with the fields Moodle derives. */
        private MdlCourseRecord wantedRow(String format) {
            MdlCourseRecord wanted = stored.copy();
            wanted.setId(stored.getId());
            applyGiven(wanted, line, now);
            if (line.visible() != null && line.visible() != stored.getVisible().intValue()) {
                set(wanted, MDL_COURSE.VISIBLEOLD, line.visible());
            }
            if (!format.equals(stored.getFormat()) && !CourseStructure.supportsNews(format)
                    && line.newsitems() == null) {
                set(wanted, MDL_COURSE.NEWSITEMS, 0);
            }
            if (wanted.getEnablecompletion().intValue() == 0) {
                wanted.setShowcompletionconditions(null);
            }
            return wanted;
        }

        /** The category the course moves to (created when missing), or null when it stays. */
        private CategoryTree.Category moveCategory(MdlCourseRecord wanted) {
            CategoryTree.Category target = null;
            if (line.category() != null) {
                CategoryTree.Category cat;
                if (options.protectCategory()) {
                    cat = null;
                    messages.add("category kept: categories of existing courses are protected");
                } else {
                    cat = categories.resolve(dsl, chunk.tree(), line.category(), line.categoryIdnumber(), now,
                            dryRun, createdCategories);
                }
                if (cat != null && cat.id != stored.getCategory()) {
                    target = cat;
                    wanted.setCategory(cat.id);
                    if (line.visible() == null && cat.visible == 0) {
                        set(wanted, MDL_COURSE.VISIBLE, 0);
                    }
                }
            }
            createdCategories.forEach(p -> messages.add("category " + p + " created"));
            return target;
        }

        /** Writes the changed fields of the course row and moves its context with its category; its context path. */
        private String writeRow(MdlCourseRecord wanted, CategoryTree.Category target, Contexts.ContextRef context) {
            Map<Field<?>, Object> set = new LinkedHashMap<>();
            for (Field<?> f : MDL_COURSE.fields()) {
                if (f.equals(MDL_COURSE.ID) || f.equals(MDL_COURSE.TIMEMODIFIED) || f.equals(MDL_COURSE.CACHEREV)
                        || f.equals(MDL_COURSE.TIMECREATED) || f.equals(MDL_COURSE.SORTORDER)) {
                    continue;
                }
                Object before = stored.get(f);
                Object after = wanted.get(f);
                if (!Objects.equals(before, after)) {
                    set.put(f, after);
                    String shown = f.equals(MDL_COURSE.CATEGORY) ? chunk.tree().pathOf(target)
                            : String.valueOf(after);
                    String old = f.equals(MDL_COURSE.CATEGORY)
                            ? pathOrId(chunk.tree(), stored.getCategory()) : before == null ? null : before.toString();
                    changes.add(new FieldChange(f.getName(), old, shown));
                }
            }
            rebuild = !set.isEmpty();
            String contextPath = context == null ? null : context.path();
            if (!dryRun && !set.isEmpty()) {
                set.put(MDL_COURSE.TIMEMODIFIED, now);
                dsl.update(MDL_COURSE).set(set).where(MDL_COURSE.ID.eq(courseId)).execute();
                if (target != null && context != null) {
                    contextPath = CourseContexts.move(dsl, settings.site(), context.id(), context.path(),
                            chunk.tree().context(dsl, target).path(), now);
                }
            }
            return contextPath;
        }

        private void writeFormatOptions(String format, Map<String, String> storedOptions,
                                        Map<String, String> wantedOptions) {
            for (Map.Entry<String, String> o : wantedOptions.entrySet()) {
                String before = storedOptions.get(o.getKey());
                if (!storedOptions.containsKey(o.getKey())) {
                    if (!dryRun) {
                        CourseStructure.insertFormatOption(dsl, courseId, format, o.getKey(), o.getValue());
                    }
                    if (!format.equals(stored.getFormat()) || line.hiddensections() != null
                            || line.coursedisplay() != null) {
                        changes.add(new FieldChange(o.getKey(), null, o.getValue()));
                    }
                    rebuild = true;
                } else if (!Objects.equals(before, o.getValue())) {
                    if (!dryRun) {
                        CourseStructure.updateFormatOption(dsl, courseId, format, o.getKey(), o.getValue());
                    }
                    changes.add(new FieldChange(o.getKey(), before, o.getValue()));
                    rebuild = true;
                }
            }
        }

        /** Sections (delegated ones) that new normal sections push to higher numbers, as Moodle moves them. */
        private void moveSections(SectionPlan plan, Map<Long, MdlCourseSectionsRecord> sections) {
            if (plan.moves().isEmpty()) {
                return;
            }
            Map<Long, Long> numbers = new LinkedHashMap<>();
            for (Map.Entry<Long, Long> m : plan.moves().entrySet()) {
                MdlCourseSectionsRecord row = sections.get(m.getKey());
                numbers.put(row.getId(), m.getValue());
                changes.add(new FieldChange("section" + m.getKey() + ".number", m.getKey().toString(),
                        m.getValue().toString()));
            }
            if (!dryRun) {
                CourseStructure.renumberSections(dsl, numbers);
            }
            rebuild = true;
        }

        private void writeNewSections(SectionPlan plan) {
            for (Map.Entry<Long, CourseSection> s : plan.create().entrySet()) {
                CourseSection section = s.getValue();
                if (!dryRun) {
                    CourseStructure.insertSection(dsl, schema, courseId, s.getKey(),
                            section == null || section.name() == null || section.name().isEmpty() ? null
                                    : section.name(),
                            section == null ? null : section.summary(), now);
                }
                changes.add(new FieldChange("section" + s.getKey(), null, section == null || section.name() == null
                        ? "(new)" : section.name()));
                rebuild = true;
            }
        }

        private void writeSectionChanges(SectionPlan plan, Map<Long, MdlCourseSectionsRecord> sections) {
            for (Map.Entry<Long, CourseSection> s : plan.update().entrySet()) {
                MdlCourseSectionsRecord current = sections.get(s.getKey());
                CourseSection section = s.getValue();
                var u = MDL_COURSE_SECTIONS;
                Map<Field<?>, Object> sectionSet = new LinkedHashMap<>();
                if (section.name() != null) {
                    String name = section.name().isEmpty() ? null : section.name();
                    if (!Objects.equals(name, current.getName())) {
                        sectionSet.put(u.NAME, name);
                        changes.add(new FieldChange("topic" + s.getKey() + ".name", current.getName(), name));
                    }
                }
                if (section.summary() != null && !section.summary().equals(current.getSummary())) {
                    sectionSet.put(u.SUMMARY, section.summary());
                    changes.add(new FieldChange("topic" + s.getKey() + ".summary", current.getSummary(),
                            section.summary()));
                }
                if (!sectionSet.isEmpty()) {
                    sectionSet.put(u.TIMEMODIFIED, now);
                    if (!dryRun) {
                        dsl.update(u).set(sectionSet).where(u.ID.eq(current.getId())).execute();
                    }
                    rebuild = true;
                }
            }
        }

        /** The self and guest enrolment methods and the teachers of the line. */
        private void writeEnrolmentMethods(Contexts.ContextRef context, String contextPath) {
            List<MdlEnrolRecord> instances = courseId < 0 ? List.of() : chunk.details().instances(dsl, courseId);
            for (String change : selfAndGuest(dsl, line, courseId, contextPath, instances, now, dryRun)) {
                changes.add(new FieldChange(change.startsWith("self") ? "self" : "guest", null, change));
            }
            changes.addAll(chunk.teachers().apply(dsl, courseId, context == null ? 0 : context.id(), line.teachers(),
                    now, dryRun));
        }
    }

    /**
     * The line with every course column it does not give set to what a new course would get (tool_sync's bug #5,
     * on request only). Identity, category, visibility (tool_sync kept it too), sections, enrolments and teachers
     * are never reset.
     */
    private CourseCommand withResetDefaults(CourseCommand c, long now) {
        CourseCommand.Builder b = c.toBuilder();
        if (c.idnumber() == null) {
            b.idnumber("");
        }
        if (c.summary() == null) {
            b.summary("");
        }
        if (c.summaryformat() == null) {
            b.summaryformat((int) CourseStructure.FORMAT_HTML);
        }
        if (c.startdate() == null) {
            b.startdate(MoodleDate.epoch(CourseStructure.midnight(now, settings)));
        }
        if (c.enddate() == null) {
            long start = c.startdate() == null ? CourseStructure.midnight(now, settings) : seconds(c.startdate());
            b.enddate(MoodleDate.epoch(settings.courseDefault("courseenddateenabled", 1) == 1
                    ? start + settings.courseDefault("courseduration", 31_536_000L) : 0));
        }
        if (c.lang() == null) {
            b.lang(settings.plugin("moodlecourse", "lang", ""));
        }
        if (c.theme() == null) {
            b.theme("");
        }
        if (c.calendartype() == null) {
            b.calendartype("");
        }
        if (c.showgrades() == null) {
            b.showgrades((int) settings.courseDefault("showgrades", 1));
        }
        if (c.newsitems() == null) {
            b.newsitems((int) settings.courseDefault("newsitems", 5));
        }
        if (c.marker() == null) {
            b.marker(0L);
        }
        if (c.maxbytes() == null) {
            b.maxbytes(settings.courseDefault("maxbytes", 0));
        }
        if (c.legacyfiles() == null) {
            b.legacyfiles(0);
        }
        if (c.showreports() == null) {
            b.showreports((int) settings.courseDefault("showreports", 0));
        }
        if (c.groupmode() == null) {
            b.groupmode((int) settings.courseDefault("groupmode", 0));
        }
        if (c.groupmodeforce() == null) {
            b.groupmodeforce((int) settings.courseDefault("groupmodeforce", 0));
        }
        if (c.defaultgroupingid() == null) {
            b.defaultgroupingid(0L);
        }
        if (c.enablecompletion() == null) {
            b.enablecompletion(settings.siteCompletion() ? (int) settings.courseDefault("enablecompletion", 1) : 0);
        }
        if (c.showactivitydates() == null) {
            b.showactivitydates((int) settings.courseDefault("showactivitydates", 1));
        }
        // as in tool_sync, visibility is the one column an update keeps
        return b.build();
    }

    // ------------------------------------------------------------------------------------------------- shared

    /** One course column a line gives: its file name, its field, its value. */
    private record Given(String name, Field<?> field, Object value) {
    }

    /** The course columns a line gives (non-null), in file-column naming. */
    private List<Given> given(CourseCommand c) {
        List<Given> g = new ArrayList<>();
        add(g, "shortname", MDL_COURSE.SHORTNAME, c.shortname());
        add(g, "fullname", MDL_COURSE.FULLNAME, c.fullname());
        add(g, "idnumber", MDL_COURSE.IDNUMBER, c.idnumber());
        add(g, "format", MDL_COURSE.FORMAT, c.format());
        add(g, "summary", MDL_COURSE.SUMMARY, c.summary());
        add(g, "summaryformat", MDL_COURSE.SUMMARYFORMAT, c.summaryformat());
        add(g, "startdate", MDL_COURSE.STARTDATE, c.startdate() == null ? null : seconds(c.startdate()));
        add(g, "enddate", MDL_COURSE.ENDDATE, c.enddate() == null ? null : seconds(c.enddate()));
        add(g, "visible", MDL_COURSE.VISIBLE, c.visible());
        add(g, "lang", MDL_COURSE.LANG, c.lang());
        add(g, "theme", MDL_COURSE.THEME, c.theme());
        add(g, "calendartype", MDL_COURSE.CALENDARTYPE, c.calendartype());
        add(g, "showgrades", MDL_COURSE.SHOWGRADES, c.showgrades());
        add(g, "newsitems", MDL_COURSE.NEWSITEMS, c.newsitems());
        add(g, "marker", MDL_COURSE.MARKER, c.marker());
        add(g, "maxbytes", MDL_COURSE.MAXBYTES, c.maxbytes());
        add(g, "legacyfiles", MDL_COURSE.LEGACYFILES, c.legacyfiles());
        add(g, "showreports", MDL_COURSE.SHOWREPORTS, c.showreports());
        add(g, "groupmode", MDL_COURSE.GROUPMODE, c.groupmode());
        add(g, "groupmodeforce", MDL_COURSE.GROUPMODEFORCE, c.groupmodeforce());
        add(g, "defaultgroupingid", MDL_COURSE.DEFAULTGROUPINGID, c.defaultgroupingid());
        add(g, "enablecompletion", MDL_COURSE.ENABLECOMPLETION, c.enablecompletion());
        add(g, "showcompletionconditions", MDL_COURSE.SHOWCOMPLETIONCONDITIONS, c.showcompletionconditions());
        add(g, "showactivitydates", MDL_COURSE.SHOWACTIVITYDATES, c.showactivitydates());
        return g;
    }

    private static void add(List<Given> g, String name, Field<?> field, Object value) {
        if (value != null) {
            g.add(new Given(name, field, value));
        }
    }

    /** Sets the columns a line gives on a course record. */
    private void applyGiven(MdlCourseRecord r, CourseCommand c, long now) {
        for (Given g : given(c)) {
            set(r, g.field(), g.value());
        }
    }

    private static void givenFormatOptions(CourseCommand c, Map<String, String> options) {
        if (c.hiddensections() != null && options.containsKey("hiddensections")) {
            options.put("hiddensections", c.hiddensections().toString());
        }
        if (c.coursedisplay() != null && options.containsKey("coursedisplay")) {
            options.put("coursedisplay", c.coursedisplay().toString());
        }
    }

    private List<String> selfAndGuest(DSLContext dsl, CourseCommand c, long courseId, String contextPath,
                                      List<MdlEnrolRecord> instances, long now, boolean dryRun) {
        List<String> changes = new ArrayList<>();
        if (c.self() != null) {
            String change = enrols.ensure(dsl, courseId, contextPath, "self", c.self(), instances, now, dryRun);
            if (change != null) {
                changes.add(change);
            }
        }
        if (c.guest() != null) {
            String change = enrols.ensure(dsl, courseId, contextPath, "guest", c.guest(), instances, now, dryRun);
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** In a dry run: the instances a new course would have, for self/guest decisions. */
    private static List<MdlEnrolRecord> plannedInstances(List<String> described) {
        List<MdlEnrolRecord> planned = new ArrayList<>();
        for (String d : described) {
            MdlEnrolRecord e = new MdlEnrolRecord();
            e.setEnrol(d.split(" ")[0]);
            e.setStatus(d.endsWith("(disabled)") ? 1L : 0L);
            planned.add(e);
        }
        return planned;
    }

    /** The instances of a new course after the self/guest columns: {@code manual, guest (disabled), self}. */
    private static List<String> effective(List<String> added, List<String> changed) {
        List<String> result = new ArrayList<>();
        for (String a : added) {
            String plugin = a.split(" ")[0];
            String state = a;
            for (String ch : changed) {
                if (ch.startsWith(plugin + " ")) {
                    state = ch.contains("disabled") ? plugin + " (disabled)" : plugin;
                }
            }
            result.add(state);
        }
        for (String ch : changed) {
            String plugin = ch.split(" ")[0];
            if (added.stream().noneMatch(a -> a.startsWith(plugin + " ") || a.equals(plugin))) {
                result.add(ch.contains("disabled") ? plugin + " (disabled)" : plugin);
            }
        }
        return result;
    }

    /** Refuses a fullname or section name longer than the site's branch holds (5.0 and 5.1 widened them). */
    private void checkLengths(CourseCommand c) {
        schema.requireFits(MDL_COURSE.FULLNAME, c.fullname(), "fullname");
        c.sections().forEach((number, section) -> schema.requireFits(MDL_COURSE_SECTIONS.NAME, section.name(),
                "topic" + number));
    }

    private void checkShortnameFree(String shortname, Long self, CourseLookup lookup) {
        MdlCourseRecord other = lookup.byShortname(shortname);
        if (other != null && !other.getId().equals(self)) {
            throw new LineRejected("shortname", "shortname collision: " + shortname + " is the shortname of course "
                    + other.getId() + (other.getIdnumber().isEmpty() ? "" : " (idnumber " + other.getIdnumber() + ")"));
        }
    }

    private void checkIdnumberFree(String idnumber, Long self, CourseLookup lookup) {
        if (idnumber == null || idnumber.isEmpty()) {
            return;
        }
        for (MdlCourseRecord other : lookup.byIdnumber(idnumber)) {
            if (!other.getId().equals(self)) {
                throw new LineRejected("idnumber", "idnumber collision: " + idnumber + " is the idnumber of course "
                        + other.getShortname());
            }
        }
    }

    private void checkFormat(String format, String column) {
        if (!CourseSettings.KNOWN_FORMATS.contains(format)) {
            throw new LineRejected(column, "course format " + format + " is not supported (topics, weeks, social or"
                    + " singleactivity: moodle-sync knows their options)");
        }
        if (!settings.installedFormats().contains(format)) {
            throw new LineRejected(column, "course format " + format + " is not installed on this site");
        }
    }

    private static void checkDates(long start, long end) {
        if (end != 0 && end < start) {
            throw new LineRejected("enddate", "the end date is before the start date");
        }
    }

    /** A date as Unix time: local dates in the site's time zone. */
    long seconds(MoodleDate date) {
        if (date instanceof MoodleDate.Epoch e) {
            return e.seconds();
        }
        return ((MoodleDate.Local) date).dateTime().atZone(settings.zone()).toEpochSecond();
    }

    private static String pathOrId(CategoryTree tree, long id) {
        CategoryTree.Category cat = tree.byId(id);
        return cat == null ? Long.toString(id) : tree.pathOf(cat);
    }

    @SuppressWarnings("unchecked")
    private static void set(MdlCourseRecord r, Field<?> field, Object value) {
        r.set((Field<Object>) field, value == null ? null : field.getDataType().convert(value));
    }

    static String entity(MdlCourseRecord course) {
        return "course " + course.getShortname();
    }
}
