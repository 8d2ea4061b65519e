package org.moodlesync.jooq.internal.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_SECTIONS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_PREFERENCES;

import org.junit.jupiter.api.Test;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.version.MoodleBranch;

class SiteSchemaTest {

    @Test
    void columnLengthsFollowTheBranch() {
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_4_1).maxLength(MDL_COURSE.FULLNAME)).isEqualTo(254);
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_4_5).maxLength(MDL_COURSE.FULLNAME)).isEqualTo(254);
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_5_0).maxLength(MDL_COURSE.FULLNAME)).isEqualTo(1333);
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_5_0).maxLength(MDL_COURSE_SECTIONS.NAME)).isEqualTo(255);
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_5_3).maxLength(MDL_COURSE_SECTIONS.NAME)).isEqualTo(1333);
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_4_5).maxLength(MDL_USER_PREFERENCES.VALUE)).isEqualTo(1333);
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_5_0).maxLength(MDL_USER_PREFERENCES.VALUE))
                .as("text from 5.0").isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aValueTooLongForTheBranchFailsItsLineNamingTheBranchThatHoldsIt() {
        SiteSchema lts = SiteSchema.of(MoodleBranch.MOODLE_4_5);
        lts.requireFits(MDL_COURSE.FULLNAME, "x".repeat(254), "fullname");
        lts.requireFits(MDL_COURSE.FULLNAME, null, "fullname");
        assertThatThrownBy(() -> lts.requireFits(MDL_COURSE.FULLNAME, "x".repeat(255), "fullname"))
                .isInstanceOf(LineRejected.class)
                .hasMessage("255 characters are more than the site's Moodle 4.5 holds in course.fullname (254); "
                        + "Moodle 5.0 and later hold 1333 characters");
        assertThatThrownBy(() -> SiteSchema.of(MoodleBranch.MOODLE_5_3)
                .requireFits(MDL_COURSE.FULLNAME, "x".repeat(1334), "fullname"))
                .isInstanceOf(LineRejected.class)
                .hasMessage("1334 characters are more than the site's Moodle 5.3 holds in course.fullname (1333)");
    }

    @Test
    void columnsABranchLacks() {
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_4_1).has(MDL_GROUPS.VISIBILITY)).isFalse();
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_4_2).has(MDL_GROUPS.VISIBILITY)).isTrue();
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_4_3).has(MDL_COURSE_SECTIONS.COMPONENT)).isFalse();
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_4_5).has(MDL_USER.MOODLENETPROFILE)).isTrue();
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_5_3).has(MDL_USER.MOODLENETPROFILE)).isFalse();
        assertThat(SiteSchema.of(MoodleBranch.MOODLE_5_3).fields(MDL_USER)).hasSize(MDL_USER.fields().length - 1);
    }
}
