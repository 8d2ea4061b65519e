package org.moodlesync.jooq.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.moodlesync.jooq.schema.DefaultSchema;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.version.MoodleBranch;

/** The schema and fresh site of each Moodle branch, as the installer builds them from the 4.5 DDL and SchemaDrift. */
class BranchSchemaTest {

    /** A column as the database describes it: type name, size, nullable. */
    private record Column(String type, int size, boolean nullable) {
    }

    private static Map<String, Column> columns(TestDatabase db) throws SQLException {
        Map<String, Column> columns = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.getMetaData()
                .getColumns(c.getCatalog(), db.server() == DatabaseServer.MARIADB ? null : c.getSchema(), "mdl_%",
                        null)) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT).substring(4);
                columns.put(table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        new Column(rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT), rs.getInt("COLUMN_SIZE"),
                                rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable));
            }
        }
        return columns;
    }

    /** The column sets of a table's unique indexes (its primary key left out). */
    private static Set<Set<String>> uniqueKeys(TestDatabase db, String table) throws SQLException {
        Map<String, Set<String>> byIndex = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.getMetaData().getIndexInfo(
                c.getCatalog(), db.server() == DatabaseServer.MARIADB ? null : c.getSchema(), "mdl_" + table, true,
                false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null && rs.getString("COLUMN_NAME") != null) {
                    byIndex.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new HashSet<>())
                            .add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return byIndex.values().stream().filter(cols -> !cols.equals(Set.of("id"))).collect(Collectors.toSet());
    }

    private static String config(TestDatabase db, String name) {
        return db.dsl().select(MDL_CONFIG.VALUE).from(MDL_CONFIG).where(MDL_CONFIG.NAME.eq(name))
                .fetchOne(MDL_CONFIG.VALUE);
    }

    static Stream<Arguments> everyBranchOnH2AndTheEndsOnEveryServer() {
        Stream<Arguments> h2 = Stream.of(MoodleBranch.values()).map(b -> Arguments.of(DatabaseServer.H2, b));
        Stream<Arguments> ends = Stream.of(DatabaseServer.POSTGRESQL, DatabaseServer.MARIADB)
                .flatMap(s -> Stream.of(MoodleBranch.MOODLE_4_1, MoodleBranch.MOODLE_5_3).map(b -> Arguments.of(s, b)));
        return Stream.concat(h2, ends);
    }

    @ParameterizedTest(name = "{0}, Moodle {1}")
    @MethodSource("everyBranchOnH2AndTheEndsOnEveryServer")
    void theInstalledColumnsAreTheOnesSiteSchemaTellsWritersOf(DatabaseServer server, MoodleBranch branch)
            throws SQLException {
        try (TestDatabase db = TestDatabase.installed(server, "mdl_", branch)) {
            Map<String, Column> columns = columns(db);
            SiteSchema schema = SiteSchema.of(SiteConfig.load(db.dsl()));

            assertThat(schema.branch()).isEqualTo(branch);
            for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                for (Field<?> field : table.fields()) {
                    String key = table.getName().substring(4) + "." + field.getName();
                    assertThat(columns.containsKey(key)).as(key).isEqualTo(schema.has(field));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseServer.class)
    void moodle53HasTheColumnsOfItsUpgradeSteps(DatabaseServer server) throws SQLException {
        try (TestDatabase db = TestDatabase.installed(server, "mdl_", MoodleBranch.MOODLE_5_3)) {
            Map<String, Column> columns = columns(db);

            assertThat(columns).doesNotContainKey("user.moodlenetprofile")
                    .containsKeys("course.enableaitools", "course_modules.enabledaiactions", "customfield_category.shared");
            assertThat(columns.get("course.fullname").size()).isEqualTo(1333);
            assertThat(columns.get("course_sections.name").size()).isEqualTo(1333);
            assertThat(columns.get("user_preferences.value").type()).isIn("text", "clob", "character large object",
                    "longtext");
            assertThat(columns.get("customfield_data.component").nullable()).isFalse();
            assertThat(columns.get("grade_grades.deductedmark").nullable()).isFalse();
            assertThat(uniqueKeys(db, "customfield_data"))
                    .containsExactly(Set.of("instanceid", "fieldid", "component", "area", "itemid"));
            assertThat(config(db, "version")).isEqualTo("2026100500.00");
            assertThat(config(db, "release")).isEqualTo("5.3 (Build: 20261005)");
            assertThat(config(db, "branch")).isEqualTo("503");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseServer.class)
    void moodle41LacksTheLaterColumnsAndTheirIndexes(DatabaseServer server) throws SQLException {
        try (TestDatabase db = TestDatabase.installed(server, "mdl_", MoodleBranch.MOODLE_4_1)) {
            Map<String, Column> columns = columns(db);

            assertThat(columns).doesNotContainKeys("course.pdfexportfont", "groups.visibility",
                    "groups.participation", "external_tokens.name", "course_sections.component",
                    "course_sections.itemid", "customfield_data.valuetrust", "course.enableaitools")
                    .containsKeys("user.moodlenetprofile", "course_sections.name");
            assertThat(columns.get("course.fullname").size()).isEqualTo(254);
            assertThat(config(db, "branch")).isEqualTo("401");
            assertThat(uniqueKeys(db, "customfield_data")).containsExactly(Set.of("instanceid", "fieldid"));
        }
    }
}
