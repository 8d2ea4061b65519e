package org.moodlesync.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OutputNamesTest {

    private static final Instant WHEN = Instant.parse("2024-12-31T23:59:59Z");

    @Test
    void theStampIsLocalTimeToTheMinute() {
        assertThat(OutputNames.stamp(WHEN, ZoneOffset.UTC)).isEqualTo("20241231-235959");
        assertThat(OutputNames.stamp(WHEN, ZoneId.of("Europe/Paris"))).isEqualTo("20250101-005959");
    }

    @Test
    void reportName() {
        assertThat(OutputNames.report("userimport.csv", WHEN, ZoneOffset.UTC))
                .isEqualTo("20241231-235959_report_userimport.csv");
    }

    @Test
    void trybackName() {
        assertThat(OutputNames.tryback("userimport.csv", WHEN, ZoneOffset.UTC))
                .isEqualTo("userimport_tryback_20241231-235959.csv");
        assertThat(OutputNames.tryback("users.2024.txt", WHEN, ZoneOffset.UTC))
                .isEqualTo("users.2024_tryback_20241231-235959.txt");
    }

    @Test
    void aNameWithoutExtensionGetsCsv() {
        assertThat(OutputNames.tryback("users", WHEN, ZoneOffset.UTC)).isEqualTo("users_tryback_20241231-235959.csv");
        assertThat(OutputNames.tryback(".hidden", WHEN, ZoneOffset.UTC))
                .isEqualTo(".hidden_tryback_20241231-235959.csv");
    }

    @Test
    void foldersAreDroppedFromTheInputName() {
        assertThat(OutputNames.report("/var/sync/in/userimport.csv", WHEN, ZoneOffset.UTC))
                .isEqualTo("20241231-235959_report_userimport.csv");
        assertThat(OutputNames.tryback("C:\\sync\\userimport.csv", WHEN, ZoneOffset.UTC))
                .isEqualTo("userimport_tryback_20241231-235959.csv");
        assertThat(OutputNames.archive("in/userimport.csv", WHEN, ZoneOffset.UTC))
                .isEqualTo("20241231-235959_userimport.csv");
    }
}
