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
    void onlyTheMirroredBranchIsWritable() {
        assertThat(new MoodleVersion(2024100710.00, "4.5.10 (Build: 20260216)").writable()).isTrue();
        assertThat(new MoodleVersion(2025041400.00, "5.0").writable()).isFalse();
        assertThat(new MoodleVersion(2023100900.00, "4.3").writable()).isFalse();
        assertThat(MoodleBranch.writableBranches()).containsExactly(MoodleBranch.MOODLE_4_5);
    }

    @Test
    void theRefusalNamesTheSiteTheReasonAndTheOverride() {
        assertThat(new MoodleVersion(2026042002.00, "5.2.2 (Build: 20260810)").refusal())
                .startsWith("the site runs Moodle 5.2.2 (Build: 20260810), version 2026042002.00")
                .contains("does not yet mirror the Moodle 5.2 schema")
                .contains("writes into Moodle 4.5 only. Nothing was written.")
                .contains("--allow-unknown-moodle-version");
        assertThat(new MoodleVersion(2019052000.00, null).refusal()).contains("older than every version moodle-sync writes")
                .contains("Moodle, version 2019052000.00");
        assertThat(new MoodleVersion(0, "").refusal()).contains("records no version");
    }
}
