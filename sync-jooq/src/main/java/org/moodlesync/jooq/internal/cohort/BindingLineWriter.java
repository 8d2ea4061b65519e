package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_CONTEXT_LEVELS;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.cohort.BindingAction;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.cohort.CohortBindingOptions;
import org.moodlesync.api.command.cohort.RoleKey;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.KeyValues;
import org.moodlesync.jooq.internal.support.LineApplied;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCohortRecord;

/**
 * Applies one line of a cohort bindings file: the cohort sync instance of (course, cohort, role) is created,
 * updated, disabled, enabled again or deleted as Moodle's enrol_cohort plugin does it, and its enrolments are
 * brought in line at once ({@code enrol_cohort_sync} for the instance).
 */
final class BindingLineWriter {

    private final SiteConfig site;
    private final CohortBindingOptions options;
    /** The zone of wall-clock start and end times: the run's, else the site's. */
    private final ZoneId zone;
    private final CohortEnrolSync sync;

    BindingLineWriter(SiteConfig site, CohortBindingOptions options, CohortEnrolSync sync) {
        this.site = site;
        this.options = options;
        this.zone = options.timeZone() != null ? options.timeZone() : site.timeZone();
        this.sync = sync;
    }

    /**
     * A course as a binding needs it.
     *
     * @param id          course.id
     * @param shortname   for reports
     * @param category    0 for the front page course
     * @param contextPath its context's path (null when it has none)
     */
    record Course(long id, String shortname, long category, String contextPath) {
    }

    /** What the lines of one chunk share. */
    static final class Chunk {
        private final Map<String, List<Course>> courses;
        final CohortCatalog cohorts;
        private final Map<Long, String> roleNames;
        private final Map<String, Long> roleIds;
        private final Set<Long> courseRoles;
        private final Map<String, List<CohortInstance>> instances = new HashMap<>();
        private final Map<String, Long> plannedGroups = new HashMap<>();

        private Chunk(Map<String, List<Course>> courses, CohortCatalog cohorts, Map<Long, String> roleNames,
                      Set<Long> courseRoles) {
            this.courses = courses;
            this.cohorts = cohorts;
            this.roleNames = roleNames;
            this.roleIds = roleNames.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
            this.courseRoles = courseRoles;
        }

        static Chunk load(DSLContext dsl, CohortBindingOptions options, Collection<CohortBindingCommand> commands) {
            List<String> courseValues = commands.stream().map(CohortBindingCommand::course).distinct().toList();
            Map<String, List<Course>> courses = loadCourses(dsl, options.courseIdentifyBy(), courseValues);
            List<String> cohortValues = commands.stream().map(CohortBindingCommand::cohort).distinct().toList();
            CohortCatalog cohorts = switch (options.cohortIdentifyBy()) {
                case ID -> CohortCatalog.load(dsl, KeyValues.ids(cohortValues), List.of(), List.of());
                case IDNUMBER -> CohortCatalog.load(dsl, List.of(), cohortValues, List.of());
                case NAME -> CohortCatalog.load(dsl, List.of(), List.of(), cohortValues);
            };
            Map<Long, String> roles = new HashMap<>();
            dsl.select(MDL_ROLE.ID, MDL_ROLE.SHORTNAME).from(MDL_ROLE).forEach(r -> roles.put(r.value1(), r.value2()));
            Set<Long> courseRoles = Set.copyOf(dsl.select(MDL_ROLE_CONTEXT_LEVELS.ROLEID).from(MDL_ROLE_CONTEXT_LEVELS)
                    .where(MDL_ROLE_CONTEXT_LEVELS.CONTEXTLEVEL.eq((long) ContextLevel.COURSE.level()))
                    .fetch(MDL_ROLE_CONTEXT_LEVELS.ROLEID));
            Chunk chunk = new Chunk(courses, cohorts, roles, courseRoles);
            List<Long> courseIds = courses.values().stream().flatMap(List::stream).map(Course::id).distinct().toList();
            if (!courseIds.isEmpty()) {
                for (CohortInstance i : CohortInstance.load(dsl, MDL_ENROL.COURSEID.in(courseIds))) {
                    chunk.instances.computeIfAbsent(pair(i.courseId(), i.cohortId()), k -> new ArrayList<>()).add(i);
                }
            }
            return chunk;
        }

        private static Map<String, List<Course>> loadCourses(DSLContext dsl, CourseKey key, List<String> values) {
            Map<String, List<Course>> map = new HashMap<>();
            if (values.isEmpty()) {
                return map;
            }
            Field<?> field = switch (key) {
                case ID -> MDL_COURSE.ID;
                case IDNUMBER -> MDL_COURSE.IDNUMBER;
                case SHORTNAME -> MDL_COURSE.SHORTNAME;
            };
            List<Object> bound = KeyValues.bound(values, key == CourseKey.ID);
            if (bound.isEmpty()) {
                return map;
            }
            @SuppressWarnings("unchecked")
            Field<Object> f = (Field<Object>) field;
            dsl.select(MDL_COURSE.ID, MDL_COURSE.SHORTNAME, MDL_COURSE.CATEGORY, MDL_CONTEXT.PATH, field)
                    .from(MDL_COURSE)
                    .leftJoin(MDL_CONTEXT).on(MDL_CONTEXT.CONTEXTLEVEL
                            .eq(ContextLevel.COURSE.valueIn(MDL_CONTEXT.CONTEXTLEVEL))
                            .and(MDL_CONTEXT.INSTANCEID.eq(MDL_COURSE.ID)))
                    .where(f.in(bound))
                    .orderBy(MDL_COURSE.ID)
                    .fetch()
                    .forEach(r -> map.computeIfAbsent(String.valueOf(r.get(field)), k -> new ArrayList<>())
                            .add(new Course(r.get(MDL_COURSE.ID), r.get(MDL_COURSE.SHORTNAME),
                                    r.get(MDL_COURSE.CATEGORY), r.get(MDL_CONTEXT.PATH))));
            return map;
        }

        List<CohortInstance> instances(long courseId, long cohortId) {
            return instances.getOrDefault(pair(courseId, cohortId), List.of());
        }

        void replace(CohortInstance before, CohortInstance after) {
            List<CohortInstance> list = new ArrayList<>(instances(before != null ? before.courseId()
                    : after.courseId(), before != null ? before.cohortId() : after.cohortId()));
            if (before != null) {
                list.removeIf(i -> i.id() == before.id());
            }
            if (after != null) {
                list.add(after);
                list.sort((a, b) -> Long.compare(a.id(), b.id()));
            }
            CohortInstance any = before != null ? before : after;
            instances.put(pair(any.courseId(), any.cohortId()), list);
        }

        /** A group a line created, for the later lines of the chunk (in a dry run it exists nowhere else). */
        void remember(Course course, Group group) {
            if (group.created()) {
                plannedGroups.put(course.id() + ":" + group.name(), group.id());
            }
        }

        private static String pair(long courseId, long cohortId) {
            return courseId + ":" + cohortId;
        }
    }

    LineApplied apply(DSLContext dsl, CohortBindingCommand c, int index, Chunk chunk, long now, boolean dryRun) {
        Course course = course(chunk, c.course());
        MdlCohortRecord cohort = chunk.cohorts.find(options.cohortIdentifyBy(), c.cohort(), "cohort");
        if (cohort == null) {
            throw new LineRejected("cohort", "no cohort with " + options.cohortIdentifyBy().field() + " "
                    + c.cohort());
        }
        String enrol = c.enrol() == null ? CohortBindingCommand.COHORT : c.enrol();
        if (!CohortBindingCommand.COHORT.equals(enrol)) {
            throw new LineRejected("enrol", "enrolment method " + enrol + " is not supported: moodle-sync binds"
                    + " cohorts with Moodle's cohort sync (enrol = cohort)");
        }
        Long roleId = role(chunk, c);
        List<CohortInstance> matching = chunk.instances(course.id(), cohort.getId()).stream()
                .filter(i -> roleId == null || i.roleId() == roleId).toList();
        String entity = "binding " + course.shortname() + " <- " + cohort.getName()
                + (roleId == null ? " (every role)" : " (" + chunk.roleNames.get(roleId) + ")");
        return switch (c.action()) {
            case ADD -> add(dsl, c, index, course, cohort, roleId, matching, chunk, entity, now, dryRun);
            case DISABLE, RESTORE -> status(dsl, c.action(), matching, chunk, entity, now, dryRun);
            case REMOVE -> remove(dsl, matching, chunk, entity, now, dryRun);
        };
    }

    private Course course(Chunk chunk, String value) {
        List<Course> found = chunk.courses.getOrDefault(value, List.of());
        if (found.isEmpty()) {
            throw new LineRejected("course", "no course with " + options.courseIdentifyBy().field() + " " + value);
        }
        if (found.size() > 1) {
            throw new LineRejected("course", found.size() + " courses have the "
                    + options.courseIdentifyBy().field() + " " + value + ": cannot tell which one the line means");
        }
        Course course = found.get(0);
        if (course.category() == 0) {
            throw new LineRejected("course", "the front page course cannot have enrolment methods");
        }
        if (course.contextPath() == null) {
            throw new LineRejected("course", "course " + course.shortname() + " has no context");
        }
        return course;
    }

    /** The role id of the line, or null for every role ({@code *}). */
    private Long role(Chunk chunk, CohortBindingCommand c) {
        if (c.allRoles()) {
            if (c.action() == BindingAction.ADD) {
                throw new LineRejected("role", "* (every role) only goes with del, restore or fulldel");
            }
            return null;
        }
        if (c.role() == null) {
            long id = sync.settings().defaultRoleId();
            if (id == 0) {
                throw new LineRejected("role", "no role given and the site has no default cohort sync role");
            }
            return id;
        }
        Long id;
        if (options.roleIdentifyBy() == RoleKey.ID) {
            try {
                id = Long.parseLong(c.role());
            } catch (NumberFormatException e) {
                throw new LineRejected("role", "not a role id: " + c.role());
            }
            id = chunk.roleNames.containsKey(id) ? id : null;
        } else {
            id = chunk.roleIds.get(c.role());
        }
        if (id == null) {
            throw new LineRejected("role", "no role with " + options.roleIdentifyBy().field() + " " + c.role());
        }
        if (c.action() == BindingAction.ADD && !chunk.courseRoles.contains(id)) {
            throw new LineRejected("role", "role " + chunk.roleNames.get(id) + " cannot be assigned in courses");
        }
        return id;
    }

    // ---------------------------------------------------------------------------------------------------- add

    private LineApplied add(DSLContext dsl, CohortBindingCommand c, int index, Course course, MdlCohortRecord cohort,
                        long roleId, List<CohortInstance> matching, Chunk chunk, String entity, long now,
                        boolean dryRun) {
        return new BindingAdd(dsl, c, index, course, cohort, roleId, chunk, now, dryRun).apply(matching, entity);
    }

    /**
     * An {@code add} line, step by step: checks, the period and the group worked out; then a new instance inserted
     * or the existing one updated ({@code update_instance}, {@code update_status}); then the sync of the instance.
     */
    private final class BindingAdd {
        private final DSLContext dsl;
        private final CohortBindingCommand c;
        private final int index;
        private final Course course;
        private final MdlCohortRecord cohort;
        private final long roleId;
        private final Chunk chunk;
        private final long now;
        private final boolean dryRun;
        private final Effects fx = new Effects();
        private final List<FieldChange> changes = new ArrayList<>();
        /** The enrolment period the instance gets: the line's, else the instance's. */
        private long start;
        private long end;

        BindingAdd(DSLContext dsl, CohortBindingCommand c, int index, Course course, MdlCohortRecord cohort,
                   long roleId, Chunk chunk, long now, boolean dryRun) {
            this.dsl = dsl;
            this.c = c;
            this.index = index;
            this.course = course;
            this.cohort = cohort;
            this.roleId = roleId;
            this.chunk = chunk;
            this.now = now;
            this.dryRun = dryRun;
        }

        LineApplied apply(List<CohortInstance> matching, String entity) {
            checkCohortAvailable(dsl, cohort, course);
            CohortInstance inst = matching.isEmpty() ? null : matching.get(0);
            period(inst);
            Group group = group(dsl, c, course, cohort, inst, chunk, index, now, dryRun, fx);
            if (inst == null) {
                CohortInstance created = create(group);
                syncAndRemember(null, created, group);
                return new LineApplied(Outcome.CREATED, entity, changes, fx.messages());
            }
            CohortInstance after = update(inst, group);
            syncAndRemember(inst, after, group);
            Outcome outcome = !changes.isEmpty() || fx.anyChange() ? Outcome.UPDATED : Outcome.UNCHANGED;
            return new LineApplied(outcome, entity, changes, fx.messages());
        }

        /** The period of the line, else of the instance; refused when it ends before it starts. */
        private void period(CohortInstance inst) {
            start = c.enrolStart() != null ? c.enrolStart().toEpochSecond(zone) : inst != null ? inst.start() : 0;
            end = c.enrolEnd() != null ? c.enrolEnd().toEpochSecond(zone) : inst != null ? inst.end() : 0;
            if (start > 0 && end > 0 && end <= start) {
                throw new LineRejected(c.enrolEnd() != null ? "enrolend" : "enrolstart",
                        "the enrolment end must be after its start");
            }
        }

        /** A new binding: its instance inserted after the course's other methods (a placeholder id in a dry run). */
        private CohortInstance create(Group group) {
            long id = -(index + 1L);
            if (!dryRun) {
                long sortorder = dsl.select(DSL.coalesce(DSL.max(MDL_ENROL.SORTORDER), -1L)).from(MDL_ENROL)
                        .where(MDL_ENROL.COURSEID.eq(course.id())).fetchOne().value1() + 1;
                id = dsl.insertInto(MDL_ENROL)
                        .set(MDL_ENROL.ENROL, CohortInstance.ENROL)
                        .set(MDL_ENROL.STATUS, (long) CohortInstance.ENABLED)
                        .set(MDL_ENROL.COURSEID, course.id())
                        .set(MDL_ENROL.SORTORDER, sortorder)
                        .set(MDL_ENROL.ENROLSTARTDATE, start)
                        .set(MDL_ENROL.ENROLENDDATE, end)
                        .set(MDL_ENROL.ROLEID, roleId)
                        .set(MDL_ENROL.CUSTOMINT1, cohort.getId())
                        .set(MDL_ENROL.CUSTOMINT2, group.id())
                        .set(MDL_ENROL.TIMECREATED, now)
                        .set(MDL_ENROL.TIMEMODIFIED, now)
                        .returningResult(MDL_ENROL.ID).fetchOne().value1();
            }
            CohortInstance created = new CohortInstance(id, course.id(), cohort.getId(), roleId,
                    chunk.roleNames.get(roleId), CohortInstance.ENABLED, group.id(), start, end,
                    contextId(dsl, course), course.contextPath(), course.shortname());
            changes.add(new FieldChange("course", null, course.shortname()));
            changes.add(new FieldChange("cohort", null, cohort.getName()));
            changes.add(new FieldChange("role", null, created.roleName()));
            if (group.id() != 0) {
                changes.add(new FieldChange("group", null, group.name()));
            }
            if (start != 0 || end != 0) {
                changes.add(new FieldChange("period", null, CourseEnrolments.period(start, end)));
            }
            return created;
        }

        /** An existing binding: update_instance (group, period) and update_status (enabled again). */
        private CohortInstance update(CohortInstance inst, Group group) {
            Map<Field<?>, Object> set = new java.util.LinkedHashMap<>();
            if (group.id() != inst.groupId()) {
                set.put(MDL_ENROL.CUSTOMINT2, group.id());
                changes.add(new FieldChange("group", groupName(dsl, inst.groupId()), group.id() == 0 ? "(none)"
                        : group.name()));
            }
            if (start != inst.start() || end != inst.end()) {
                set.put(MDL_ENROL.ENROLSTARTDATE, start);
                set.put(MDL_ENROL.ENROLENDDATE, end);
                changes.add(new FieldChange("period", CourseEnrolments.period(inst.start(), inst.end()),
                        CourseEnrolments.period(start, end)));
            }
            boolean enable = !inst.enabled();
            if (enable) {
                set.put(MDL_ENROL.STATUS, (long) CohortInstance.ENABLED);
                changes.add(new FieldChange("status", "disabled", "enabled"));
                fx.dirtyContext(inst.contextPath());
            }
            if (!set.isEmpty()) {
                if (set.size() > (enable ? 1 : 0)) {
                    set.put(MDL_ENROL.TIMEMODIFIED, now); // update_instance stamps; update_status alone does not
                }
                if (!dryRun && inst.id() > 0) {
                    dsl.update(MDL_ENROL).set(set).where(MDL_ENROL.ID.eq(inst.id())).execute();
                }
            }
            return new CohortInstance(inst.id(), inst.courseId(), inst.cohortId(), inst.roleId(),
                    inst.roleName(), CohortInstance.ENABLED, group.id(), start, end, inst.contextId(),
                    inst.contextPath(), inst.course());
        }

        /** The sync of the instance, its effects written, and the chunk told of the instance and its group. */
        private void syncAndRemember(CohortInstance before, CohortInstance after, Group group) {
            sync.sync(dsl, after, null, now, dryRun, fx);
            fx.flush(dsl, site, now, dryRun);
            chunk.remember(course, group);
            chunk.replace(before, after);
        }
    }

    /** Moodle offers a course only the cohorts of the system context and of the course's categories. */
    private static void checkCohortAvailable(DSLContext dsl, MdlCohortRecord cohort, Course course) {
        String path = dsl.select(MDL_CONTEXT.PATH).from(MDL_CONTEXT).where(MDL_CONTEXT.ID.eq(cohort.getContextid()))
                .fetchOne(MDL_CONTEXT.PATH);
        if (path == null) {
            throw new LineRejected("cohort", "cohort " + cohort.getName() + " has no context");
        }
        if (!course.contextPath().startsWith(path + "/")) {
            throw new LineRejected("cohort", "cohort " + cohort.getName() + " belongs to a category that does not"
                    + " hold course " + course.shortname() + ": Moodle only binds a course to cohorts of the system"
                    + " or of the course's own categories");
        }
    }

    private static long contextId(DSLContext dsl, Course course) {
        return dsl.select(MDL_CONTEXT.ID).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.COURSE.valueIn(MDL_CONTEXT.CONTEXTLEVEL)))
                .and(MDL_CONTEXT.INSTANCEID.eq(course.id())).fetchOne(MDL_CONTEXT.ID);
    }

    /** The group of a binding. */
    private record Group(long id, String name, boolean created) {
        static final Group NONE = new Group(0, null, false);

        Group(long id, String name) {
            this(id, name, false);
        }
    }

    private Group group(DSLContext dsl, CohortBindingCommand c, Course course, MdlCohortRecord cohort,
                        CohortInstance inst, Chunk chunk, int index, long now, boolean dryRun, Effects fx) {
        if (c.group() != null) {
            List<Long> found = groupsNamed(dsl, course.id(), c.group(), chunk);
            if (found.size() > 1) {
                throw new LineRejected("group", found.size() + " groups of course " + course.shortname()
                        + " are named " + c.group());
            }
            if (found.size() == 1) {
                return new Group(found.get(0), c.group());
            }
            if (!Boolean.TRUE.equals(c.makeGroup())) {
                throw new LineRejected("group", "no group " + c.group() + " in course " + course.shortname()
                        + " (makegroup=1 creates it)");
            }
            return createGroup(dsl, course, c.group(), chunk, index, now, dryRun, fx);
        }
        if (Boolean.TRUE.equals(c.makeGroup())) {
            if (inst != null && inst.groupId() != 0 && groupName(dsl, inst.groupId()) != null) {
                return new Group(inst.groupId(), groupName(dsl, inst.groupId()));
            }
            // enrol_cohort_create_new_group: "<cohort name> cohort", then "<name> cohort (2)", (3)…
            String base = cohort.getName() + " cohort";
            String name = base;
            for (int inc = 2; !groupsNamed(dsl, course.id(), name, chunk).isEmpty(); inc++) {
                name = base + " (" + inc + ")";
            }
            return createGroup(dsl, course, name, chunk, index, now, dryRun, fx);
        }
        if (Boolean.FALSE.equals(c.makeGroup())) {
            return Group.NONE;
        }
        if (inst != null && inst.groupId() != 0) {
            return new Group(inst.groupId(), groupName(dsl, inst.groupId()));
        }
        return Group.NONE;
    }

    private static List<Long> groupsNamed(DSLContext dsl, long courseId, String name, Chunk chunk) {
        List<Long> found = new ArrayList<>();
        dsl.select(MDL_GROUPS.ID, MDL_GROUPS.NAME).from(MDL_GROUPS).where(MDL_GROUPS.COURSEID.eq(courseId))
                .and(MDL_GROUPS.NAME.eq(name)).orderBy(MDL_GROUPS.ID).fetch()
                .forEach(r -> {
                    if (r.value2().equals(name)) {
                        found.add(r.value1());
                    }
                });
        Long planned = chunk.plannedGroups.get(courseId + ":" + name);
        if (planned != null && !found.contains(planned)) {
            found.add(planned);
        }
        return found;
    }

    private static String groupName(DSLContext dsl, long groupId) {
        return groupId == 0 ? "(none)" : dsl.select(MDL_GROUPS.NAME).from(MDL_GROUPS)
                .where(MDL_GROUPS.ID.eq(groupId)).fetchOne(MDL_GROUPS.NAME);
    }

    /** {@code groups_create_group} with a course and a name, as enrol_cohort creates a binding's group. */
    private static Group createGroup(DSLContext dsl, Course course, String name, Chunk chunk, int index, long now,
                                     boolean dryRun, Effects fx) {
        String trimmed = name.trim();
        long id = -(index + 1L);
        if (!dryRun) {
            id = dsl.insertInto(MDL_GROUPS)
                    .set(MDL_GROUPS.COURSEID, course.id())
                    .set(MDL_GROUPS.NAME, trimmed) // visibility: the column's default 0 (Moodle 4.2+; 4.1 has none)
                    .set(MDL_GROUPS.TIMECREATED, now)
                    .set(MDL_GROUPS.TIMEMODIFIED, now)
                    .returningResult(MDL_GROUPS.ID).fetchOne().value1();
        }
        fx.groupsChanged();
        fx.changed("group " + trimmed + " created in course " + course.shortname());
        return new Group(id, trimmed, true);
    }

    // ------------------------------------------------------------------------------------- del / restore / fulldel

    private LineApplied status(DSLContext dsl, BindingAction action, List<CohortInstance> matching, Chunk chunk,
                           String entity, long now, boolean dryRun) {
        int wanted = action == BindingAction.DISABLE ? CohortInstance.DISABLED : CohortInstance.ENABLED;
        Effects fx = new Effects();
        List<FieldChange> changes = new ArrayList<>();
        List<CohortInstance[]> replaced = new ArrayList<>();
        for (CohortInstance inst : matching) {
            if (inst.status() != wanted) {
                CohortInstance after = sync.setStatus(dsl, inst, wanted, null, now, dryRun, fx);
                changes.add(new FieldChange("status " + inst.roleName(), inst.enabled() ? "enabled" : "disabled",
                        after.enabled() ? "enabled" : "disabled"));
                replaced.add(new CohortInstance[] {inst, after});
            }
        }
        if (matching.isEmpty()) {
            fx.note("no such binding");
        } else if (changes.isEmpty()) {
            fx.note("already " + (wanted == CohortInstance.DISABLED ? "disabled" : "enabled"));
        }
        fx.flush(dsl, site, now, dryRun);
        replaced.forEach(r -> chunk.replace(r[0], r[1]));
        return new LineApplied(changes.isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED, entity, changes, fx.messages());
    }

    private LineApplied remove(DSLContext dsl, List<CohortInstance> matching, Chunk chunk, String entity, long now,
                           boolean dryRun) {
        Effects fx = new Effects();
        if (matching.isEmpty()) {
            return new LineApplied(Outcome.UNCHANGED, entity, List.of(),
                    List.of("no such binding (nothing to remove)"));
        }
        List<FieldChange> changes = new ArrayList<>();
        for (CohortInstance inst : matching) {
            sync.deleteInstance(dsl, inst, now, dryRun, fx);
            changes.add(new FieldChange("deleted", null, "cohort sync " + inst.roleName() + " in " + inst.course()));
        }
        fx.flush(dsl, site, now, dryRun);
        matching.forEach(i -> chunk.replace(i, null));
        return new LineApplied(Outcome.DELETED, entity, changes, fx.messages());
    }
}
