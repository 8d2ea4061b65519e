package org.moodlesync.jooq.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoodleVersionTest {

    @Test
    void pointReleasesBelongToTheirBranch() {
        assertThat(MoodleBranch.of(2024100700.00)).contains(MoodleBranch.MOODLE_4_5);
        assertThat(MoodleBranch.of(2024100710.00)).contains(MoodleBranch.MOODLE_4_5);
        assertThat(MoodleBranch.of(2024100799.99)).contains(MoodleBranch.MOODLE_4_5);
        assertThat(MoodleBranch.of(2025100613.05)).contains(MoodleBranch.MOODLE_5_1);
        assertThat(MoodleBranch.of(2022112800.00)).contains(MoodleBranch.MOODLE_4_1);
    }

    @Test
    void developmentVersionsBetweenReleasesHaveNoBranch() {
        assertThat(MoodleBranch.of(2024100800.00)).isEmpty();
        assertThat(MoodleBranch.of(2024121900.01)).isEmpty();
        assertThat(MoodleBranch.of(0)).isEmpty();
    }

    @Test
    void everyBranchFrom41To53IsWritableAndNothingElse() {
        assertThat(new MoodleVersion(2024100710.00, "4.5.10 (Build: 20260216)").writable()).isTrue();
        assertThat(new MoodleVersion(2025041400.00, "5.0").writable()).isTrue();
        assertThat(new MoodleVersion(2026100500.00, "5.3 (Build: 20261005)").writable()).isTrue();
        assertThat(new MoodleVersion(2022112813.00, "4.1.13").writable()).isTrue();
        assertThat(new MoodleVersion(2022041900.00, "4.0").writable()).isFalse();
        assertThat(new MoodleVersion(2026120400.00, "6.0dev").writable()).isFalse();
        assertThat(MoodleBranch.writableBranches()).containsExactly(MoodleBranch.values());
    }

    @Test
    void theNearestBranchOfADevelopmentBuildIsTheLastReleasedBeforeIt() {
        assertThat(MoodleBranch.nearest(2024121900.01)).isEqualTo(MoodleBranch.MOODLE_4_5);
        assertThat(MoodleBranch.nearest(2026120400.00)).isEqualTo(MoodleBranch.MOODLE_5_3);
        assertThat(MoodleBranch.nearest(2019052000.00)).isEqualTo(MoodleBranch.MOODLE_4_1);
        assertThat(MoodleBranch.ofLabel("5.3")).isEqualTo(MoodleBranch.MOODLE_5_3);
    }

    @Test
    void theRefusalNamesTheSiteTheReasonAndTheOverride() {
        assertThat(new MoodleVersion(2026120400.00, "6.0dev (Build: 20261204)").refusal())
                .startsWith("the site runs Moodle 6.0dev (Build: 20261204), version 2026120400.00")
                .contains("does not know this version (newer, or a development build)")
                .contains("writes into Moodle 4.1 to 5.3 only. Nothing was written.")
                .contains("--allow-unknown-moodle-version");
        assertThat(new MoodleVersion(2019052000.00, null).refusal()).contains("older than every version moodle-sync writes")
                .contains("Moodle, version 2019052000.00");
        assertThat(new MoodleVersion(0, "").refusal()).contains("records no version");
    }
}
