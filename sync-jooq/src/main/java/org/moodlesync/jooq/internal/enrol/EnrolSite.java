package org.moodlesync.jooq.internal.enrol;

import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_CONTEXT_LEVELS;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * What the enrolment writers read once per run: the site's settings, the enrol plugins enabled, the roles and where
 * they may be assigned, the front page course, the time zone of dates written without one.
 */
public final class EnrolSite {

    private final SiteConfig config;
    private final Set<String> enabledPlugins;
    private final Map<String, Long> roleIds;
    private final Map<Long, String> roleNames;
    private final Set<Long> courseRoles;
    private final long siteCourseId;
    private final ZoneId zone;

    private EnrolSite(SiteConfig config, Set<String> enabledPlugins, Map<String, Long> roleIds,
                      Map<Long, String> roleNames, Set<Long> courseRoles, long siteCourseId, ZoneId zone) {
        this.config = config;
        this.enabledPlugins = enabledPlugins;
        this.roleIds = roleIds;
        this.roleNames = roleNames;
        this.courseRoles = courseRoles;
        this.siteCourseId = siteCourseId;
        this.zone = zone;
    }

    /**
     * Reads the site.
     *
     * @param zone the zone of dates without one, or null for the site's ({@code config.timezone}; the JVM's for
     *             {@code 99}, the server's zone)
     */
    public static EnrolSite load(DSLContext dsl, ZoneId zone) {
        SiteConfig config = SiteConfig.load(dsl);
        Set<String> plugins = new LinkedHashSet<>();
        Arrays.stream(config.get("enrol_plugins_enabled", "manual").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).forEach(plugins::add);
        Map<String, Long> ids = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        dsl.select(MDL_ROLE.ID, MDL_ROLE.SHORTNAME).from(MDL_ROLE).forEach(r -> {
            ids.put(r.value2(), r.value1());
            names.put(r.value1(), r.value2());
        });
        Set<Long> courseRoles = new HashSet<>(dsl.select(MDL_ROLE_CONTEXT_LEVELS.ROLEID).from(MDL_ROLE_CONTEXT_LEVELS)
                .where(MDL_ROLE_CONTEXT_LEVELS.CONTEXTLEVEL.eq(
                        ContextLevel.COURSE.valueIn(MDL_ROLE_CONTEXT_LEVELS.CONTEXTLEVEL)))
                .fetch(MDL_ROLE_CONTEXT_LEVELS.ROLEID));
        Long site = dsl.select(MDL_COURSE.ID).from(MDL_COURSE).where(MDL_COURSE.CATEGORY.eq(0L))
                .orderBy(MDL_COURSE.ID).limit(1).fetchOne(MDL_COURSE.ID);
        return new EnrolSite(config, Set.copyOf(plugins), Map.copyOf(ids), Map.copyOf(names), Set.copyOf(courseRoles),
                site == null ? 1 : site, zone != null ? zone : config.timeZone());
    }

    /** The site's settings. */
    public SiteConfig config() {
        return config;
    }

    /** True when the enrol plugin is enabled on the site ({@code enrol_plugins_enabled}). */
    public boolean pluginEnabled(String plugin) {
        return enabledPlugins.contains(plugin);
    }

    /** The id of the role with this shortname, or null. */
    public Long roleId(String shortname) {
        return roleIds.get(shortname);
    }

    /** The shortname of a role id (the id as text when unknown). */
    public String roleName(long roleId) {
        return roleNames.getOrDefault(roleId, Long.toString(roleId));
    }

    /** The role that a line names, checked to be assignable in a course. */
    public long courseRole(String shortname, String column) {
        Long id = roleIds.get(shortname);
        if (id == null) {
            throw new LineRejected(column, "no role with shortname " + shortname);
        }
        if (!courseRoles.contains(id)) {
            throw new LineRejected(column, "role " + shortname + " cannot be assigned in a course"
                    + " (its context levels do not include courses)");
        }
        return id;
    }

    /** The front page course (category 0), into which nobody is enrolled. */
    public long siteCourseId() {
        return siteCourseId;
    }

    /** The zone of dates written without one. */
    public ZoneId zone() {
        return zone;
    }

    /** The guest account, never enrolled by a sync. */
    public long guestId() {
        return config.guestId();
    }
}
