package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_BLOCK_INSTANCES;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_MODULES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_GRADE_ITEMS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPINGS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_MODULES;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.course.CourseSection;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlBlockInstancesRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlCourseSectionsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;

/**
 * A new course from a template course (tool_sync §4.3), for what lives in core tables: the course settings, the
 * format options, the sections (names, summaries, visibility), the enrolment instances and the course's blocks.
 * Activities, question banks, files, the gradebook and groups can only be copied by Moodle's backup and restore:
 * they are not copied, and the line's result says which of them the template has.
 */
final class Templates {

    /** What a copy did: the instances it made, a summary, and what it left out. */
    record Copied(List<String> enrolments, String summary, List<String> notCopied) {
    }

    private final CourseSettings settings;
    private final SiteSchema schema;

    Templates(CourseSettings settings) {
        this.settings = settings;
        this.schema = SiteSchema.of(settings.site());
    }

    /** The template course: by shortname, else by idnumber. */
    MdlCourseRecord find(CourseLookup lookup, String template) {
        MdlCourseRecord t = lookup.byShortname(template);
        if (t == null) {
            List<MdlCourseRecord> byIdnumber = lookup.byIdnumber(template);
            if (byIdnumber.size() > 1) {
                throw new LineRejected("template", byIdnumber.size() + " courses have idnumber " + template);
            }
            t = byIdnumber.isEmpty() ? null : byIdnumber.get(0);
        }
        if (t == null || t.getId() < 0) {
            throw new LineRejected("template", "no template course " + template + " (by shortname or idnumber)"
                    + (t != null ? ": it is only planned in this dry run" : ""));
        }
        if (t.getId() == settings.siteCourseId()) {
            throw new LineRejected("template", "the front page course cannot be a template");
        }
        return t;
    }

    /** The template's course settings for a new course (identity, category and times are the caller's). */
    MdlCourseRecord settingsOf(MdlCourseRecord template) {
        MdlCourseRecord r = template.copy();
        // copy() leaves the id unset (not changed), so the insert lets the database give one
        r.setOriginalcourseid(template.getId());
        r.setCacherev(0L);
        r.setRequested((short) 0);
        return schema.writable(r); // a column the site lacks is not copied (its value is null anyway)
    }

    /** The template's options of a format (none when the template has another format). */
    Map<String, String> formatOptionsOf(DSLContext dsl, MdlCourseRecord template, String format) {
        if (!format.equals(template.getFormat())) {
            return Map.of();
        }
        Map<String, String> options = new LinkedHashMap<>(CourseStructure.formatOptions(dsl, template.getId(),
                format));
        options.keySet().retainAll(CourseStructure.formatOptionDefaults(format, settings).keySet());
        return options;
    }

    /** The template's own sections (not those delegated to activities) by number, with names and summaries. */
    Map<Long, CourseSection> sectionsOf(DSLContext dsl, MdlCourseRecord template) {
        Map<Long, CourseSection> sections = new TreeMap<>();
        for (MdlCourseSectionsRecord s : ownSections(dsl, template)) {
            sections.put(s.getSection(), new CourseSection(s.getName(), s.getSummary()));
        }
        return sections;
    }

    private List<MdlCourseSectionsRecord> ownSections(DSLContext dsl, MdlCourseRecord template) {
        // delegated sections (component set) exist from Moodle 4.4 on
        return CourseStructure.siteRows(dsl, MDL_COURSE_SECTIONS, MDL_COURSE_SECTIONS.COURSE.eq(template.getId())
                .and(schema.has(MDL_COURSE_SECTIONS.COMPONENT) ? MDL_COURSE_SECTIONS.COMPONENT.isNull()
                        : DSL.noCondition()), MDL_COURSE_SECTIONS.SECTION);
    }

    /**
     * Copies what follows the course row: section visibility and summary format, enrolment instances, blocks. The
     * new course's sections exist already. In a dry run only the report is made.
     */
    Copied copyInto(DSLContext dsl, MdlCourseRecord template, long courseId, long contextId, String contextPath,
                    long now, boolean dryRun) {
        List<String> copied = new ArrayList<>();
        List<MdlCourseSectionsRecord> sections = ownSections(dsl, template);
        if (!dryRun) {
            for (MdlCourseSectionsRecord s : sections) {
                dsl.update(MDL_COURSE_SECTIONS)
                        .set(MDL_COURSE_SECTIONS.VISIBLE, s.getVisible())
                        .set(MDL_COURSE_SECTIONS.SUMMARYFORMAT, s.getSummaryformat())
                        .where(MDL_COURSE_SECTIONS.COURSE.eq(courseId))
                        .and(MDL_COURSE_SECTIONS.SECTION.eq(s.getSection()))
                        .execute();
            }
        }
        copied.add("settings, format options, " + sections.size() + " sections");

        List<String> enrolments = new ArrayList<>();
        for (MdlEnrolRecord e : EnrolInstances.of(dsl, template.getId())) {
            MdlEnrolRecord copy = e.copy();
            // copy() leaves the id unset (not changed)
            if (!dryRun) {
                EnrolInstances.insert(dsl, courseId, copy, now);
            }
            enrolments.add(EnrolInstances.describe(copy));
        }
        copied.add(enrolments.size() + " enrolment methods");

        Contexts.ContextRef templateContext = Contexts.find(dsl, ContextLevel.COURSE, template.getId());
        List<MdlBlockInstancesRecord> blocks = templateContext == null ? List.of()
                : dsl.selectFrom(MDL_BLOCK_INSTANCES)
                .where(MDL_BLOCK_INSTANCES.PARENTCONTEXTID.eq(templateContext.id()))
                .orderBy(MDL_BLOCK_INSTANCES.ID).fetch();
        if (!dryRun) {
            for (MdlBlockInstancesRecord b : blocks) {
                MdlBlockInstancesRecord copy = b.copy();
                // copy() leaves the id unset (not changed)
                copy.setParentcontextid(contextId);
                copy.setTimecreated(now);
                copy.setTimemodified(now);
                long blockId = dsl.insertInto(MDL_BLOCK_INSTANCES).set(copy)
                        .returningResult(MDL_BLOCK_INSTANCES.ID).fetchOne().value1();
                Contexts.create(dsl, ContextLevel.BLOCK, blockId, contextPath);
            }
        }
        copied.add(blocks.size() + " blocks");
        return new Copied(enrolments, String.join(", ", copied), notCopied(dsl, template, templateContext));
    }

    /** What the template holds that only Moodle's backup and restore can copy. */
    private List<String> notCopied(DSLContext dsl, MdlCourseRecord template, Contexts.ContextRef context) {
        List<String> notes = new ArrayList<>();
        Map<String, Integer> modules = new TreeMap<>();
        dsl.select(MDL_MODULES.NAME, DSL.count()).from(MDL_COURSE_MODULES)
                .join(MDL_MODULES).on(MDL_MODULES.ID.eq(MDL_COURSE_MODULES.MODULE))
                .where(MDL_COURSE_MODULES.COURSE.eq(template.getId()))
                .groupBy(MDL_MODULES.NAME)
                .forEach(r -> modules.put(r.value1(), r.value2()));
        int unknownModules = dsl.fetchCount(MDL_COURSE_MODULES, MDL_COURSE_MODULES.COURSE.eq(template.getId()))
                - modules.values().stream().mapToInt(Integer::intValue).sum();
        if (unknownModules > 0) {
            modules.put("unknown module", unknownModules);
        }
        if (!modules.isEmpty()) {
            List<String> parts = new ArrayList<>();
            modules.forEach((name, count) -> parts.add(name + " x" + count));
            notes.add("NOT COPIED: " + modules.values().stream().mapToInt(Integer::intValue).sum()
                    + " activities (" + String.join(", ", parts) + "); copying activities needs Moodle's backup"
                    + " and restore");
        }
        int grades = dsl.fetchCount(MDL_GRADE_ITEMS, MDL_GRADE_ITEMS.COURSEID.eq(template.getId()));
        if (grades > 0) {
            notes.add("NOT COPIED: the gradebook (" + grades + " grade items)");
        }
        if (context != null) {
            int files = dsl.fetchCount(MDL_FILES, MDL_FILES.FILENAME.ne(".").and(MDL_FILES.CONTEXTID.in(
                    DSL.select(MDL_CONTEXT.ID).from(MDL_CONTEXT).where(MDL_CONTEXT.ID.eq(context.id())
                            .or(MDL_CONTEXT.PATH.like(CourseContexts.escapeLike(context.path()) + "/%", '!'))))));
            if (files > 0) {
                notes.add("NOT COPIED: " + files + " files (course summary and overview files, block and activity"
                        + " files)");
            }
        }
        int groups = dsl.fetchCount(MDL_GROUPS, MDL_GROUPS.COURSEID.eq(template.getId()));
        int groupings = dsl.fetchCount(MDL_GROUPINGS, MDL_GROUPINGS.COURSEID.eq(template.getId()));
        if (groups + groupings > 0) {
            notes.add("NOT COPIED: " + groups + " groups and " + groupings + " groupings");
        }
        if (notes.isEmpty()) {
            notes.add("the template holds no activities, files, grade items or groups: nothing was left out"
                    + " (question banks, role overrides and block positions are never copied)");
        } else {
            notes.add("question banks, role overrides and block positions are never copied");
        }
        return notes;
    }
}
