package org.moodlesync.jooq.install;

import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG_PLUGINS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_FORMAT_OPTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_CONTEXT_LEVELS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.jooq.DSLContext;
import org.moodlesync.jooq.version.MoodleBranch;
import org.jooq.InsertValuesStep2;
import org.jooq.InsertValuesStep3;
import org.moodlesync.jooq.schema.tables.records.MdlConfigPluginsRecord;
import org.moodlesync.jooq.schema.tables.records.MdlConfigRecord;
import org.moodlesync.jooq.schema.tables.records.MdlRoleContextLevelsRecord;

/**
 * Writes the rows a fresh Moodle 4.5 has after {@code admin/cli/install.php}, in the order Moodle's own installer
 * ({@code xmldb_main_install}) writes them, so the ids come out the same: system context 1, site course 1 (context
 * 2), category 1 (context 3), guest user 1 (context 4), admin user 2 (context 5), roles 1..8.
 */
final class FreshSite {

    static final int SYSTEM = 10;
    static final int USER = 30;
    static final int COURSECAT = 40;
    static final int COURSE = 50;
    static final int MODULE = 70;

    /** Moodle's standard roles in creation order (shortname = archetype), with the levels they may be assigned at. */
    static final Map<String, List<Integer>> ROLES = standardRoles();

    /** What the site is called and how the admin logs in. */
    record Site(String fullName, String shortName, String adminPassword, String adminEmail) {
    }

    /** The ids the seed produced. */
    record Ids(long systemContext, long siteCourse, long category, long guest, long admin, Map<String, Long> roles) {
    }

    private final DSLContext dsl;
    private final MoodleBranch branch;
    private final long now;

    private FreshSite(DSLContext dsl, MoodleBranch branch, long now) {
        this.dsl = dsl;
        this.branch = branch;
        this.now = now;
    }

    /** Writes the rows of a fresh site of a Moodle branch (the caller runs this in a transaction). */
    static Ids seed(DSLContext dsl, Site site, MoodleBranch branch, long now) {
        return new FreshSite(dsl, branch, now).seed(site);
    }

    private Ids seed(Site site) {
        long systemContext = context(SYSTEM, 0, "");
        String systemPath = "/" + systemContext;

        long siteCourse = dsl.insertInto(MDL_COURSE)
                .set(MDL_COURSE.CATEGORY, 0L)
                .set(MDL_COURSE.SORTORDER, 0L)
                .set(MDL_COURSE.FULLNAME, site.fullName())
                .set(MDL_COURSE.SHORTNAME, site.shortName())
                .set(MDL_COURSE.SUMMARY, "")
                .set(MDL_COURSE.FORMAT, "site")
                .set(MDL_COURSE.NEWSITEMS, 3)
                .set(MDL_COURSE.TIMECREATED, now)
                .set(MDL_COURSE.TIMEMODIFIED, now)
                .returningResult(MDL_COURSE.ID).fetchSingle().value1();
        dsl.insertInto(MDL_COURSE_FORMAT_OPTIONS)
                .set(MDL_COURSE_FORMAT_OPTIONS.COURSEID, siteCourse)
                .set(MDL_COURSE_FORMAT_OPTIONS.FORMAT, "site")
                .set(MDL_COURSE_FORMAT_OPTIONS.SECTIONID, 0L)
                .set(MDL_COURSE_FORMAT_OPTIONS.NAME, "numsections")
                .set(MDL_COURSE_FORMAT_OPTIONS.VALUE, "1")
                .execute();
        context(COURSE, siteCourse, systemPath);

        long category = dsl.insertInto(MDL_COURSE_CATEGORIES)
                .set(MDL_COURSE_CATEGORIES.NAME, "Category 1")
                .set(MDL_COURSE_CATEGORIES.DEPTH, 1L)
                .set(MDL_COURSE_CATEGORIES.SORTORDER, 10_000L)
                .set(MDL_COURSE_CATEGORIES.TIMEMODIFIED, now)
                .returningResult(MDL_COURSE_CATEGORIES.ID).fetchSingle().value1();
        dsl.update(MDL_COURSE_CATEGORIES)
                .set(MDL_COURSE_CATEGORIES.PATH, "/" + category)
                .where(MDL_COURSE_CATEGORIES.ID.eq(category))
                .execute();
        context(COURSECAT, category, systemPath);

        long guest = dsl.insertInto(MDL_USER)
                .set(MDL_USER.AUTH, "manual")
                .set(MDL_USER.USERNAME, "guest")
                .set(MDL_USER.PASSWORD, hash("guest"))
                .set(MDL_USER.FIRSTNAME, "Guest user")
                .set(MDL_USER.LASTNAME, " ")
                .set(MDL_USER.EMAIL, "root@localhost")
                .set(MDL_USER.DESCRIPTION, "This user is a special user that allows read-only access to some courses.")
                .set(MDL_USER.MNETHOSTID, 1L)
                .set(MDL_USER.CONFIRMED, (short) 1)
                .set(MDL_USER.LANG, "en")
                .set(MDL_USER.TIMEMODIFIED, now)
                .returningResult(MDL_USER.ID).fetchSingle().value1();
        context(USER, guest, systemPath);

        long admin = dsl.insertInto(MDL_USER)
                .set(MDL_USER.AUTH, "manual")
                .set(MDL_USER.USERNAME, "admin")
                .set(MDL_USER.PASSWORD, hash(site.adminPassword()))
                .set(MDL_USER.FIRSTNAME, "Admin")
                .set(MDL_USER.LASTNAME, "User")
                .set(MDL_USER.EMAIL, site.adminEmail())
                .set(MDL_USER.MNETHOSTID, 1L)
                .set(MDL_USER.CONFIRMED, (short) 1)
                .set(MDL_USER.LANG, "en")
                .set(MDL_USER.MAILDISPLAY, (short) 1)
                .set(MDL_USER.LASTIP, "0.0.0.0")
                .set(MDL_USER.TIMEMODIFIED, now)
                .returningResult(MDL_USER.ID).fetchSingle().value1();
        context(USER, admin, systemPath);

        Map<String, Long> roles = roles();
        Ids ids = new Ids(systemContext, siteCourse, category, guest, admin, Collections.unmodifiableMap(roles));
        config(ids);
        return ids;
    }

    /** Inserts a context as Moodle does (row first, then path and depth from the new id) and returns its id. */
    private long context(int level, long instanceId, String parentPath) {
        long id = dsl.insertInto(MDL_CONTEXT)
                .set(MDL_CONTEXT.CONTEXTLEVEL, (long) level)
                .set(MDL_CONTEXT.INSTANCEID, instanceId)
                .set(MDL_CONTEXT.DEPTH, (short) 0)
                .set(MDL_CONTEXT.LOCKED, (short) 0)
                .returningResult(MDL_CONTEXT.ID).fetchSingle().value1();
        String path = parentPath + "/" + id;
        dsl.update(MDL_CONTEXT)
                .set(MDL_CONTEXT.PATH, path)
                .set(MDL_CONTEXT.DEPTH, (short) path.chars().filter(ch -> ch == '/').count())
                .where(MDL_CONTEXT.ID.eq(id))
                .execute();
        return id;
    }

    private Map<String, Long> roles() {
        Map<String, Long> ids = new LinkedHashMap<>();
        long sortorder = 1;
        for (String shortname : ROLES.keySet()) {
            long id = dsl.insertInto(MDL_ROLE)
                    .set(MDL_ROLE.NAME, "")
                    .set(MDL_ROLE.SHORTNAME, shortname)
                    .set(MDL_ROLE.DESCRIPTION, "")
                    .set(MDL_ROLE.SORTORDER, sortorder++)
                    .set(MDL_ROLE.ARCHETYPE, shortname)
                    .returningResult(MDL_ROLE.ID).fetchSingle().value1();
            ids.put(shortname, id);
        }
        InsertValuesStep2<MdlRoleContextLevelsRecord, Long, Long> levels =
                dsl.insertInto(MDL_ROLE_CONTEXT_LEVELS, MDL_ROLE_CONTEXT_LEVELS.ROLEID, MDL_ROLE_CONTEXT_LEVELS.CONTEXTLEVEL);
        ROLES.forEach((shortname, contextLevels) ->
                contextLevels.forEach(level -> levels.values(ids.get(shortname), (long) level)));
        levels.execute();
        return ids;
    }

    private void config(Ids ids) {
        InsertValuesStep2<MdlConfigRecord, String, String> config =
                dsl.insertInto(MDL_CONFIG, MDL_CONFIG.NAME, MDL_CONFIG.VALUE);
        FreshSiteSettings.config(ids, branch).forEach(config::values);
        config.execute();

        InsertValuesStep3<MdlConfigPluginsRecord, String, String, String> plugins = dsl.insertInto(
                MDL_CONFIG_PLUGINS, MDL_CONFIG_PLUGINS.PLUGIN, MDL_CONFIG_PLUGINS.NAME, MDL_CONFIG_PLUGINS.VALUE);
        FreshSiteSettings.pluginConfig(ids).forEach((plugin, settings) ->
                settings.forEach((name, value) -> plugins.values(plugin, name, value)));
        plugins.execute();
    }

    /** SHA-512 crypt with 10000 rounds and a 16-character salt, the hash Moodle 4.5 writes. */
    static String hash(String clearText) {
        String salt = FreshSiteSettings.randomString(16);
        return Sha2Crypt.sha512Crypt(clearText.getBytes(StandardCharsets.UTF_8), "$6$rounds=10000$" + salt);
    }

    private static Map<String, List<Integer>> standardRoles() {
        Map<String, List<Integer>> roles = new LinkedHashMap<>();
        roles.put("manager", List.of(SYSTEM, COURSECAT, COURSE));
        roles.put("coursecreator", List.of(SYSTEM, COURSECAT));
        roles.put("editingteacher", List.of(COURSE, MODULE));
        roles.put("teacher", List.of(COURSE, MODULE));
        roles.put("student", List.of(COURSE, MODULE));
        roles.put("guest", List.of());
        roles.put("user", List.of());
        roles.put("frontpage", List.of());
        return Collections.unmodifiableMap(roles);
    }
}
