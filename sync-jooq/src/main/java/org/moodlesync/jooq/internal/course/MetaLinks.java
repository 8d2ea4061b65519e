package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.moodlesync.api.command.course.CourseMetaCommand;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.jooq.internal.support.LineApplied;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.internal.site.CacheFlags;

/**
 * Meta-course links (tool_sync §4.9, its bug #12 fixed: {@code del} disables the link, both courses must exist):
 * an enrolment instance {@code meta} in the meta course whose {@code customint1} is the master course, as
 * {@code enrol_meta_plugin::add_instance} writes it, followed by what its {@code enrol_meta_sync} does for a new
 * link: the master course's participants enrolled through the link (status, start and end aggregated over their
 * enrolments in the master course) and their course roles replicated ({@code component enrol_meta}). Later changes
 * in the master course are Moodle's meta sync task's job, as they are for a link made in Moodle.
 */
final class MetaLinks {

    /** A meta line's outcome with one note; the meta writer names the entity (master and meta courses). */
    private static LineApplied noted(Outcome outcome, List<FieldChange> changes, String note) {
        return new LineApplied(outcome, null, changes, List.of(note));
    }

    /** Moodle's {@code SQL_INT_MAX}-like marker for "no active enrolment" in the aggregation. */
    private static final long NONE = Long.MAX_VALUE;

    private final CourseSettings settings;

    MetaLinks(CourseSettings settings) {
        this.settings = settings;
    }

    LineApplied apply(DSLContext dsl, MdlCourseRecord master, MdlCourseRecord meta, CourseMetaCommand.Action action,
                  long now, boolean dryRun) {
        if (master.getId().equals(meta.getId())) {
            throw new LineRejected("meta", "a course cannot be linked to itself");
        }
        if (master.getId() == settings.siteCourseId() || meta.getId() == settings.siteCourseId()) {
            throw new LineRejected(master.getId() == settings.siteCourseId() ? "master" : "meta",
                    "the front page course cannot be in a meta link");
        }
        MetaLine line = new MetaLine(dsl, master, meta, now, dryRun);
        return action == CourseMetaCommand.Action.DELETE ? line.disable() : line.link();
    }

    /**
     * One line on the link between two courses: the link's existing instances and the meta course's context read
     * first; then the link disabled, or made (created or enabled again) and synced.
     */
    private final class MetaLine {
        private final DSLContext dsl;
        private final MdlCourseRecord master;
        private final MdlCourseRecord meta;
        private final long now;
        private final boolean dryRun;
        private final List<MdlEnrolRecord> links;
        private final CategoryTree.ContextRef metaContext;
        private final String link;
        private final List<FieldChange> changes = new ArrayList<>();
        private MdlEnrolRecord instance;

        MetaLine(DSLContext dsl, MdlCourseRecord master, MdlCourseRecord meta, long now, boolean dryRun) {
            this.dsl = dsl;
            this.master = master;
            this.meta = meta;
            this.now = now;
            this.dryRun = dryRun;
            this.links = dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(meta.getId()))
                    .and(MDL_ENROL.ENROL.eq("meta")).and(MDL_ENROL.CUSTOMINT1.eq(master.getId()))
                    .orderBy(MDL_ENROL.ID).fetch();
            this.metaContext = CourseData.context(dsl, meta.getId());
            this.link = master.getShortname() + " -> " + meta.getShortname();
        }

        /** {@code del}: the link's enabled instances disabled. */
        LineApplied disable() {
            List<MdlEnrolRecord> enabled = links.stream().filter(l -> l.getStatus() == 0L).toList();
            if (links.isEmpty()) {
                return noted(Outcome.SKIPPED, List.of(), "no meta link " + link + ": nothing to disable");
            }
            if (enabled.isEmpty()) {
                return noted(Outcome.UNCHANGED, List.of(), "meta link " + link + " already disabled");
            }
            if (!dryRun) {
                for (MdlEnrolRecord l : enabled) {
                    dsl.update(MDL_ENROL).set(MDL_ENROL.STATUS, 1L).set(MDL_ENROL.TIMEMODIFIED, now)
                            .where(MDL_ENROL.ID.eq(l.getId())).execute();
                }
                markContext(dsl, metaContext, now);
            }
            return noted(Outcome.UPDATED, List.of(new FieldChange("meta link " + link, "enabled", "disabled")),
                    "the enrolments through the link are inactive; Moodle keeps the instance (delete it in the"
                            + " course's enrolment methods to remove them)");
        }

        /** {@code add}: the link created or enabled again, then the master course's participants synced. */
        LineApplied link() {
            checkCanLink();
            Outcome outcome = links.isEmpty() ? createInstance() : enableInstance();
            int[] synced = new LinkSync(this).run();
            if (synced[0] > 0) {
                changes.add(new FieldChange("enrolments through the link", null, Integer.toString(synced[0])));
            }
            if (synced[1] > 0) {
                changes.add(new FieldChange("roles through the link", null, Integer.toString(synced[1])));
            }
            if (outcome == Outcome.UNCHANGED && !changes.isEmpty()) {
                outcome = Outcome.UPDATED;
            }
            return noted(outcome, changes, "from now on Moodle's meta sync task (enrol_meta, hourly) keeps the link in"
                    + " step with " + master.getShortname() + "'s enrolments");
        }

        /** Refuses a link while enrol_meta is disabled, or one that would make a loop. */
        private void checkCanLink() {
            if (!settings.enabledEnrolPlugins().contains("meta")) {
                throw new LineRejected("meta", "the course meta link enrolment plugin (enrol_meta) is not enabled"
                        + " on this site: enable it in Site administration > Plugins > Enrolments first");
            }
            boolean loop = dsl.fetchExists(MDL_ENROL, MDL_ENROL.COURSEID.eq(master.getId())
                    .and(MDL_ENROL.ENROL.eq("meta")).and(MDL_ENROL.CUSTOMINT1.eq(meta.getId())));
            if (loop) {
                throw new LineRejected("master", "course " + master.getShortname() + " is itself a meta course of "
                        + meta.getShortname() + ": the link would make a loop");
            }
        }

        private Outcome createInstance() {
            instance = new MdlEnrolRecord();
            instance.setEnrol("meta");
            instance.setStatus(0L);
            instance.setCustomint1(master.getId());
            instance.setCustomint2(0L);
            if (!dryRun) {
                long id = EnrolInstances.insert(dsl, meta.getId(), instance, now);
                instance = dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.ID.eq(id)).fetchOne();
            } else {
                instance.setId(-1L);
                instance.setCourseid(meta.getId());
            }
            changes.add(new FieldChange("meta link", null, link));
            return Outcome.CREATED;
        }

        /** The first enabled instance, else the first one enabled again. */
        private Outcome enableInstance() {
            instance = links.stream().filter(l -> l.getStatus() == 0L).findFirst().orElse(links.get(0));
            if (instance.getStatus() == 0L) {
                return Outcome.UNCHANGED;
            }
            if (!dryRun) {
                dsl.update(MDL_ENROL).set(MDL_ENROL.STATUS, 0L).set(MDL_ENROL.TIMEMODIFIED, now)
                        .where(MDL_ENROL.ID.eq(instance.getId())).execute();
                markContext(dsl, metaContext, now);
            }
            instance.setStatus(0L);
            changes.add(new FieldChange("meta link " + link, "disabled", "enabled"));
            return Outcome.UPDATED;
        }
    }

    /**
     * Enrols the master course's participants who are not yet enrolled through the link, and gives them their
     * master course roles in the meta course, as {@code enrol_meta_sync} does for one course.
     */
    private final class LinkSync {
        private final DSLContext dsl;
        private final MdlCourseRecord master;
        private final MdlEnrolRecord instance;
        private final CategoryTree.ContextRef metaContext;
        private final long now;
        private final boolean dryRun;
        private final Set<String> enabled = new HashSet<>(settings.enabledEnrolPlugins());
        private final long modifier = settings.site().siteAdmins().stream().min(Long::compare).orElse(0L);

        LinkSync(MetaLine line) {
            this.dsl = line.dsl;
            this.master = line.master;
            this.instance = line.instance;
            this.metaContext = line.metaContext;
            this.now = line.now;
            this.dryRun = line.dryRun;
        }

        /** @return {enrolments added, roles added} */
        int[] run() {
            Set<Long> skipRoles = skippedRoles();
            boolean syncAll = settings.pluginLong("enrol_meta", "syncall", 1) == 1;
            CategoryTree.ContextRef masterContext = CourseData.context(dsl, master.getId());
            Map<Long, long[]> parents = parentEnrolments();
            Map<Long, Set<Long>> masterRoles = masterRoles(masterContext, skipRoles);
            Set<Long> active = new HashSet<>();
            if (instance.getId() > 0) {
                active.addAll(dsl.select(MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                        .where(MDL_USER_ENROLMENTS.ENROLID.eq(instance.getId()))
                        .and(MDL_USER_ENROLMENTS.STATUS.eq(0L)).fetch(MDL_USER_ENROLMENTS.USERID));
            }
            int enrolled = 0;
            for (Map.Entry<Long, long[]> p : parents.entrySet()) {
                if (!syncAll && masterRoles.getOrDefault(p.getKey(), Set.of()).isEmpty()) {
                    continue;
                }
                if (enrol(p.getKey(), p.getValue())) {
                    active.add(p.getKey());
                }
                enrolled++;
            }
            int roles = 0;
            if (instance.getStatus() == 0L && metaContext != null) {
                for (Map.Entry<Long, Set<Long>> ra : masterRoles.entrySet()) {
                    if (active.contains(ra.getKey())) {
                        roles += assignRoles(ra.getKey(), ra.getValue());
                    }
                }
            }
            return new int[] {enrolled, roles};
        }

        private Set<Long> skippedRoles() {
            Set<Long> skipRoles = new HashSet<>();
            for (String r : settings.plugin("enrol_meta", "nosyncroleids", "").split(",")) {
                if (!r.isBlank()) {
                    skipRoles.add(Long.parseLong(r.trim()));
                }
            }
            return skipRoles;
        }

        /**
         * The master course's participants through enabled plugins not yet enrolled through the link; per user:
         * lowest status (0 = an active enrolment), earliest active start, latest active end (0 = none).
         */
        private Map<Long, long[]> parentEnrolments() {
            Set<Long> already = new HashSet<>(instance.getId() < 0 ? List.of()
                    : dsl.select(MDL_USER_ENROLMENTS.USERID).from(MDL_USER_ENROLMENTS)
                    .where(MDL_USER_ENROLMENTS.ENROLID.eq(instance.getId())).fetch(MDL_USER_ENROLMENTS.USERID));
            Map<Long, long[]> parents = new LinkedHashMap<>();
            for (Record r : dsl.select(MDL_USER_ENROLMENTS.USERID, MDL_USER_ENROLMENTS.STATUS, MDL_ENROL.STATUS,
                            MDL_USER_ENROLMENTS.TIMESTART, MDL_USER_ENROLMENTS.TIMEEND, MDL_ENROL.ENROL)
                    .from(MDL_USER_ENROLMENTS)
                    .join(MDL_ENROL).on(MDL_ENROL.ID.eq(MDL_USER_ENROLMENTS.ENROLID))
                    .join(MDL_USER).on(MDL_USER.ID.eq(MDL_USER_ENROLMENTS.USERID).and(MDL_USER.DELETED.eq((short) 0)))
                    .where(MDL_ENROL.COURSEID.eq(master.getId())).and(MDL_ENROL.ENROL.ne("meta"))
                    .orderBy(MDL_USER_ENROLMENTS.USERID, MDL_USER_ENROLMENTS.ID).fetch()) {
                long user = r.get(MDL_USER_ENROLMENTS.USERID);
                if (!enabled.contains(r.get(MDL_ENROL.ENROL)) || already.contains(user)) {
                    continue;
                }
                long status = r.get(MDL_USER_ENROLMENTS.STATUS) + r.get(MDL_ENROL.STATUS);
                long[] agg = parents.computeIfAbsent(user, u -> new long[] {Long.MAX_VALUE, NONE, 0});
                agg[0] = Math.min(agg[0], status);
                if (status == 0) {
                    agg[1] = Math.min(agg[1], r.get(MDL_USER_ENROLMENTS.TIMESTART));
                    long end = r.get(MDL_USER_ENROLMENTS.TIMEEND) == 0 ? NONE : r.get(MDL_USER_ENROLMENTS.TIMEEND);
                    agg[2] = Math.max(agg[2], end);
                }
            }
            return parents;
        }

        /** User -> the roles to replicate: assigned in the master course by hand or by an enabled plugin. */
        private Map<Long, Set<Long>> masterRoles(CategoryTree.ContextRef masterContext, Set<Long> skipRoles) {
            Map<Long, Set<Long>> masterRoles = new LinkedHashMap<>();
            if (masterContext == null) {
                return masterRoles;
            }
            Set<String> components = new HashSet<>();
            components.add("");
            for (String plugin : enabled) {
                if (!plugin.equals("meta")) {
                    components.add("enrol_" + plugin);
                }
            }
            dsl.select(MDL_ROLE_ASSIGNMENTS.USERID, MDL_ROLE_ASSIGNMENTS.ROLEID).from(MDL_ROLE_ASSIGNMENTS)
                    .join(MDL_USER).on(MDL_USER.ID.eq(MDL_ROLE_ASSIGNMENTS.USERID)
                            .and(MDL_USER.DELETED.eq((short) 0)))
                    .where(MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(masterContext.id()))
                    .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.in(components))
                    .forEach(r -> {
                        if (!skipRoles.contains(r.value2())) {
                            masterRoles.computeIfAbsent(r.value1(), k -> new java.util.TreeSet<>()).add(r.value2());
                        }
                    });
            return masterRoles;
        }

        /** Enrols a user through the link with the aggregated status and dates; true when active. */
        private boolean enrol(long user, long[] agg) {
            long status = agg[0] == 0 ? 0 : 1;
            long timestart = agg[1] == NONE ? 0 : agg[1];
            long timeend = agg[2] == NONE ? 0 : agg[2];
            if (!dryRun) {
                dsl.insertInto(MDL_USER_ENROLMENTS)
                        .set(MDL_USER_ENROLMENTS.STATUS, status)
                        .set(MDL_USER_ENROLMENTS.ENROLID, instance.getId())
                        .set(MDL_USER_ENROLMENTS.USERID, user)
                        .set(MDL_USER_ENROLMENTS.TIMESTART, timestart)
                        .set(MDL_USER_ENROLMENTS.TIMEEND, timeend)
                        .set(MDL_USER_ENROLMENTS.MODIFIERID, modifier)
                        .set(MDL_USER_ENROLMENTS.TIMECREATED, now)
                        .set(MDL_USER_ENROLMENTS.TIMEMODIFIED, now)
                        .execute();
                CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_USERS, Long.toString(user), now);
            }
            return status == 0;
        }

        /** Gives a user those of the roles they do not hold through the link yet; the number given. */
        private int assignRoles(long user, Set<Long> roleIds) {
            int roles = 0;
            for (long roleId : roleIds) {
                boolean has = instance.getId() > 0 && dsl.fetchExists(MDL_ROLE_ASSIGNMENTS,
                        MDL_ROLE_ASSIGNMENTS.CONTEXTID.eq(metaContext.id()).and(MDL_ROLE_ASSIGNMENTS.USERID.eq(user))
                                .and(MDL_ROLE_ASSIGNMENTS.ROLEID.eq(roleId))
                                .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq("enrol_meta"))
                                .and(MDL_ROLE_ASSIGNMENTS.ITEMID.eq(instance.getId())));
                if (has) {
                    continue;
                }
                if (!dryRun) {
                    dsl.insertInto(MDL_ROLE_ASSIGNMENTS)
                            .set(MDL_ROLE_ASSIGNMENTS.ROLEID, roleId)
                            .set(MDL_ROLE_ASSIGNMENTS.CONTEXTID, metaContext.id())
                            .set(MDL_ROLE_ASSIGNMENTS.USERID, user)
                            .set(MDL_ROLE_ASSIGNMENTS.TIMEMODIFIED, now)
                            .set(MDL_ROLE_ASSIGNMENTS.MODIFIERID, modifier)
                            .set(MDL_ROLE_ASSIGNMENTS.COMPONENT, "enrol_meta")
                            .set(MDL_ROLE_ASSIGNMENTS.ITEMID, instance.getId())
                            .set(MDL_ROLE_ASSIGNMENTS.SORTORDER, 0L)
                            .execute();
                    CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_USERS, Long.toString(user), now);
                }
                roles++;
            }
            return roles;
        }
    }

    private void markContext(DSLContext dsl, CategoryTree.ContextRef context, long now) {
        if (context != null && context.path() != null) {
            CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_CONTEXTS, context.path(), now);
        }
    }
}
