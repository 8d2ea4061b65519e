package org.moodlesync.jooq.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.moodlesync.jooq.JooqMoodle;

/** The extension registered with settings of its own: here H2 with the table prefix {@code ms_}. */
class RegisteredExtensionTest {

    @RegisterExtension
    static EmbeddedMoodleExtension moodles = EmbeddedMoodleExtension.with(TestMoodleSettings.h2()
            .withTablePrefix("ms_"));

    @Test
    void theSiteHasTheGivenPrefix(TestMoodle moodle, JooqMoodle backend) {
        assertThat(moodle.settings().inMemory()).isTrue();
        assertThat(moodle.tablePrefix().value()).isEqualTo("ms_");
        assertThat(moodle.table("course")).isEqualTo("ms_course");
        assertThat(backend.database().tablePrefix().value()).isEqualTo("ms_");
        moodle.createCourse("C1");
        assertThat(moodle.dsl().fetchValue("select count(*) from ms_course", Long.class)).as("site course and C1")
                .isEqualTo(2L);
        assertThat(moodle.count("course")).isEqualTo(2);
    }
}
