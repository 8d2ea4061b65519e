package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.schema.tables.records.MdlEnrolRecord;
import org.moodlesync.jooq.internal.site.CacheFlags;

/**
 * Enrolment instances of a course as Moodle's enrolment plugins write them: the default instances a new course gets
 * ({@code enrol_course_updated} → {@code add_default_instance} of every enabled plugin whose {@code defaultenrol}
 * is on, in the site's plugin order), and self/guest instances enabled or disabled on request.
 */
final class EnrolInstances {

    /** The plugins whose default instance moodle-sync knows how to write. */
    static final List<String> DEFAULT_PLUGINS = List.of("manual", "guest", "self");

    private final CourseSettings settings;
    private final Roles roles;

    EnrolInstances(CourseSettings settings, Roles roles) {
        this.settings = settings;
        this.roles = roles;
    }

    /** The instances of a course, in their order. */
    static List<MdlEnrolRecord> of(DSLContext dsl, long courseId) {
        return dsl.selectFrom(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(courseId))
                .orderBy(MDL_ENROL.SORTORDER, MDL_ENROL.ID).fetch();
    }

    /**
     * Adds the default instances of a new course; returns a description of each ({@code manual},
     * {@code guest (disabled)}…).
     */
    List<String> addDefaults(DSLContext dsl, long courseId, long now, boolean dryRun) {
        List<String> added = new ArrayList<>();
        for (MdlEnrolRecord instance : defaultInstances()) {
            if (!dryRun) {
                insert(dsl, courseId, instance, now);
            }
            added.add(describe(instance));
        }
        return added;
    }

    /** The default instances a new course gets, in the site's plugin order (not written, no course yet). */
    List<MdlEnrolRecord> defaultInstances() {
        List<MdlEnrolRecord> instances = new ArrayList<>();
        for (String plugin : settings.enabledEnrolPlugins()) {
            if (DEFAULT_PLUGINS.contains(plugin) && settings.pluginLong("enrol_" + plugin, "defaultenrol", 0) == 1) {
                instances.add(defaults(plugin));
            }
        }
        return instances;
    }

    /** An instance of the plugin with the fields its {@code add_default_instance} gives (no course yet). */
    MdlEnrolRecord defaults(String plugin) {
        MdlEnrolRecord e = new MdlEnrolRecord();
        e.setEnrol(plugin);
        String config = "enrol_" + plugin;
        long student = roles.id("student") == null ? 0 : roles.id("student");
        switch (plugin) {
            case "manual" -> {
                long expirynotify = settings.pluginLong(config, "expirynotify", 0);
                e.setStatus(settings.pluginLong(config, "status", 0));
                e.setRoleid(settings.pluginLong(config, "roleid", student));
                e.setEnrolperiod(settings.pluginLong(config, "enrolperiod", 0));
                e.setExpirynotify((short) expirynotify);
                e.setNotifyall((short) (expirynotify == 2 ? 1 : 0));
                e.setExpirythreshold(settings.pluginLong(config, "expirythreshold", 86400));
                e.setCustomint1(settings.pluginLong(config, "sendcoursewelcomemessage", 1));
            }
            case "guest" -> {
                e.setStatus(settings.pluginLong(config, "status", 1));
                e.setPassword(settings.pluginLong(config, "requirepassword", 0) == 1
                        ? CourseStructure.randomKey(20) : "");
            }
            case "self" -> {
                long expirynotify = settings.pluginLong(config, "expirynotify", 0);
                e.setStatus(settings.pluginLong(config, "status", 1));
                e.setRoleid(settings.pluginLong(config, "roleid", student));
                e.setEnrolperiod(settings.pluginLong(config, "enrolperiod", 0));
                e.setExpirynotify((short) (expirynotify == 2 ? 1 : expirynotify));
                e.setNotifyall((short) (expirynotify == 2 ? 1 : 0));
                e.setExpirythreshold(settings.pluginLong(config, "expirythreshold", 86400));
                e.setCustomint1(settings.pluginLong(config, "groupkey", 0));
                e.setCustomint2(settings.pluginLong(config, "longtimenosee", 0));
                e.setCustomint3(settings.pluginLong(config, "maxenrolled", 0));
                e.setCustomint4(settings.pluginLong(config, "sendcoursewelcomemessage", 1));
                e.setCustomint5(0L);
                e.setCustomint6(settings.pluginLong(config, "newenrols", 1));
                if (settings.pluginLong(config, "requirepassword", 0) == 1) {
                    e.setPassword(CourseStructure.randomKey(20));
                }
            }
            default -> throw new IllegalArgumentException("no defaults for enrol_" + plugin);
        }
        return e;
    }

    /**
     * Inserts an instance as {@code enrol_plugin::add_instance} does: enrolment dates 0, times now, sortorder after
     * the course's last instance. Returns its id.
     */
    static long insert(DSLContext dsl, long courseId, MdlEnrolRecord instance, long now) {
        Long last = dsl.select(DSL.max(MDL_ENROL.SORTORDER)).from(MDL_ENROL).where(MDL_ENROL.COURSEID.eq(courseId))
                .fetchOne(0, Long.class);
        MdlEnrolRecord r = row(courseId, instance, last == null ? 0L : last + 1, now);
        return dsl.insertInto(MDL_ENROL).set(r).returningResult(MDL_ENROL.ID).fetchOne().value1();
    }

    /** The row {@link #insert} writes for an instance at a sortorder. */
    static MdlEnrolRecord row(long courseId, MdlEnrolRecord instance, long sortorder, long now) {
        MdlEnrolRecord r = instance.copy();
        r.setCourseid(courseId);
        r.setSortorder(sortorder);
        if (r.getStatus() == null) {
            r.setStatus(0L);
        }
        r.setEnrolstartdate(0L);
        r.setEnrolenddate(0L);
        if (r.getEnrolperiod() == null) {
            r.setEnrolperiod(0L);
        }
        if (r.getExpirynotify() == null) {
            r.setExpirynotify((short) 0);
        }
        if (r.getExpirythreshold() == null) {
            r.setExpirythreshold(0L);
        }
        if (r.getNotifyall() == null) {
            r.setNotifyall((short) 0);
        }
        if (r.getRoleid() == null) {
            r.setRoleid(0L);
        }
        r.setTimecreated(now);
        r.setTimemodified(now);
        return r;
    }

    /**
     * Makes an instance of {@code plugin} exist and be enabled ({@code on}), or disables every instance of it
     * ({@code !on}), as tool_sync's {@code self} and {@code guest} columns ask. Status changes mark the course
     * context dirty (Moodle's {@code update_status}). Returns what changed, or null.
     */
    String ensure(DSLContext dsl, long courseId, String contextPath, String plugin, boolean on,
                  List<MdlEnrolRecord> instances, long now, boolean dryRun) {
        List<MdlEnrolRecord> mine = instances.stream().filter(i -> plugin.equals(i.getEnrol())).toList();
        if (on) {
            if (mine.isEmpty()) {
                MdlEnrolRecord added = defaults(plugin);
                added.setStatus(0L);
                if (!dryRun) {
                    insert(dsl, courseId, added, now);
                }
                return added(plugin);
            }
            if (mine.stream().anyMatch(i -> i.getStatus() == 0L)) {
                return null;
            }
            MdlEnrolRecord first = mine.get(0);
            if (!dryRun) {
                dsl.update(MDL_ENROL).set(MDL_ENROL.STATUS, 0L).where(MDL_ENROL.ID.eq(first.getId())).execute();
                if (contextPath != null) {
                    CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_CONTEXTS, contextPath, now);
                }
            }
            return plugin + " enrolment enabled";
        }
        List<MdlEnrolRecord> enabled = mine.stream().filter(i -> i.getStatus() == 0L).toList();
        if (enabled.isEmpty()) {
            return null;
        }
        if (!dryRun) {
            for (MdlEnrolRecord i : enabled) {
                dsl.update(MDL_ENROL).set(MDL_ENROL.STATUS, 1L).where(MDL_ENROL.ID.eq(i.getId())).execute();
            }
            if (contextPath != null) {
                CacheFlags.mark(dsl, settings.site(), CacheFlags.DIRTY_CONTEXTS, contextPath, now);
            }
        }
        return plugin + " enrolment disabled";
    }

    /**
     * What {@link #ensure} does to the instances of a course not written yet: {@code instances} changed in place (an
     * instance added, statuses changed). Returns null when nothing changes.
     */
    Planned plan(String plugin, boolean on, List<MdlEnrolRecord> instances) {
        List<MdlEnrolRecord> mine = instances.stream().filter(i -> plugin.equals(i.getEnrol())).toList();
        if (on) {
            if (mine.isEmpty()) {
                MdlEnrolRecord added = defaults(plugin);
                added.setStatus(0L);
                instances.add(added);
                return new Planned(added(plugin), false);
            }
            if (mine.stream().anyMatch(i -> i.getStatus() == 0L)) {
                return null;
            }
            mine.get(0).setStatus(0L);
            return new Planned(plugin + " enrolment enabled", true);
        }
        List<MdlEnrolRecord> enabled = mine.stream().filter(i -> i.getStatus() == 0L).toList();
        if (enabled.isEmpty()) {
            return null;
        }
        enabled.forEach(i -> i.setStatus(1L));
        return new Planned(plugin + " enrolment disabled", true);
    }

    /**
     * A change of {@link #plan}.
     *
     * @param change what changed
     * @param dirty  a status changed: the course context is marked dirty, as Moodle's {@code update_status} does
     */
    record Planned(String change, boolean dirty) {
    }

    private String added(String plugin) {
        return plugin + " enrolment added (enabled)" + (settings.enabledEnrolPlugins().contains(plugin) ? ""
                : "; the " + plugin + " enrolment plugin is disabled on this site, so it has no effect yet");
    }

    static String describe(MdlEnrolRecord instance) {
        return instance.getEnrol() + (instance.getStatus() != null && instance.getStatus() != 0L ? " (disabled)" : "");
    }
}
