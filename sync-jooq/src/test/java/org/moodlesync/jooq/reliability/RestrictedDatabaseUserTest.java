package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabaseExtension;

/**
 * moodle-sync needs no more than SELECT, INSERT, UPDATE and DELETE on Moodle's tables (and, on PostgreSQL, USAGE of
 * their sequences): every kind runs through a database user that has only those rights — the grants of
 * {@code docs/security.md} — and that user can change no table's structure.
 */
class RestrictedDatabaseUserTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    static final String PASSWORD = "Dml-only-1";

    @TempDir
    Path dir;

    static Stream<TestDatabase> servers() {
        return Stream.of(DatabaseServer.POSTGRESQL, DatabaseServer.MARIADB).map(TestDatabase::installed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    @ExtendWith(TestDatabaseExtension.class)
    void everyKindRunsWithDmlRightsOnly(TestDatabase db) throws Exception {
        String user = "dml_" + db.name().substring("msync_".length());
        List<String> grants = grants(db, user);
        try {
            try (Connection admin = db.dataSource().getConnection(); Statement s = admin.createStatement()) {
                for (String grant : grants) {
                    s.execute(grant);
                }
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.url());
            config.setUsername(user);
            config.setPassword(PASSWORD);
            config.setMaximumPoolSize(2);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                MoodleDatabase restricted = MoodleDatabase.of(pool, db.dialect(), "mdl_");
                SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(restricted)).clock(CLOCK).build();
                int runs = 0;
                for (Kinds.Kind kind : Kinds.ALL) {
                    Path kindDir = Files.createDirectories(dir.resolve(kind.toString()));
                    Kinds.prepare(engine, kind, kindDir);
                    RunResult dry = kind.step().apply(engine).dryRun().from(kind.sample(kindDir)).execute();
                    assertThat(dry.status()).as(kind + " dry run: " + dry.error() + dry.failures())
                            .isEqualTo(RunStatus.COMPLETED);
                    RunResult r = kind.run(engine, kind.sample(kindDir));
                    assertThat(r.status()).as(kind + ": " + r.error() + r.failures()).isEqualTo(RunStatus.COMPLETED);
                    RunResult again = kind.run(engine, kind.sample(kindDir));
                    assertThat(again.status()).isEqualTo(RunStatus.COMPLETED);
                    runs += 3;
                }
                assertThat(SiteState.violations(db.dsl())).isEmpty();
                // the rights are really that small
                DSLContext dsl = restricted.dsl();
                assertThatThrownBy(() -> dsl.execute("create table msync_probe (id int)")).isNotNull();
                assertThatThrownBy(() -> dsl.execute("drop table mdl_config")).isNotNull();
                assertThatThrownBy(() -> dsl.execute("alter table mdl_user add column probe int")).isNotNull();
                assertThatThrownBy(() -> dsl.execute(db.server() == DatabaseServer.POSTGRESQL
                        ? "truncate mdl_log" : "truncate table mdl_config")).isNotNull();
                Figures.record("restricted.runs." + db.server().name().toLowerCase(), runs);
            }
        } finally {
            db.close();
            try (Connection c = java.sql.DriverManager.getConnection(db.url().replace("/" + db.name(),
                    db.server() == DatabaseServer.POSTGRESQL ? "/postgres" : "/"), db.server().user(),
                    db.server().password()); Statement s = c.createStatement()) {
                s.execute(db.server() == DatabaseServer.POSTGRESQL ? "DROP ROLE IF EXISTS " + user
                        : "DROP USER IF EXISTS '" + user + "'@'%'");
            } catch (SQLException e) {
                System.out.println("cannot drop " + user + ": " + e.getMessage());
            }
        }
    }

    /** The grants of docs/security.md for this database. */
    private static List<String> grants(TestDatabase db, String user) throws SQLException {
        if (db.server() == DatabaseServer.POSTGRESQL) {
            return List.of(
                    "CREATE ROLE " + user + " LOGIN PASSWORD '" + PASSWORD + "'",
                    "GRANT CONNECT ON DATABASE " + db.name() + " TO " + user,
                    "GRANT USAGE ON SCHEMA public TO " + user,
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + user,
                    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + user);
        }
        List<String> grants = new java.util.ArrayList<>();
        grants.add("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
        for (String table : db.dsl().fetch("select table_name from information_schema.tables where table_schema = ?",
                db.name()).getValues(0, String.class)) {
            grants.add("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + db.name() + "`.`" + table + "` TO '" + user
                    + "'@'%'");
        }
        return grants;
    }
}
