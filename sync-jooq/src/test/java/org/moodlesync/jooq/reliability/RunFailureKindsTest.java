package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * A run that cannot be done says why with a {@link RunFailure} a host can act on — its kind and one sentence, never
 * a password — in the library's result, not only on the command line.
 */
class RunFailureKindsTest {

    private static final String HEADER = "username;firstname;lastname;email";

    @TempDir
    Path dir;

    private Path users() throws Exception {
        return Kinds.write(Files.createDirectories(dir.resolve("in")), "userimport.csv", HEADER,
                java.util.List.of("k1;K;One;k1@example.org"));
    }

    private static RunResult run(MoodleDatabase database, Path file) {
        return SyncEngine.builder().moodle(JooqMoodle.on(database)).build().users().identifyBy(UserKey.USERNAME)
                .from(file).execute();
    }

    @OnEachDatabase
    void theWrongTablePrefixIsNotAMoodleSite(TestDatabase db) throws Exception {
        RunResult run = run(MoodleDatabase.of(db.dataSource(), db.dialect(), "zz_"), users());

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.NOT_A_MOODLE_SITE);
        assertThat(run.failure().message()).contains("not a Moodle database, or the table prefix");
        assertThat(run.error()).as("the deprecated accessor says the same").isEqualTo(run.failure().message());
        assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.eq("k1"))).isZero();
    }

    @OnEachDatabase
    void aSiteOfAnotherVersionIsRefusedAsSuch(TestDatabase db) throws Exception {
        db.dsl().update(MDL_CONFIG).set(MDL_CONFIG.VALUE, "2022041900").where(MDL_CONFIG.NAME.eq("version"))
                .execute();

        RunResult run = run(db.moodle(), users());

        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.UNSUPPORTED_MOODLE_VERSION);
        assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.eq("k1"))).isZero();
    }

    @OnEachDatabase
    void aCommandFileThatIsNotThereIsAnInputFailure(TestDatabase db) {
        RunResult run = run(db.moodle(), dir.resolve("nope.csv"));

        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.INPUT);
        assertThat(run.failure().message()).isEqualTo("cannot read nope.csv: no such file");
    }

    @Test
    void aRefusedConnectionIsUnreachableAndAPasswordInTheUrlIsNeverEchoed() {
        assertThatThrownBy(() -> MoodleDatabase.fromJdbcUrl("jdbc:postgresql://127.0.0.1:1/moodle?password=S3cret",
                "u", "Other-Secret", "mdl_", Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(SyncException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RunFailure.Kind.DATABASE_UNREACHABLE);
                    assertThat(e.getMessage()).contains("connection refused").contains("127.0.0.1:1")
                            .doesNotContain("S3cret").doesNotContain("Other-Secret");
                });
        assertThatThrownBy(() -> MoodleDatabase.fromJdbcUrl("jdbc:mariadb://u:Secret@127.0.0.1:notaport/x", "u",
                "", "mdl_", Duration.ofSeconds(2)))
                .isInstanceOf(SyncException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secret"));
        assertThatThrownBy(() -> MoodleDatabase.fromJdbcUrl("notaurl", "u", "pw", "mdl_"))
                .isInstanceOfSatisfying(SyncException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RunFailure.Kind.DATABASE_UNREACHABLE);
                    assertThat(e.getMessage()).contains("not a JDBC URL moodle-sync knows");
                });
    }

    @Test
    void anUnknownDatabaseAndARefusedLoginAreToldApart() {
        DatabaseServer.POSTGRESQL.requireAvailable();
        String pg = DatabaseServer.POSTGRESQL.adminUrl();
        String missing = pg.replaceFirst("(//[^/]+)/[^?]*", "$1/no_such_db_" + ProcessHandle.current().pid());
        assertThatThrownBy(() -> MoodleDatabase.fromJdbcUrl(missing, DatabaseServer.POSTGRESQL.user(),
                DatabaseServer.POSTGRESQL.password(), "mdl_", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(SyncException.class,
                        e -> assertThat(e.kind()).isEqualTo(RunFailure.Kind.DATABASE_NOT_FOUND));

        DatabaseServer.MARIADB.requireAvailable();
        assertThatThrownBy(() -> MoodleDatabase.fromJdbcUrl(DatabaseServer.MARIADB.adminUrl(), "no_such_user_ms",
                "Wrong-Pass-9", "mdl_", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(SyncException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RunFailure.Kind.DATABASE_LOGIN);
                    assertThat(e.getMessage()).contains("refused the login").doesNotContain("Wrong-Pass-9");
                });
    }
}
