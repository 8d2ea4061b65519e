package org.moodlesync.jooq.testkit;

import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG_PLUGINS;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.database.TablePrefix;

/**
 * A fresh embedded Moodle for one test: a database of its own (in-memory H2, or a database of a unique name on a
 * PostgreSQL or MariaDB server, see {@link TestMoodleSettings}) with the Moodle schema installed and seeded as a
 * freshly installed site ({@link MoodleSchemaInstaller}), the {@link JooqMoodle} backend on it, and helpers to set
 * the site up as a test needs it (plugins, settings, users, courses) and to count rows.
 *
 * <p>{@link EmbeddedMoodleExtension} makes one per test and closes it afterwards; elsewhere use
 * try-with-resources:
 *
 * <pre>{@code
 * try (TestMoodle moodle = TestMoodle.create()) {
 *     SyncEngine engine = SyncEngine.builder().moodle(moodle.backend()).build();
 *     ...
 * }
 * }</pre>
 *
 * {@link #close()} drops the database (and deletes the {@linkplain #dataroot() data root}); databases left open are
 * dropped when the JVM exits. Never point the kit at a real Moodle: it only ever writes into the databases it
 * created.
 */
public final class TestMoodle implements AutoCloseable {

    /** The password of {@code admin} on a test site. */
    public static final String ADMIN_PASSWORD = "Admin-Pass-1";

    private static final Set<TestMoodle> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(TestMoodle::close),
                "moodle-sync-testkit"));
    }

    private final TestMoodleSettings settings;
    private final String name;
    private final String jdbcUrl;
    private final MoodleDatabase owned;
    private final MoodleDatabase database;
    private final JooqMoodle backend;
    private Path dataroot;
    private boolean closed;

    private TestMoodle(TestMoodleSettings settings, String name, String jdbcUrl, MoodleDatabase owned,
                       MoodleDatabase database) {
        this.settings = settings;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.owned = owned;
        this.database = database;
        this.backend = JooqMoodle.on(database);
    }

    /** A fresh site where the settings ({@link TestMoodleSettings#fromSystem()}) say: in-memory H2 by default. */
    public static TestMoodle create() {
        return create(TestMoodleSettings.fromSystem());
    }

    /** A fresh site on in-memory H2, prefix {@code mdl_}, whatever the settings say. */
    public static TestMoodle h2() {
        return create(TestMoodleSettings.h2());
    }

    /**
     * A fresh site with these settings: a new database of a unique name, the schema installed, a fresh site seeded.
     *
     * @throws IllegalStateException when the server cannot be reached or refuses to create a database
     */
    public static TestMoodle create(TestMoodleSettings settings) {
        String name = ServerDatabases.uniqueName();
        MoodleDatabase owned;
        String url;
        if (settings.inMemory()) {
            owned = MoodleDatabase.h2InMemory(name);
            url = "jdbc:h2:mem:" + name + MoodleDatabase.H2_URL_OPTIONS;
        } else {
            ServerDatabases.create(settings, name);
            url = ServerDatabases.withDatabase(settings.serverUrl(), name);
            try {
                owned = MoodleDatabase.fromJdbcUrl(url, settings.effectiveUser(), settings.effectivePassword(),
                        settings.tablePrefix());
            } catch (RuntimeException | Error e) {
                ServerDatabases.drop(settings, name);
                throw e;
            }
        }
        MoodleDatabase database = owned.tablePrefix().value().equals(settings.tablePrefix()) ? owned
                : MoodleDatabase.of(owned.dataSource(), owned.dialect(), settings.tablePrefix());
        TestMoodle moodle = new TestMoodle(settings, name, url, owned, database);
        OPEN.add(moodle);
        try {
            MoodleSchemaInstaller.on(database).adminPassword(ADMIN_PASSWORD).install();
        } catch (RuntimeException | Error e) {
            moodle.close();
            throw e;
        }
        return moodle;
    }

    // ---------------------------------------------------------------------------------------------- the database

    /** moodle-sync's backend on this site: pass it to {@code SyncEngine.builder().moodle(…)}. */
    public JooqMoodle backend() {
        return backend;
    }

    /** The database: data source, dialect, prefix and a jOOQ context rendering the {@code MDL_*} tables. */
    public MoodleDatabase database() {
        return database;
    }

    /** The data source (a small HikariCP pool owned by this site). */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /** A jOOQ context on the site: the generated {@code MDL_*} tables are rendered with the table prefix. */
    public DSLContext dsl() {
        return database.dsl();
    }

    /** The jOOQ dialect ({@code H2}, {@code POSTGRES} or {@code MARIADB}). */
    public SQLDialect dialect() {
        return database.dialect();
    }

    /** The table prefix. */
    public TablePrefix tablePrefix() {
        return database.tablePrefix();
    }

    /** The full name of a Moodle table on this site: {@code table("user")} is {@code mdl_user}. */
    public String table(String moodleTable) {
        return tablePrefix().tableName(moodleTable);
    }

    /** The database's JDBC URL (to reach it from another process, e.g. the command line). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user to connect to {@link #jdbcUrl()} as. */
    public String user() {
        return settings.effectiveUser();
    }

    /** That user's password. */
    public String password() {
        return settings.effectivePassword();
    }

    /** The database's name ({@code msynckit_…}, unique). */
    public String databaseName() {
        return name;
    }

    /** The settings the site was made with. */
    public TestMoodleSettings settings() {
        return settings;
    }

    /**
     * The site's data root ({@code $CFG->dataroot}) for the pictures kind: a temporary directory with an empty
     * {@code filedir}, made on first call and deleted by {@link #close()}.
     */
    public synchronized Path dataroot() {
        if (dataroot == null) {
            try {
                dataroot = Files.createTempDirectory("moodlesync-testkit-");
                Files.createDirectories(dataroot.resolve("filedir"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a data root for the test site", e);
            }
        }
        return dataroot;
    }

    // ------------------------------------------------------------------------------------------- site settings

    /**
     * Enables a plugin, as its page in Site administration does. Only enrolment plugins ({@code enrol_meta},
     * {@code enrol_database} …) are supported: see {@link #enableEnrolPlugin(String)}.
     *
     * @param plugin the plugin's full name ({@code enrol_meta})
     * @throws IllegalArgumentException for another type of plugin
     */
    public TestMoodle enablePlugin(String plugin) {
        enableEnrolPlugin(enrolName(plugin));
        return this;
    }

    /** Disables a plugin (enrolment plugins only); see {@link #disableEnrolPlugin(String)}. */
    public TestMoodle disablePlugin(String plugin) {
        disableEnrolPlugin(enrolName(plugin));
        return this;
    }

    /**
     * Enables an enrolment plugin as Moodle's {@code \core\plugininfo\enrol::enable_plugin} does: its name is added
     * at the end of the {@code enrol_plugins_enabled} setting and the system context is marked dirty
     * ({@code cache_flags}; Moodle's {@code config_log} row is not written: the embedded schema has no such
     * table). For {@code meta}, the plugin's settings get Moodle's defaults where they are not set
     * ({@code enrol_meta}: {@code nosyncroleids} empty, {@code syncall} 1, {@code unenrolaction} 3,
     * {@code coursesort} sortorder), as a real site has them from its install. Nothing changes when it is enabled.
     *
     * @param name the plugin's name without {@code enrol_} ({@code meta})
     */
    public TestMoodle enableEnrolPlugin(String name) {
        checkPluginName(name);
        List<String> enabled = new ArrayList<>(enabledEnrolPlugins());
        if (!enabled.contains(name)) {
            enabled.add(name);
            setConfig("enrol_plugins_enabled", String.join(",", enabled));
            markSystemContextDirty();
        }
        Map<String, String> defaults = ENROL_DEFAULTS.getOrDefault(name, Map.of());
        defaults.forEach((setting, value) -> {
            if (pluginConfig("enrol_" + name, setting) == null) {
                setPluginConfig("enrol_" + name, setting, value);
            }
        });
        return this;
    }

    /** Disables an enrolment plugin: removed from {@code enrol_plugins_enabled}, system context marked dirty. */
    public TestMoodle disableEnrolPlugin(String name) {
        checkPluginName(name);
        List<String> enabled = new ArrayList<>(enabledEnrolPlugins());
        if (enabled.remove(name)) {
            setConfig("enrol_plugins_enabled", String.join(",", enabled));
            markSystemContextDirty();
        }
        return this;
    }

    /** The enabled enrolment plugins, in the site's order ({@code manual, guest, self, cohort} on a fresh site). */
    public List<String> enabledEnrolPlugins() {
        String value = config("enrol_plugins_enabled");
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** A core setting ({@code $CFG->name}, table {@code config}), or null when it is not set. */
    public String config(String name) {
        return dsl().select(MDL_CONFIG.VALUE).from(MDL_CONFIG).where(MDL_CONFIG.NAME.eq(name))
                .fetchOne(MDL_CONFIG.VALUE);
    }

    /**
     * Sets a core setting as {@code set_config(name, value)} does (row of {@code config} updated or inserted);
     * a null value removes it ({@code unset_config}).
     */
    public TestMoodle setConfig(String name, String value) {
        DSLContext dsl = dsl();
        if (value == null) {
            dsl.deleteFrom(MDL_CONFIG).where(MDL_CONFIG.NAME.eq(name)).execute();
        } else if (dsl.update(MDL_CONFIG).set(MDL_CONFIG.VALUE, value).where(MDL_CONFIG.NAME.eq(name)).execute()
                == 0) {
            dsl.insertInto(MDL_CONFIG).set(MDL_CONFIG.NAME, name).set(MDL_CONFIG.VALUE, value).execute();
        }
        return this;
    }

    /** A plugin setting (table {@code config_plugins}), or null when it is not set. */
    public String pluginConfig(String plugin, String name) {
        return dsl().select(MDL_CONFIG_PLUGINS.VALUE).from(MDL_CONFIG_PLUGINS)
                .where(MDL_CONFIG_PLUGINS.PLUGIN.eq(plugin)).and(MDL_CONFIG_PLUGINS.NAME.eq(name))
                .fetchOne(MDL_CONFIG_PLUGINS.VALUE);
    }

    /**
     * Sets a plugin setting as {@code set_config(name, value, plugin)} does ({@code config_plugins}); a null value
     * removes it.
     *
     * @param plugin the plugin's full name ({@code enrol_manual}, {@code moodlecourse} …)
     */
    public TestMoodle setPluginConfig(String plugin, String name, String value) {
        DSLContext dsl = dsl();
        Condition row = MDL_CONFIG_PLUGINS.PLUGIN.eq(plugin).and(MDL_CONFIG_PLUGINS.NAME.eq(name));
        if (value == null) {
            dsl.deleteFrom(MDL_CONFIG_PLUGINS).where(row).execute();
        } else if (dsl.update(MDL_CONFIG_PLUGINS).set(MDL_CONFIG_PLUGINS.VALUE, value).where(row).execute() == 0) {
            dsl.insertInto(MDL_CONFIG_PLUGINS).set(MDL_CONFIG_PLUGINS.PLUGIN, plugin)
                    .set(MDL_CONFIG_PLUGINS.NAME, name).set(MDL_CONFIG_PLUGINS.VALUE, value).execute();
        }
        return this;
    }

    // ------------------------------------------------------------------------------------- users and courses

    /**
     * Creates a user through moodle-sync's own users writer (so with every row Moodle writes for one): first name
     * {@code Test}, last name the username, e-mail {@code <username>@example.org}, no password.
     *
     * @return the user's id
     */
    public long createUser(String username) {
        return createUser(UserCommand.builder().username(username).firstname("Test").lastname(username)
                .email(username + "@example.org").build());
    }

    /**
     * Creates (or updates) a user from a command through moodle-sync's users writer, default options. The command
     * is not validated as the engine would.
     *
     * @return the user's id
     * @throws IllegalStateException when the writer fails the line
     */
    public long createUser(UserCommand user) {
        write(backend.writer(WriterKind.USERS, UserSyncOptions.defaults()), user);
        Long id = dsl().select(MDL_USER.ID).from(MDL_USER).where(MDL_USER.USERNAME.eq(user.username()))
                .and(MDL_USER.DELETED.eq((short) 0)).fetchOne(MDL_USER.ID);
        if (id == null) {
            throw new IllegalStateException("the test kit wrote user " + user.username() + " but cannot find it");
        }
        return id;
    }

    /**
     * Creates a course through moodle-sync's courses writer: full name the short name, in the default category,
     * with the enrolment instances a new course gets.
     *
     * @return the course's id
     */
    public long createCourse(String shortname) {
        return createCourse(CourseCommand.builder().shortname(shortname).fullname(shortname).build());
    }

    /**
     * Creates (or updates) a course from a command through moodle-sync's courses writer, default options (courses
     * by short name). The command is not validated as the engine would.
     *
     * @return the course's id
     * @throws IllegalStateException when the writer fails the line
     */
    public long createCourse(CourseCommand course) {
        write(backend.writer(WriterKind.COURSES, CourseSyncOptions.defaults()), course);
        Long id = dsl().select(MDL_COURSE.ID).from(MDL_COURSE).where(MDL_COURSE.SHORTNAME.eq(course.shortname()))
                .fetchOne(MDL_COURSE.ID);
        if (id == null) {
            throw new IllegalStateException("the test kit wrote course " + course.shortname()
                    + " but cannot find it");
        }
        return id;
    }

    /** The id of the (not deleted) user with this username, or null. */
    public Long userId(String username) {
        return dsl().select(MDL_USER.ID).from(MDL_USER).where(MDL_USER.USERNAME.eq(username))
                .and(MDL_USER.DELETED.eq((short) 0)).fetchOne(MDL_USER.ID);
    }

    /** The id of the course with this short name, or null. */
    public Long courseId(String shortname) {
        return dsl().select(MDL_COURSE.ID).from(MDL_COURSE).where(MDL_COURSE.SHORTNAME.eq(shortname))
                .fetchOne(MDL_COURSE.ID);
    }

    // ------------------------------------------------------------------------------------------------- counts

    /** The number of rows of a Moodle table, by its name without prefix: {@code count("user")} is 2 on a fresh site. */
    public long count(String moodleTable) {
        // named as the generated tables are: the jOOQ context renders the site's prefix
        return dsl().fetchCount(DSL.table(DSL.name(TablePrefix.DEFAULT.tableName(moodleTable))));
    }

    /** The number of rows of a generated table ({@code MDL_USER} …) that match a condition. */
    public long count(Table<?> table, Condition condition) {
        return dsl().fetchCount(table, condition);
    }

    // -------------------------------------------------------------------------------------------------- close

    /** Drops the database and deletes the data root; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        try {
            if (database != owned) {
                database.close();
            }
            owned.close();
        } finally {
            try {
                if (!settings.inMemory()) {
                    ServerDatabases.drop(settings, name);
                }
            } finally {
                deleteDataroot();
            }
        }
    }

    private void deleteDataroot() {
        if (dataroot == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataroot)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test site's data root " + dataroot, e);
        }
    }

    @Override
    public String toString() {
        return "TestMoodle[" + name + " on " + settings + "]";
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Moodle's defaults of the settings of enrolment plugins that moodle-sync reads. */
    private static final Map<String, Map<String, String>> ENROL_DEFAULTS = Map.of("meta", ordered(
            "nosyncroleids", "",
            "syncall", "1",
            "unenrolaction", "3",
            "coursesort", "sortorder"));

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    private void markSystemContextDirty() {
        DSLContext dsl = dsl();
        SiteConfig site = SiteConfig.load(dsl);
        CacheFlags.mark(dsl, site, CacheFlags.DIRTY_CONTEXTS, site.systemPath(), Clock.systemUTC().instant()
                .getEpochSecond());
    }

    private static String enrolName(String plugin) {
        if (plugin == null || !plugin.startsWith("enrol_")) {
            throw new IllegalArgumentException("the test kit enables enrolment plugins (enrol_meta, enrol_database …)"
                    + " only, not " + plugin);
        }
        return plugin.substring("enrol_".length());
    }

    private static void checkPluginName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("not an enrolment plugin name: " + name
                    + " (give it without enrol_, e.g. meta)");
        }
    }

    private static <C> void write(CommandWriter<C> writer, C command) {
        List<LineResult> results = writer.write(List.of(new CommandLine<>(new LineRef("testkit", 1, null), command)),
                WriteContext.live());
        LineResult result = results.isEmpty() ? null : results.get(0);
        if (result == null || result.failed()) {
            throw new IllegalStateException("the test kit could not write " + command + ": "
                    + (result == null ? "no result" : result.error()));
        }
    }
}
