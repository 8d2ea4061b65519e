package org.moodlesync.jooq.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.moodlesync.jooq.database.MoodleDatabase;

/** The embedded Moodle a host application uses in its own tests. */
class EmbeddedMoodleTest {

    @Test
    void installsAnInMemoryMoodleAndDropsItOnClose() {
        try (MoodleDatabase moodle = MoodleDatabase.h2InMemory("embedded_moodle_test")) {
            assertThat(moodle.dialect()).isEqualTo(SQLDialect.H2);
            MoodleSchemaInstaller.on(moodle).siteName("Test site", "test").adminPassword("Secret-1").install();

            assertThat(moodle.dsl().fetchCount(MDL_USER)).isEqualTo(2);
            assertThat(moodle.dsl().fetchSingle("select count(*) from mdl_user").get(0, Integer.class)).isEqualTo(2);
        }
        try (MoodleDatabase again = MoodleDatabase.h2InMemory("embedded_moodle_test")) {
            assertThat(MoodleSchemaInstaller.on(again).installIfAbsent()).as("a fresh, empty database").isTrue();
        }
    }

    @Test
    void detectsTheDialect() {
        try (MoodleDatabase moodle = MoodleDatabase.fromJdbcUrl(
                "jdbc:h2:mem:detect_test" + MoodleDatabase.H2_URL_OPTIONS, "sa", "", "ms_")) {
            assertThat(moodle.dialect()).isEqualTo(SQLDialect.H2);
            assertThat(moodle.tablePrefix().value()).isEqualTo("ms_");
            assertThat(MoodleDatabase.detectDialect(moodle.dataSource())).isEqualTo(SQLDialect.H2);
        }
    }
}
