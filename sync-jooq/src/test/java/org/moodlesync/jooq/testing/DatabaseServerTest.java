package org.moodlesync.jooq.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseServerTest {

    @Test
    void derivesTheUrlOfATestDatabaseFromTheServerUrl() {
        assertThat(DatabaseServer.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "msync_x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/msync_x");
        assertThat(DatabaseServer.withDatabase("jdbc:postgresql://db:5433/postgres?sslmode=disable", "msync_x"))
                .isEqualTo("jdbc:postgresql://db:5433/msync_x?sslmode=disable");
        assertThat(DatabaseServer.withDatabase("jdbc:mariadb://127.0.0.1:3306/", "msync_x"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/msync_x");
        assertThat(DatabaseServer.withDatabase("jdbc:mariadb://127.0.0.1:3306", "msync_x"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/msync_x");
    }
}
