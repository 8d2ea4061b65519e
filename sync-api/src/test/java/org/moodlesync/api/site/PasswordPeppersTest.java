package org.moodlesync.api.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;

class PasswordPeppersTest {

    /** config-dist.php's example peppers (strong enough for Moodle). */
    static final String OLD = "#GV]NLie|x$H9[$rW%94bXZvJHa%z";
    static final String NEW = "#GV]NLie|x$H9[$rW%94bXZvJHa%$";

    @Test
    void theHighestIndexIsThePepperInUseAndLoginTriesNoneThenNewestFirst() {
        PasswordPeppers peppers = PasswordPeppers.of(Map.of(1, OLD, 2, NEW));

        assertThat(peppers.current()).isEqualTo(NEW);
        assertThat(peppers.inUse()).isTrue();
        assertThat(peppers.candidates()).containsExactly("", NEW, OLD);
    }

    @Test
    void anEmptyNewestPepperTakesTheSiteOffPeppersAndKeepsTheOldOnesForLogin() {
        PasswordPeppers peppers = PasswordPeppers.of(Map.of(1, OLD, 2, ""));

        assertThat(peppers.current()).isEmpty();
        assertThat(peppers.inUse()).isFalse();
        assertThat(peppers.candidates()).containsExactly("", OLD);
        assertThat(PasswordPeppers.none().candidates()).containsExactly("");
    }

    @Test
    void aNewestPepperBelowMoodlesEntropyFloorIsRefusedAnOlderWeakOneIsNot() {
        assertThat(PasswordPeppers.entropyBits("aaaa")).isZero();
        assertThat(PasswordPeppers.entropyBits("abcd")).isEqualTo(8.0);
        assertThat(PasswordPeppers.entropyBits(OLD)).isGreaterThan(112);

        assertThatThrownBy(() -> PasswordPeppers.of(Map.of(1, OLD, 2, "pepper123")))
                .isInstanceOf(SyncException.class)
                .hasMessageContaining("index 2").hasMessageContaining("112")
                .hasMessageNotContaining("pepper123")
                .extracting(e -> ((SyncException) e).kind()).isEqualTo(RunFailure.Kind.CONFIGURATION);
        assertThat(PasswordPeppers.of(Map.of(1, "weak", 2, NEW)).current()).isEqualTo(NEW);
    }

    @Test
    void readsConfigPhpInBothOfMoodlesWritings() {
        PasswordPeppers array = PasswordPeppers.from(MoodleConfigPhp.parse("<?php\n$CFG->passwordpeppers = [\n"
                + "    1 => '" + OLD + "',\n    2 => '" + NEW + "',\n];\n"));
        PasswordPeppers entries = PasswordPeppers.from(MoodleConfigPhp.parse("<?php\n"
                + "$CFG->passwordpeppers[2] = '" + NEW + "';\n$CFG->passwordpeppers[1] = '" + OLD + "';\n"));

        assertThat(array).isEqualTo(PasswordPeppers.of(Map.of(1, OLD, 2, NEW)));
        assertThat(entries).isEqualTo(array);
        assertThat(PasswordPeppers.from(MoodleConfigPhp.parse("<?php $CFG->dbtype = 'pgsql';")))
                .isEqualTo(PasswordPeppers.none());
    }

    @Test
    void peppersConfigPhpSetsByAnExpressionAreRefusedNotGuessed() {
        assertThatThrownBy(() -> PasswordPeppers.from(MoodleConfigPhp.parse(
                "<?php $CFG->passwordpeppers = [1 => getenv('PEPPER')];")))
                .isInstanceOf(SyncException.class).hasMessageContaining("expression");
        assertThatThrownBy(() -> PasswordPeppers.from(MoodleConfigPhp.parse(
                "<?php $CFG->passwordpeppers[1] = getenv('PEPPER');")))
                .isInstanceOf(SyncException.class).hasMessageContaining("expression");
        assertThatThrownBy(() -> PasswordPeppers.from(MoodleConfigPhp.parse(
                "<?php $CFG->passwordpeppers = ['new' => '" + NEW + "'];")))
                .isInstanceOf(SyncException.class).hasMessageContaining("positive integers");
        assertThatThrownBy(() -> PasswordPeppers.from(MoodleConfigPhp.parse(
                "<?php $CFG->passwordpeppers = [1 => 'short'];")))
                .isInstanceOf(SyncException.class).hasMessageContaining("config.php: $CFG->passwordpeppers")
                .hasMessageNotContaining("short");
    }

    @Test
    void neitherThePeppersNorTheConfigShowAPepper() {
        MoodleConfigPhp config = MoodleConfigPhp.parse("<?php $CFG->passwordpeppers = [1 => '" + OLD + "', 2 => '"
                + NEW + "'];");

        assertThat(PasswordPeppers.from(config)).hasToString("PasswordPeppers[2 peppers, newest index 2]");
        assertThat(config.toString()).doesNotContain("GV]NLie");
    }
}
