package org.moodlesync.jooq.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG_PLUGINS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_CONTEXT_LEVELS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.codec.digest.Crypt;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabaseExtension;
import org.moodlesync.jooq.testing.TestDatabases;
import org.moodlesync.jooq.internal.site.SiteRows;

/** The installer on H2, PostgreSQL and MariaDB, each test with a database of its own. */
@ExtendWith(TestDatabaseExtension.class)
class MoodleSchemaInstallerTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_EMPTY)
    void createsAllTables(TestDatabase db) throws SQLException {
        db.installer().install();

        assertThat(tables(db)).containsExactlyElementsOf(MoodleSchemaInstaller.tableNames("mdl_")).hasSize(50);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_EMPTY)
    void installIfAbsentInstallsOnceThenDoesNothing(TestDatabase db) {
        assertThat(db.installer().installIfAbsent()).isTrue();
        assertThat(db.installer().installIfAbsent()).isFalse();

        assertThat(db.dsl().fetchCount(MDL_USER)).isEqualTo(2);
    }

    @OnEachDatabase
    void refusesASecondInstall(TestDatabase db) {
        assertThatThrownBy(() -> db.installer().install())
                .isInstanceOf(MoodleSchemaException.class)
                .hasMessageContaining("prefix 'mdl_'")
                .hasMessageContaining("50 of its tables already exist")
                .hasMessageContaining("mdl_user");
    }

    @OnEachDatabase
    void refusesAnIncompleteSchema(TestDatabase db) {
        db.dsl().dropTable(MDL_USER_ENROLMENTS).execute();

        assertThatThrownBy(() -> db.installer().installIfAbsent())
                .isInstanceOf(MoodleSchemaException.class)
                .hasMessageContaining("1 tables are missing (mdl_user_enrolments)");
    }

    @OnEachDatabase
    void seedsGuestAndAdminAsAFreshMoodle(TestDatabase db) {
        DSLContext dsl = db.dsl();

        var users = SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_USER).orderBy(MDL_USER.ID), MDL_USER);
        assertThat(users).extracting(r -> r.getId(), r -> r.getUsername(), r -> r.getAuth(), r -> r.getConfirmed(),
                        r -> r.getMnethostid(), r -> r.getDeleted(), r -> r.getSuspended(), r -> r.getLang())
                .containsExactly(
                        tuple(1L, "guest", "manual", (short) 1, 1L, (short) 0, (short) 0, "en"),
                        tuple(2L, "admin", "manual", (short) 1, 1L, (short) 0, (short) 0, "en"));
        assertThat(users.get(0).getEmail()).isEqualTo("root@localhost");
        assertThat(users.get(1).getEmail()).isEqualTo(MoodleSchemaInstaller.DEFAULT_ADMIN_EMAIL);
        assertThat(users.get(0).getPassword()).startsWith("$6$rounds=10000$").satisfies(h -> assertPassword("guest", h));
        assertThat(users.get(1).getPassword()).satisfies(h -> assertPassword(TestDatabase.ADMIN_PASSWORD, h));
        // columns not written take Moodle's defaults
        assertThat(users.get(1).getCalendartype()).isEqualTo("gregorian");
        assertThat(users.get(1).getTimezone()).isEqualTo("99");
        assertThat(users.get(1).getIdnumber()).isEmpty();
    }

    @OnEachDatabase
    void seedsContextsSiteCourseAndCategory(TestDatabase db) {
        DSLContext dsl = db.dsl();

        assertThat(dsl.selectFrom(MDL_CONTEXT).orderBy(MDL_CONTEXT.ID).fetch())
                .extracting(r -> r.getId(), r -> r.getContextlevel(), r -> r.getInstanceid(), r -> r.getPath(),
                        r -> r.getDepth(), r -> r.getLocked())
                .containsExactly(
                        tuple(1L, 10L, 0L, "/1", (short) 1, (short) 0),
                        tuple(2L, 50L, 1L, "/1/2", (short) 2, (short) 0),
                        tuple(3L, 40L, 1L, "/1/3", (short) 2, (short) 0),
                        tuple(4L, 30L, 1L, "/1/4", (short) 2, (short) 0),
                        tuple(5L, 30L, 2L, "/1/5", (short) 2, (short) 0));

        var site = SiteRows.fetchOne(dsl, dsl.select(DSL.asterisk()).from(MDL_COURSE), MDL_COURSE);
        assertThat(site.getId()).isEqualTo(1L);
        assertThat(site.getCategory()).isZero();
        assertThat(site.getFormat()).isEqualTo("site");
        assertThat(site.getSortorder()).isZero();
        assertThat(site.getFullname()).isEqualTo(MoodleSchemaInstaller.DEFAULT_SITE_FULL_NAME);
        assertThat(site.getShortname()).isEqualTo(MoodleSchemaInstaller.DEFAULT_SITE_SHORT_NAME);
        assertThat(site.getVisible()).isEqualTo((short) 1);
        assertThat(site.getTimecreated()).isPositive();

        var category = dsl.selectFrom(MDL_COURSE_CATEGORIES).fetchSingle();
        assertThat(category.getId()).isEqualTo(1L);
        assertThat(category.getName()).isEqualTo("Category 1");
        assertThat(category.getIdnumber()).isNull();
        assertThat(category.getParent()).isZero();
        assertThat(category.getPath()).isEqualTo("/1");
        assertThat(category.getDepth()).isEqualTo(1L);
        assertThat(category.getSortorder()).isEqualTo(10_000L);
        assertThat(category.getCoursecount()).isZero();
        assertThat(category.getVisible()).isEqualTo((short) 1);
    }

    @OnEachDatabase
    void seedsTheStandardRoles(TestDatabase db) {
        DSLContext dsl = db.dsl();

        assertThat(dsl.selectFrom(MDL_ROLE).orderBy(MDL_ROLE.ID).fetch())
                .extracting(r -> r.getId(), r -> r.getShortname(), r -> r.getArchetype(), r -> r.getSortorder(),
                        r -> r.getName(), r -> r.getDescription())
                .containsExactly(
                        tuple(1L, "manager", "manager", 1L, "", ""),
                        tuple(2L, "coursecreator", "coursecreator", 2L, "", ""),
                        tuple(3L, "editingteacher", "editingteacher", 3L, "", ""),
                        tuple(4L, "teacher", "teacher", 4L, "", ""),
                        tuple(5L, "student", "student", 5L, "", ""),
                        tuple(6L, "guest", "guest", 6L, "", ""),
                        tuple(7L, "user", "user", 7L, "", ""),
                        tuple(8L, "frontpage", "frontpage", 8L, "", ""));

        Map<Long, List<Long>> levels = dsl
                .select(MDL_ROLE_CONTEXT_LEVELS.ROLEID, MDL_ROLE_CONTEXT_LEVELS.CONTEXTLEVEL)
                .from(MDL_ROLE_CONTEXT_LEVELS)
                .orderBy(MDL_ROLE_CONTEXT_LEVELS.ROLEID, MDL_ROLE_CONTEXT_LEVELS.CONTEXTLEVEL)
                .fetchGroups(MDL_ROLE_CONTEXT_LEVELS.ROLEID, MDL_ROLE_CONTEXT_LEVELS.CONTEXTLEVEL);
        assertThat(levels).containsExactlyInAnyOrderEntriesOf(Map.of(
                1L, List.of(10L, 40L, 50L),
                2L, List.of(10L, 40L),
                3L, List.of(50L, 70L),
                4L, List.of(50L, 70L),
                5L, List.of(50L, 70L)));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5) // the 4.5 mirror; BranchSchemaTest covers the other branches
    @ExtendWith(TestDatabaseExtension.class)
    void seedsTheSettingsWritersRead(TestDatabase db) {
        DSLContext dsl = db.dsl();

        Map<String, String> config = dsl.select(MDL_CONFIG.NAME, MDL_CONFIG.VALUE).from(MDL_CONFIG)
                .fetchMap(MDL_CONFIG.NAME, MDL_CONFIG.VALUE);
        assertThat(config).contains(
                Map.entry("version", "2024100710.00"),
                Map.entry("release", "4.5.10 (Build: 20260216)"),
                Map.entry("mnet_localhost_id", "1"),
                Map.entry("siteadmins", "2"),
                Map.entry("siteguest", "1"),
                Map.entry("sessiontimeout", "28800"),
                Map.entry("enrol_plugins_enabled", "manual,guest,self,cohort"),
                Map.entry("auth", "email"),
                Map.entry("lang", "en"),
                Map.entry("calendartype", "gregorian"),
                Map.entry("country", ""),
                Map.entry("defaultcity", ""),
                Map.entry("defaultpreference_maildisplay", "2"),
                Map.entry("defaultpreference_mailformat", "1"),
                Map.entry("defaultpreference_maildigest", "0"),
                Map.entry("defaultpreference_autosubscribe", "1"),
                Map.entry("defaultpreference_trackforums", "0"),
                Map.entry("allowaccountssameemail", "0"),
                Map.entry("extendedusernamechars", "0"),
                Map.entry("coursecontact", "3"),
                Map.entry("enablecompletion", "1"),
                Map.entry("defaultrequestcategory", "1"));

        assertThat(plugin(dsl, "moodlecourse")).contains(
                Map.entry("format", "topics"), Map.entry("numsections", "4"), Map.entry("maxsections", "52"),
                Map.entry("hiddensections", "1"), Map.entry("newsitems", "5"), Map.entry("lang", ""),
                Map.entry("courseduration", "31536000"));
        assertThat(plugin(dsl, "enrol_manual")).contains(
                Map.entry("status", "0"), Map.entry("roleid", "5"), Map.entry("expirythreshold", "86400"));
        assertThat(plugin(dsl, "enrol_guest")).contains(Map.entry("status", "1"));
        assertThat(plugin(dsl, "enrol_self")).contains(Map.entry("status", "1"), Map.entry("defaultenrol", "1"));
        assertThat(plugin(dsl, "enrol_cohort")).contains(Map.entry("roleid", "5"));
        assertThat(plugin(dsl, "tool_log")).containsExactly(Map.entry("enabled_stores", "logstore_standard"));
    }

    @OnEachDatabase
    void newRowsAreNumberedAfterTheSeed(TestDatabase db) {
        DSLContext dsl = db.dsl();

        long user = dsl.insertInto(MDL_USER)
                .set(MDL_USER.USERNAME, "student1").set(MDL_USER.MNETHOSTID, 1L).set(MDL_USER.CONFIRMED, (short) 1)
                .returningResult(MDL_USER.ID).fetchSingle().value1();
        long context = dsl.insertInto(MDL_CONTEXT)
                .set(MDL_CONTEXT.CONTEXTLEVEL, 30L).set(MDL_CONTEXT.INSTANCEID, user)
                .returningResult(MDL_CONTEXT.ID).fetchSingle().value1();
        long course = dsl.insertInto(MDL_COURSE)
                .set(MDL_COURSE.CATEGORY, 1L).set(MDL_COURSE.SHORTNAME, "C1")
                .returningResult(MDL_COURSE.ID).fetchSingle().value1();
        long role = dsl.insertInto(MDL_ROLE)
                .set(MDL_ROLE.SHORTNAME, "custom").set(MDL_ROLE.DESCRIPTION, "").set(MDL_ROLE.SORTORDER, 9L)
                .returningResult(MDL_ROLE.ID).fetchSingle().value1();

        assertThat(List.of(user, context, course, role)).containsExactly(3L, 6L, 2L, 9L);
    }

    @OnEachDatabase
    void enforcesMoodlesUniqueIndexes(TestDatabase db) {
        DSLContext dsl = db.dsl();

        assertThatThrownBy(() -> dsl.insertInto(MDL_USER)
                .set(MDL_USER.MNETHOSTID, 1L).set(MDL_USER.USERNAME, "admin").execute())
                .isInstanceOf(IntegrityConstraintViolationException.class);
        assertThatThrownBy(() -> dsl.insertInto(MDL_CONTEXT)
                .set(MDL_CONTEXT.CONTEXTLEVEL, 30L).set(MDL_CONTEXT.INSTANCEID, 2L).execute())
                .isInstanceOf(IntegrityConstraintViolationException.class);
        assertThatThrownBy(() -> dsl.insertInto(MDL_CONFIG)
                .set(MDL_CONFIG.NAME, "version").set(MDL_CONFIG.VALUE, "1").execute())
                .isInstanceOf(IntegrityConstraintViolationException.class);
        dsl.insertInto(MDL_USER_ENROLMENTS).set(MDL_USER_ENROLMENTS.ENROLID, 7L).set(MDL_USER_ENROLMENTS.USERID, 2L)
                .execute();
        assertThatThrownBy(() -> dsl.insertInto(MDL_USER_ENROLMENTS)
                .set(MDL_USER_ENROLMENTS.ENROLID, 7L).set(MDL_USER_ENROLMENTS.USERID, 2L).execute())
                .isInstanceOf(IntegrityConstraintViolationException.class);
        // the same username on another mnet host is allowed
        assertThat(dsl.insertInto(MDL_USER).set(MDL_USER.MNETHOSTID, 3L).set(MDL_USER.USERNAME, "admin").execute())
                .isOne();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_WITH_OTHER_PREFIX)
    void worksWithAnotherPrefix(TestDatabase db) throws SQLException {
        DSLContext dsl = db.dsl();

        assertThat(tables(db)).containsExactlyElementsOf(MoodleSchemaInstaller.tableNames("ms_"))
                .allMatch(name -> name.startsWith("ms_"));
        assertThat(dsl.fetchCount(MDL_USER)).isEqualTo(2);
        dsl.insertInto(MDL_USER).set(MDL_USER.USERNAME, "u3").set(MDL_USER.MNETHOSTID, 1L).execute();
        assertThat(dsl.fetchSingle("select count(*) from ms_user").get(0, Long.class)).isEqualTo(3L);
        assertThat(dsl.render(DSL.selectFrom(MDL_USER))).contains("ms_user").doesNotContain("mdl_");
        assertThat(dsl.fetchValue(DSL.select(MDL_CONFIG.VALUE).from(MDL_CONFIG).where(MDL_CONFIG.NAME.eq("siteadmins"))))
                .isEqualTo("2");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL_4_5) // the 4.5 mirror; BranchSchemaTest covers the other branches
    @ExtendWith(TestDatabaseExtension.class)
    void mirrorsMoodlesUserColumns(TestDatabase db) throws SQLException {
        Map<String, Column> columns = columns(db, "mdl_user");

        assertThat(columns).hasSize(48);
        assertThat(columns.get("id")).isEqualTo(new Column("bigint", 0, false, null));
        assertThat(columns.get("auth")).isEqualTo(new Column("varchar", 20, false, "manual"));
        assertThat(columns.get("confirmed")).isEqualTo(new Column("smallint", 0, false, "0"));
        assertThat(columns.get("mnethostid")).isEqualTo(new Column("bigint", 0, false, "0"));
        assertThat(columns.get("username")).isEqualTo(new Column("varchar", 100, false, ""));
        assertThat(columns.get("password")).isEqualTo(new Column("varchar", 255, false, ""));
        assertThat(columns.get("email")).isEqualTo(new Column("varchar", 100, false, ""));
        assertThat(columns.get("country")).isEqualTo(new Column("varchar", 2, false, ""));
        assertThat(columns.get("lang")).isEqualTo(new Column("varchar", 30, false, "en"));
        assertThat(columns.get("timezone")).isEqualTo(new Column("varchar", 100, false, "99"));
        assertThat(columns.get("description")).isEqualTo(new Column("text", 0, true, null));
        assertThat(columns.get("descriptionformat")).isEqualTo(new Column("smallint", 0, false, "1"));
        assertThat(columns.get("maildisplay")).isEqualTo(new Column("smallint", 0, false, "2"));
        assertThat(columns.get("moodlenetprofile")).isEqualTo(new Column("varchar", 255, true, null));
        assertThat(columns(db, "mdl_user_preferences").get("value")).isEqualTo(new Column("varchar", 1333, false, ""));
        assertThat(columns(db, "mdl_config").get("value")).isEqualTo(new Column("text", 0, false, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mdl_", TestDatabases.OTHER_PREFIX})
    void namesPostgresqlSequencesAsMoodleDoes(String prefix) {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.POSTGRESQL, prefix)) {
            for (String table : MoodleSchemaInstaller.tableNames(prefix)) {
                assertThat(db.dsl().fetchValue(DSL.field("pg_get_serial_sequence({0}, 'id')", String.class, DSL.inline(table))))
                        .isEqualTo("public." + table + "_id_seq");
            }
            assertThat(db.dsl().fetchSingle("select last_value from " + prefix + "user_id_seq").get(0, Long.class))
                    .isEqualTo(2L);
        }
    }

    @Test
    void createsMariadbTablesInUtf8mb4() {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.MARIADB)) {
            assertThat(db.dsl().fetch("select table_collation from information_schema.tables where table_schema = "
                            + "database()").getValues(0, String.class))
                    .hasSize(50).containsOnly("utf8mb4_unicode_ci");
        }
    }

    private static Map<String, String> plugin(DSLContext dsl, String plugin) {
        return dsl.select(MDL_CONFIG_PLUGINS.NAME, MDL_CONFIG_PLUGINS.VALUE).from(MDL_CONFIG_PLUGINS)
                .where(MDL_CONFIG_PLUGINS.PLUGIN.eq(plugin))
                .fetchMap(MDL_CONFIG_PLUGINS.NAME, MDL_CONFIG_PLUGINS.VALUE);
    }

    private static void assertPassword(String clearText, String hash) {
        assertThat(Crypt.crypt(clearText.getBytes(StandardCharsets.UTF_8), hash)).isEqualTo(hash);
    }

    private static Set<String> tables(TestDatabase db) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    /**
     * A column as the three engines can agree on: type family ({@code bigint}, {@code integer}, {@code smallint},
     * {@code varchar} or {@code text}),
     * length of a varchar, nullability and default without quotes or casts.
     */
    record Column(String family, int length, boolean nullable, String defaultValue) {
    }

    private static Map<String, Column> columns(TestDatabase db, String table) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table, null)) {
                while (rs.next()) {
                    String typeName = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                    String family = switch (typeName) {
                        case "text", "longtext", "character large object" -> "text";
                        case "varchar", "character varying" -> "varchar";
                        case "bigint", "int8" -> "bigint";
                        case "smallint", "int2" -> "smallint";
                        case "integer", "int", "int4" -> "integer";
                        default -> typeName;
                    };
                    columns.put(rs.getString("COLUMN_NAME"), new Column(family,
                            family.equals("varchar") ? rs.getInt("COLUMN_SIZE") : 0,
                            rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable,
                            defaultValue(rs.getString("COLUMN_DEF"))));
                }
            }
        }
        return columns;
    }

    /** {@code 'manual'::character varying} (PostgreSQL), {@code 'manual'} → {@code manual}; identities → null. */
    private static String defaultValue(String columnDef) {
        if (columnDef == null || columnDef.equalsIgnoreCase("NULL") || columnDef.contains("nextval")
                || columnDef.toLowerCase(Locale.ROOT).contains("identity")) {
            return null;
        }
        String value = columnDef.replaceFirst("::[a-z ]+$", "");
        return value.startsWith("'") && value.endsWith("'") ? value.substring(1, value.length() - 1) : value;
    }
}
