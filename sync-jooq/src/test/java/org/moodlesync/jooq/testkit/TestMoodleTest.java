package org.moodlesync.jooq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.jooq.schema.Tables.MDL_CACHE_FLAGS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.user.UserCommand;

/** The site helpers, and the settings. */
@WithEmbeddedMoodle
class TestMoodleTest {

    @Test
    void enablesAnEnrolPluginAsMoodleDoes(TestMoodle moodle) {
        assertThat(moodle.enabledEnrolPlugins()).containsExactly("manual", "guest", "self", "cohort");
        assertThat(moodle.pluginConfig("enrol_meta", "syncall")).isNull();

        moodle.enablePlugin("enrol_meta");

        assertThat(moodle.config("enrol_plugins_enabled")).isEqualTo("manual,guest,self,cohort,meta");
        assertThat(moodle.pluginConfig("enrol_meta", "syncall")).isEqualTo("1");
        assertThat(moodle.pluginConfig("enrol_meta", "unenrolaction")).isEqualTo("3");
        assertThat(moodle.pluginConfig("enrol_meta", "nosyncroleids")).isEmpty();
        assertThat(moodle.pluginConfig("enrol_meta", "coursesort")).isEqualTo("sortorder");
        assertThat(moodle.count(MDL_CACHE_FLAGS, MDL_CACHE_FLAGS.FLAGTYPE.eq("accesslib/dirtycontexts")
                .and(MDL_CACHE_FLAGS.NAME.eq("/1")))).as("system context marked dirty").isEqualTo(1);

        moodle.setPluginConfig("enrol_meta", "syncall", "0").enableEnrolPlugin("meta");
        assertThat(moodle.config("enrol_plugins_enabled")).as("enabled once").isEqualTo(
                "manual,guest,self,cohort,meta");
        assertThat(moodle.pluginConfig("enrol_meta", "syncall")).as("a setting made stays").isEqualTo("0");

        moodle.disablePlugin("enrol_self");
        assertThat(moodle.enabledEnrolPlugins()).containsExactly("manual", "guest", "cohort", "meta");
        assertThatThrownBy(() -> moodle.enablePlugin("auth_ldap")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enrol");
    }

    @Test
    void setsAndRemovesSettings(TestMoodle moodle) {
        assertThat(moodle.config("defaultcity")).isEmpty();
        moodle.setConfig("defaultcity", "Lyon").setConfig("brand_new", "x");
        assertThat(moodle.config("defaultcity")).isEqualTo("Lyon");
        assertThat(moodle.config("brand_new")).isEqualTo("x");
        moodle.setConfig("brand_new", null);
        assertThat(moodle.config("brand_new")).isNull();

        moodle.setPluginConfig("moodlecourse", "format", "weeks").setPluginConfig("local_x", "a", "b");
        assertThat(moodle.pluginConfig("moodlecourse", "format")).isEqualTo("weeks");
        assertThat(moodle.pluginConfig("local_x", "a")).isEqualTo("b");
        moodle.setPluginConfig("local_x", "a", null);
        assertThat(moodle.pluginConfig("local_x", "a")).isNull();
    }

    @Test
    void createsUsersAndCoursesWithTheirRows(TestMoodle moodle) {
        long jdoe = moodle.createUser("jdoe");
        long ada = moodle.createUser(UserCommand.builder().username("ada").idnumber("E1").firstname("Ada")
                .lastname("Lovelace").email("ada@example.org").build());
        assertThat(jdoe).isEqualTo(3);
        assertThat(ada).isEqualTo(4);
        assertThat(moodle.userId("jdoe")).isEqualTo(jdoe);
        assertThat(moodle.count(MDL_USER, MDL_USER.EMAIL.eq("jdoe@example.org"))).isEqualTo(1);
        assertThat(moodle.count(MDL_CONTEXT, MDL_CONTEXT.CONTEXTLEVEL.eq(30L).and(MDL_CONTEXT.INSTANCEID.eq(ada))))
                .as("the user's context").isEqualTo(1);

        long chem = moodle.createCourse("CHEM1");
        long art = moodle.createCourse(CourseCommand.builder().shortname("ART1").fullname("Art one")
                .category("Arts").build());
        assertThat(moodle.courseId("CHEM1")).isEqualTo(chem);
        assertThat(moodle.count(MDL_COURSE, MDL_COURSE.ID.eq(art).and(MDL_COURSE.FULLNAME.eq("Art one"))))
                .isEqualTo(1);
        assertThat(moodle.count(MDL_ENROL, MDL_ENROL.COURSEID.eq(chem))).as("manual, guest, self")
                .isEqualTo(3);
        assertThat(moodle.count("course_categories")).as("Category 1 and Arts").isEqualTo(2);
        assertThat(moodle.courseId("NONE")).isNull();
    }

    @Test
    void aSiteMadeByHandIsDroppedWithItsDataRoot() {
        Path dataroot;
        String table;
        try (TestMoodle moodle = TestMoodle.create(TestMoodleSettings.h2().withTablePrefix("ms_"))) {
            dataroot = moodle.dataroot();
            table = moodle.table("user");
            assertThat(table).isEqualTo("ms_user");
            assertThat(moodle.count("user")).isEqualTo(2);
            assertThat(moodle.dsl().fetchValue("select count(*) from ms_user", Long.class)).isEqualTo(2L);
            moodle.createUser("x");
            assertThat(moodle.count("user")).isEqualTo(3);
        }
        assertThat(Files.exists(dataroot)).isFalse();
    }

    @Test
    void readsItsSettings() {
        TestMoodleSettings none = TestMoodleSettings.from(key -> Optional.empty());
        assertThat(none.inMemory()).isEqualTo(System.getProperty(TestMoodleSettings.URL) == null
                && System.getenv("MOODLESYNC_TESTKIT_URL") == null);

        TestMoodleSettings pg = TestMoodleSettings.from(key -> Optional.ofNullable(switch (key) {
            case TestMoodleSettings.URL -> "jdbc:postgresql://db:5433/postgres?sslmode=disable";
            case TestMoodleSettings.PREFIX -> "ms_";
            default -> null;
        }));
        assertThat(pg.inMemory()).isFalse();
        assertThat(pg.effectiveUser()).isEqualTo("postgres");
        assertThat(pg.effectivePassword()).isEmpty();
        assertThat(pg.tablePrefix()).isEqualTo("ms_");
        assertThat(TestMoodleSettings.server("jdbc:mariadb://127.0.0.1:3306/", null, null).effectiveUser())
                .isEqualTo("root");
        assertThat(TestMoodleSettings.environmentName(TestMoodleSettings.URL)).isEqualTo("MOODLESYNC_TESTKIT_URL");
        assertThatThrownBy(() -> TestMoodleSettings.server("jdbc:oracle:thin:@x", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TestMoodleSettings.URL);
        assertThatThrownBy(() -> TestMoodleSettings.h2().withTablePrefix("Bad-"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(ServerDatabases.withDatabase("jdbc:postgresql://db:5433/postgres?sslmode=disable", "msynckit_a"))
                .isEqualTo("jdbc:postgresql://db:5433/msynckit_a?sslmode=disable");
        assertThat(ServerDatabases.withDatabase("jdbc:mariadb://127.0.0.1:3306", "msynckit_a"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/msynckit_a");
        assertThat(ServerDatabases.uniqueName()).matches("msynckit_[a-z0-9]{12}")
                .isNotEqualTo(ServerDatabases.uniqueName());
    }

    @Test
    void anUnreachableServerFailsWithTheSetting() {
        TestMoodleSettings nowhere = TestMoodleSettings.server("jdbc:postgresql://127.0.0.1:1/postgres", "u", "");
        assertThatThrownBy(() -> TestMoodle.create(nowhere)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageContaining(TestMoodleSettings.URL);
    }
}
