package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG_PLUGINS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.SiteConfig;

/**
 * What the course writers read from the target Moodle: its {@code config} (through {@link SiteConfig}) and the
 * {@code config_plugins} settings of the course defaults ({@code moodlecourse}), the enrolment plugins and the
 * course formats. Read once per writer.
 */
final class CourseSettings {

    /** Moodle's {@code MAX_COURSES_IN_CATEGORY} ({@code $CFG->maxcoursesincategory} lives in config.php only). */
    static final long MAX_COURSES_IN_CATEGORY = 10_000L;
    /** Moodle's {@code MAX_COURSE_CATEGORIES}. */
    static final long MAX_COURSE_CATEGORIES = 10_000L;
    /** The course formats of Moodle 4.5 whose options moodle-sync knows. */
    static final Set<String> KNOWN_FORMATS = Set.of("topics", "weeks", "social", "singleactivity");

    private final SiteConfig site;
    private final Map<String, Map<String, String>> plugins;
    private final long siteCourseId;

    private CourseSettings(SiteConfig site, Map<String, Map<String, String>> plugins, long siteCourseId) {
        this.site = site;
        this.plugins = plugins;
        this.siteCourseId = siteCourseId;
    }

    static CourseSettings load(DSLContext dsl) {
        SiteConfig site = SiteConfig.load(dsl);
        Map<String, Map<String, String>> plugins = new HashMap<>();
        dsl.select(MDL_CONFIG_PLUGINS.PLUGIN, MDL_CONFIG_PLUGINS.NAME, MDL_CONFIG_PLUGINS.VALUE)
                .from(MDL_CONFIG_PLUGINS)
                .where(MDL_CONFIG_PLUGINS.PLUGIN.in("moodlecourse", "enrol_manual", "enrol_guest", "enrol_self",
                        "enrol_meta", "format_singleactivity", "tool_recyclebin").or(MDL_CONFIG_PLUGINS.PLUGIN.like("format%")
                        .and(MDL_CONFIG_PLUGINS.NAME.eq("version"))))
                .forEach(r -> plugins.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        Long siteCourse = dsl.select(MDL_COURSE.ID).from(MDL_COURSE).where(MDL_COURSE.CATEGORY.eq(0L))
                .orderBy(MDL_COURSE.ID).limit(1).fetchOne(MDL_COURSE.ID);
        return new CourseSettings(site, plugins, siteCourse == null ? 1L : siteCourse);
    }

    SiteConfig site() {
        return site;
    }

    /** The front page course (Moodle's {@code SITEID}), never touched by a sync. */
    long siteCourseId() {
        return siteCourseId;
    }

    /** A plugin setting, or the default when absent or empty. */
    String plugin(String plugin, String name, String defaultValue) {
        String v = plugins.getOrDefault(plugin, Map.of()).get(name);
        return v == null || v.isEmpty() ? defaultValue : v;
    }

    /** A numeric plugin setting. */
    long pluginLong(String plugin, String name, long defaultValue) {
        try {
            return Long.parseLong(plugin(plugin, name, Long.toString(defaultValue)).trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** A course default ({@code moodlecourse/<name>}), Moodle's factory value when absent. */
    long courseDefault(String name, long factory) {
        return pluginLong("moodlecourse", name, factory);
    }

    /** The default course format. */
    String defaultFormat() {
        return plugin("moodlecourse", "format", "topics");
    }

    /** The highest section number a course may have ({@code moodlecourse/maxsections}). */
    long maxSections() {
        return courseDefault("maxsections", 52);
    }

    /** The enabled enrolment plugins, in the site's order ({@code enrol_plugins_enabled}). */
    List<String> enabledEnrolPlugins() {
        String v = site.get("enrol_plugins_enabled", "manual,guest,self,cohort");
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The installed course formats: those with a {@code format_<name>/version} setting on a real site; the embedded
     * Moodle has no such rows, then Moodle 4.5's own formats.
     */
    Set<String> installedFormats() {
        Set<String> formats = new LinkedHashSet<>();
        plugins.forEach((plugin, values) -> {
            if (plugin.startsWith("format_") && values.containsKey("version")) {
                formats.add(plugin.substring("format_".length()));
            }
        });
        return formats.isEmpty() ? KNOWN_FORMATS : formats;
    }

    /** Whether the site has completion tracking on ({@code enablecompletion}). */
    boolean siteCompletion() {
        return site.getLong("enablecompletion", 1) == 1;
    }

    /** The site's time zone ({@code forcetimezone} if set, else {@code timezone}); UTC when unknown. */
    ZoneId zone() {
        String forced = site.get("forcetimezone", "99");
        String tz = !"99".equals(forced) ? forced : site.get("timezone", "UTC");
        try {
            return "99".equals(tz) ? ZoneId.systemDefault() : ZoneId.of(tz);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
