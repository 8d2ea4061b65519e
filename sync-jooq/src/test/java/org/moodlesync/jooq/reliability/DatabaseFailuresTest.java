package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * Failures of the database that are nobody's line's fault: a lost race is retried as a whole chunk (and a race lost
 * for good fails only the lines concerned), a pool with no connection to give ends the run with a clear status and
 * says which lines were written.
 */
class DatabaseFailuresTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    /** The insert of users (on H2 wrapped in the query that returns the new ids: {@code from final table (…)}). */
    static final Pattern USER_INSERT = Pattern.compile(
            "^(select .*? from final table \\()?insert into [\"`]mdl_user[\"`]", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    static final String HEADER = "username;firstname;lastname;email";

    @TempDir
    Path dir;

    private static List<String> users(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            lines.add("user" + i + ";First" + i + ";Last" + i + ";user" + i + "@example.org");
        }
        return lines;
    }

    private static SyncEngine engine(javax.sql.DataSource ds, TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(MoodleDatabase.of(ds, db.dialect(), "mdl_"))).clock(CLOCK)
                .build();
    }

    @OnEachDatabase
    void aDeadlockedChunkIsRetriedAsAWholeNotReplayedLineByLine(TestDatabase db) throws Exception {
        FaultyDataSource spy = new FaultyDataSource(db.dataSource()).recordSql();
        AtomicBoolean failed = new AtomicBoolean();
        String state = db.server() == org.moodlesync.jooq.testing.DatabaseServer.POSTGRESQL ? "40P01" : "40001";
        spy.fault((n, sql, c) -> {
            if (sql != null && USER_INSERT.matcher(sql).find() && failed.compareAndSet(false, true)) {
                throw new SQLException("deadlock detected (injected)", state);
            }
        });

        RunResult run = engine(spy, db).users().identifyBy(UserKey.USERNAME)
                .from(Kinds.write(dir, "userimport.csv", HEADER, users(1, 4))).execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED).hasSize(4);
        // the failed multi-row insert and its retry: a line-by-line replay would have made 1 + 4 inserts
        assertThat(spy.sql().stream().filter(s -> USER_INSERT.matcher(s).find())).hasSize(2);
        assertThat(SiteState.violations(db.dsl())).isEmpty();
    }

    @OnEachDatabase
    void aRaceLostForGoodFailsOnlyItsLinesWithTheReason(TestDatabase db) throws Exception {
        engine(db.dataSource(), db).users().identifyBy(UserKey.USERNAME)
                .from(Kinds.write(Files.createDirectories(dir.resolve("setup")), "setup.csv", HEADER, users(1, 1)))
                .execute();
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        faulty.fault((n, sql, c) -> {
            if (sql != null && USER_INSERT.matcher(sql).find()) {
                throw new SQLException("Deadlock found when trying to get lock (injected)", "40001", 1213);
            }
        });
        List<String> lines = new ArrayList<>(users(2, 3));
        lines.add("user1;Renamed;Last1;user1@example.org");
        long started = System.nanoTime();

        RunResult run = engine(faulty, db).users().identifyBy(UserKey.USERNAME)
                .from(Kinds.write(dir, "userimport.csv", HEADER, lines)).execute();

        assertThat((System.nanoTime() - started) / 1_000_000).as("retries are bounded").isLessThan(15_000);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.UPDATED);
        assertThat(run.failures()).allSatisfy(f -> assertThat(f.error().reason())
                .startsWith("the database refused the line").contains("Deadlock found"));
        assertThat(Files.readAllLines(run.trybackFile())).containsExactly(HEADER, lines.get(0), lines.get(1));
        assertThat(SiteState.violations(db.dsl())).isEmpty();
    }

    @OnEachDatabase
    void aUserInsertedByAnotherRunMeanwhileIsFoundOnTheRetryNotDuplicated(TestDatabase db) throws Exception {
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        AtomicBoolean raced = new AtomicBoolean();
        Path otherFile = Kinds.write(Files.createDirectories(dir.resolve("other")), "other.csv", HEADER, users(2, 2));
        faulty.fault((n, sql, c) -> {
            if (sql != null && USER_INSERT.matcher(sql).find() && raced.compareAndSet(false, true)) {
                // another run creates user2 between this chunk's lookup and its insert
                RunResult other = engine(db.dataSource(), db).users().identifyBy(UserKey.USERNAME)
                        .from(otherFile).execute();
                assertThat(other.status()).isEqualTo(RunStatus.COMPLETED);
            }
        });

        RunResult run = engine(faulty, db).users().identifyBy(UserKey.USERNAME)
                .from(Kinds.write(dir, "userimport.csv", HEADER, users(1, 3))).execute();

        assertThat(raced).isTrue();
        assertThat(run.status()).as(run.failures().toString()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.UNCHANGED, Outcome.CREATED);
        assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.like("user%"))).isEqualTo(3);
        assertThat(SiteState.violations(db.dsl())).isEmpty();
    }

    private static HikariDataSource smallPool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.server().user());
        config.setPassword(db.server().password());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        config.setPoolName("one-" + db.name());
        return new HikariDataSource(config);
    }

    @OnEachDatabase
    void aPoolWithNoConnectionToGiveEndsTheRunClearlySayingWhatWasWritten(TestDatabase db) throws Exception {
        try (HikariDataSource pool = smallPool(db)) {
            SyncEngine engine = engine(pool, db);
            // no connection at all: the run cannot start
            try (Connection held = pool.getConnection()) {
                RunResult none = engine.users().identifyBy(UserKey.USERNAME)
                        .from(Kinds.write(Files.createDirectories(dir.resolve("none")), "userimport.csv", HEADER,
                                users(1, 3))).execute();
                assertThat(none.status()).isEqualTo(RunStatus.FAILED);
                assertThat(none.error()).contains("cannot reach the Moodle database")
                        .contains("Connection is not available");
                assertThat(none.failure().kind()).isEqualTo(RunFailure.Kind.DATABASE_UNREACHABLE);
                assertThat(none.counts().read()).isZero();
                assertThat(held.isValid(1)).isTrue();
            }
            assertThat(db.dsl().fetchCount(MDL_USER)).isEqualTo(2);

            // the pool runs dry after the first chunk: the run ends FAILED, the first chunk written and said so
            AtomicReference<Connection> taken = new AtomicReference<>();
            SyncListener thief = new SyncListener() {
                @Override
                public void lineDone(LineResult line) {
                    if (line.line() == 4 && taken.get() == null) {
                        try {
                            taken.set(pool.getConnection());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };
            Path file = Kinds.write(Files.createDirectories(dir.resolve("dry")), "userimport.csv", HEADER,
                    users(1, 9));
            RunResult run;
            try {
                run = engine.users().identifyBy(UserKey.USERNAME).chunkSize(3).listener(thief).from(file).execute();
            } finally {
                if (taken.get() != null) {
                    taken.get().close();
                }
            }
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).contains("lines 5-7").contains("Connection is not available");
            assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.CONNECTION_LOST);
            assertThat(run.lines()).extracting(LineResult::line).containsExactly(2L, 3L, 4L);
            assertThat(run.lines()).extracting(LineResult::outcome).containsOnly(Outcome.CREATED);
            assertThat(db.dsl().fetchCount(MDL_USER)).isEqualTo(2 + 3);
            assertThat(Files.readAllLines(run.trybackFile())).containsExactlyElementsOf(
                    java.util.stream.Stream.concat(java.util.stream.Stream.of(HEADER), users(4, 9).stream()).toList());
            assertThat(SiteState.violations(db.dsl())).isEmpty();

            RunResult rerun = engine.users().identifyBy(UserKey.USERNAME).from(run.trybackFile()).execute();
            assertThat(rerun.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(db.dsl().fetchCount(MDL_USER)).isEqualTo(2 + 9);
        }
    }
}
