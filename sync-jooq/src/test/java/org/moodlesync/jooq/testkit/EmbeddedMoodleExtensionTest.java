package org.moodlesync.jooq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;

/** The extension gives each test a fresh site of its own, the same one to all its parameters, and drops it after. */
@WithEmbeddedMoodle
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedMoodleExtensionTest {

    private static final List<String> URLS = new ArrayList<>();

    private TestMoodle fromBeforeEach;

    @BeforeEach
    void before(TestMoodle moodle) {
        fromBeforeEach = moodle;
    }

    @Test
    @Order(1)
    void aTestWritesIntoItsSite(TestMoodle moodle) {
        if (moodle.settings().inMemory()) {   // the default: no moodlesync.testkit.url given
            assertThat(moodle.dialect().family()).isEqualTo(org.jooq.SQLDialect.H2);
            assertThat(moodle.jdbcUrl()).startsWith("jdbc:h2:mem:msynckit_");
        }
        assertThat(moodle.count("user")).as("guest and admin").isEqualTo(2);
        moodle.createUser("leftover");
        moodle.setConfig("leftover_setting", "1");
        assertThat(moodle.count("user")).isEqualTo(3);
        URLS.add(moodle.jdbcUrl());
    }

    @Test
    @Order(2)
    void theNextTestSeesNoLeftovers(TestMoodle moodle) {
        assertThat(moodle.count("user")).isEqualTo(2);
        assertThat(moodle.userId("leftover")).isNull();
        assertThat(moodle.config("leftover_setting")).isNull();
        assertThat(URLS).hasSize(1).doesNotContain(moodle.jdbcUrl());
        assertThat(moodle.databaseName()).startsWith("msynckit_");
        String earlier = URLS.get(0);
        if (earlier.startsWith("jdbc:h2:")) {
            assertThatThrownBy(() -> DriverManager.getConnection(earlier.replace(";DB_CLOSE_DELAY=-1", "")
                    + ";IFEXISTS=TRUE", "sa", "").close())
                    .as("the first test's database was dropped").isInstanceOf(SQLException.class);
        }
        URLS.add(moodle.jdbcUrl());
    }

    @Test
    @Order(3)
    void everyParameterOfATestIsOfTheSameSite(TestMoodle moodle, JooqMoodle backend, MoodleDatabase database,
                                              DataSource dataSource, DSLContext dsl) {
        assertThat(fromBeforeEach).isSameAs(moodle);
        assertThat(backend).isSameAs(moodle.backend());
        assertThat(database).isSameAs(moodle.database());
        assertThat(dataSource).isSameAs(moodle.dataSource());
        assertThat(dsl.fetchCount(MDL_USER)).isEqualTo(2);
        assertThat(moodle.tablePrefix().value()).isEqualTo("mdl_");
        assertThat(moodle.dataroot().resolve("filedir")).isDirectory();
    }

    @AfterAll
    static void eachTestHadItsOwnDatabase() {
        assertThat(URLS).doesNotHaveDuplicates();
    }
}
