package org.moodlesync.jooq.internal.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.site.PasswordPeppers;

/** Test vectors computed by PHP's crypt() (libxcrypt), which Moodle's password_verify uses. */
class MoodlePasswordHasherTest {

    @Test
    void reproducesDrepperVectorAtMoodleRounds() {
        assertThat(MoodlePasswordHasher.standard().hash("Hello world!", "saltstringsaltstring"))
                .isEqualTo("$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM"
                        + "/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.");
    }

    @Test
    void reproducesPhpManualVectorAtFastRounds() {
        assertThat(MoodlePasswordHasher.fast().hash("rasmuslerdorf", "usesomesillystringforsalt"))
                .isEqualTo("$6$rounds=5000$usesomesillystri$D4IrlXatmP7rx3P3InaxBeoomnAihCKRVQP22JZ6EY47Wc6Bkro"
                        + "IuUUBOov1i.S5KPgErtP/EN5mcO.ChWQW21");
    }

    @Test
    void hashesNonAsciiAsUtf8LikePhp() {
        assertThat(MoodlePasswordHasher.standard().hash("Pässwörd#1", "abcdefghijklmnop"))
                .isEqualTo("$6$rounds=10000$abcdefghijklmnop$Yx7lNmKaRetzknIZq7Rci2MAzyMP30PCHUvwQ.bUSZGWb6P.2wxs"
                        + "roJ.UXCfCX777hNtCNyONZupyddl5uNmr1");
    }

    @Test
    void newHashesHaveMoodlesShapeAndVerify() {
        String hash = MoodlePasswordHasher.standard().hash("S3cret!pw");
        assertThat(hash).matches("\\$6\\$rounds=10000\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}").hasSize(119);
        assertThat(MoodlePasswordHasher.matches("S3cret!pw", hash)).isTrue();
        assertThat(MoodlePasswordHasher.matches("S3cret!pX", hash)).isFalse();
        assertThat(MoodlePasswordHasher.standard().hash("S3cret!pw")).isNotEqualTo(hash);
    }

    @Test
    void otherHashKindsNeverMatch() {
        assertThat(MoodlePasswordHasher.matches("x", "$2y$10$abcdefghijklmnopqrstuu")).isFalse();
        assertThat(MoodlePasswordHasher.matches("x", "")).isFalse();
        assertThat(MoodlePasswordHasher.matches("x", null)).isFalse();
    }

    static final String OLD_PEPPER = "#GV]NLie|x$H9[$rW%94bXZvJHa%z";
    static final String NEW_PEPPER = "#GV]NLie|x$H9[$rW%94bXZvJHa%$";
    static final PasswordPeppers PEPPERS = PasswordPeppers.of(Map.of(1, OLD_PEPPER, 2, NEW_PEPPER));

    @Test
    void aPepperedHashIsTheHashOfThePasswordWithTheNewestPepperAppended() {
        String hash = MoodlePasswordHasher.standard(PEPPERS).hash("S3cret!pw", "abcdefghijklmnop");

        // what PHP's password_verify($password . $pepper, $hash) in Moodle's login checks
        assertThat(hash).isEqualTo(MoodlePasswordHasher.standard().hash("S3cret!pw" + NEW_PEPPER, "abcdefghijklmnop"));
        assertThat(MoodlePasswordHasher.matches("S3cret!pw" + NEW_PEPPER, hash)).isTrue();
        assertThat(MoodlePasswordHasher.matches("S3cret!pw", hash)).isFalse();
        assertThat(MoodlePasswordHasher.fast(PEPPERS).hash("S3cret!pw")).startsWith("$6$rounds=5000$");
    }

    @Test
    void checksAsMoodlesLoginDoesWithNoPepperAndEveryPepper() {
        MoodlePasswordHasher hasher = MoodlePasswordHasher.fast(PEPPERS);
        MoodlePasswordHasher unpeppered = MoodlePasswordHasher.fast();
        MoodlePasswordHasher older = MoodlePasswordHasher.fast(PasswordPeppers.of(Map.of(1, OLD_PEPPER)));

        assertThat(hasher.check("pw-1", hasher.hash("pw-1"))).isEqualTo(MoodlePasswordHasher.Check.CURRENT);
        assertThat(hasher.check("pw-1", unpeppered.hash("pw-1"))).isEqualTo(MoodlePasswordHasher.Check.OLDER_PEPPER);
        assertThat(hasher.check("pw-1", older.hash("pw-1"))).isEqualTo(MoodlePasswordHasher.Check.OLDER_PEPPER);
        assertThat(hasher.check("pw-2", hasher.hash("pw-1"))).isEqualTo(MoodlePasswordHasher.Check.NO_MATCH);
        assertThat(unpeppered.check("pw-1", hasher.hash("pw-1"))).isEqualTo(MoodlePasswordHasher.Check.NO_MATCH);
        assertThat(unpeppered.check("pw-1", unpeppered.hash("pw-1"))).isEqualTo(MoodlePasswordHasher.Check.CURRENT);
    }
}
