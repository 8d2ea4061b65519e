package org.moodlesync.core.internal.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.moodlesync.api.command.enrol.EnrolTime;

/** The times people write in enrolment files. */
class EnrolTimeTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-09-01                | 2024-09-01T00:00",
            "2024/09/01                | 2024-09-01T00:00",
            "01.09.2024                | 2024-09-01T00:00",
            "1.9.2024                  | 2024-09-01T00:00",
            "2024-09-01 08:30          | 2024-09-01T08:30",
            "2024-09-01 08:30:15       | 2024-09-01T08:30:15",
            "2024-09-01T08:30:15       | 2024-09-01T08:30:15",
            "2024-09-01T08:30:15.250   | 2024-09-01T08:30:15",
            "01.09.2024 17:45          | 2024-09-01T17:45",
            "' 2024-09-01 '            | 2024-09-01T00:00"})
    void wallClockTimesAreReadInTheSitesZone(String text, String local) {
        EnrolTime t = EnrolTime.parse(text);
        assertThat(t.isAbsolute()).isFalse();
        assertThat(t.local()).isEqualTo(LocalDateTime.parse(local));
        assertThat(t.toEpochSecond(PARIS)).isEqualTo(LocalDateTime.parse(local).atZone(PARIS).toEpochSecond());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1725148800                 | 1725148800",
            "0                          | 0",
            "2024-09-01T00:00:00Z       | 1725148800",
            "2024-09-01T02:00:00+02:00  | 1725148800",
            "2024-09-01 02:00:00 +0200  | 1725148800"})
    void unixTimesAndZonedTimesAreAbsolute(String text, long epoch) {
        EnrolTime t = EnrolTime.parse(text);
        assertThat(t.isAbsolute()).isTrue();
        assertThat(t.toEpochSecond(PARIS)).isEqualTo(epoch);
        assertThat(t.toEpochSecond(ZoneOffset.UTC)).isEqualTo(epoch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01/09/2024", "09/01/2024 10:00"})
    void slashDatesWithTheYearLastAreAmbiguous(String text) {
        assertThatThrownBy(() -> EnrolTime.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ambiguous");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "2024-13-01", "2024-02-30", "2024-09-01 25:00", "-5", "2024-09-01Z", ""})
    void otherTextIsRefused(String text) {
        assertThatThrownBy(() -> EnrolTime.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueIsEitherAMomentOrAWallClockTime() {
        assertThatThrownBy(() -> new EnrolTime(1L, LocalDateTime.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnrolTime(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
