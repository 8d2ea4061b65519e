package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.UserSync;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * Two (or three) engines on one database at once — the same kind on overlapping files, and different kinds — keep
 * the site coherent: no username twice, every user exactly one context; a line that loses a race to the other run
 * is retried or fails alone with its reason, never crashes a run; a rerun completes what failed.
 */
class ConcurrencyTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    static final String HEADER = "username;idnumber;firstname;lastname;email";

    @TempDir
    Path dir;

    private static List<String> users(String prefix, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            lines.add(prefix + i + ";" + prefix.toUpperCase() + i + ";First" + i + ";Last" + i + ";" + prefix + i
                    + "@example.org");
        }
        return lines;
    }

    private static SyncEngine engine(TestDatabase db) {
        // each run its own backend, as two processes would have
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build();
    }

    /** Runs the tasks at the same moment and returns their results (a task that throws fails the test). */
    private static List<RunResult> together(List<Callable<RunResult>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<RunResult>> futures = new ArrayList<>();
            for (Callable<RunResult> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void noCrash(List<RunResult> runs) {
        for (RunResult r : runs) {
            assertThat(r.status()).as(r.source() + ": " + r.error())
                    .isIn(RunStatus.COMPLETED, RunStatus.COMPLETED_WITH_ERRORS);
            for (LineResult f : r.failures()) {
                assertThat(f.error().reason()).as(f.error().toString()).isNotBlank();
                assertThat(f.error().line()).isPositive();
            }
        }
    }

    @OnEachDatabase
    void theSameKindOnOverlappingFilesAtOnceKeepsTheSiteCoherent(TestDatabase db) throws Exception {
        DSLContext dsl = db.dsl();
        int failedByRaces = 0;
        int rounds = 3;
        for (int round = 1; round <= rounds; round++) {
            String prefix = "r" + round + "u";
            Path a = Kinds.write(Files.createDirectories(dir.resolve(round + "a")), "userimport.csv", HEADER,
                    users(prefix, 1, 240));
            Path b = Kinds.write(Files.createDirectories(dir.resolve(round + "b")), "userimport.csv", HEADER,
                    users(prefix, 121, 360));
            Function<Path, Callable<RunResult>> run = file -> () -> engine(db).users().chunkSize(20)
                    .identifyBy(UserKey.USERNAME).from(file).execute();

            List<RunResult> runs = together(List.of(run.apply(a), run.apply(b)));

            noCrash(runs);
            assertThat(SiteState.violations(dsl)).isEmpty();
            for (RunResult r : runs) {
                failedByRaces += (int) r.counts().failed();
            }
            // a rerun completes the job: every user once
            for (Path file : List.of(a, b)) {
                RunResult again = engine(db).users().identifyBy(UserKey.USERNAME).from(file).execute();
                assertThat(again.status()).as(again.failures().toString()).isEqualTo(RunStatus.COMPLETED);
            }
            assertThat(dsl.fetchCount(MDL_USER, MDL_USER.USERNAME.like(prefix + "%"))).isEqualTo(360);
            assertThat(SiteState.violations(dsl)).isEmpty();
        }
        Figures.record("concurrency.sameKind.linesFailedByRaces." + db.server().name().toLowerCase(), failedByRaces);
    }

    @OnEachDatabase
    void runsUpdatingTheSameUsersInOppositeOrdersDeadlockAndLoseNoLine(TestDatabase db) throws Exception {
        DSLContext dsl = db.dsl();
        int n = 300;
        assertThat(engine(db).users().identifyBy(UserKey.USERNAME).from(Kinds.write(
                Files.createDirectories(dir.resolve("setup")), "userimport.csv", HEADER, users("dl", 1, n)))
                .execute().status()).isEqualTo(RunStatus.COMPLETED);
        FaultyDataSource watched = new FaultyDataSource(db.dataSource());
        // no run lock: the two runs stand for two machines that do not share one, meeting in the database
        SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(
                org.moodlesync.jooq.database.MoodleDatabase.of(watched, db.dialect(), "mdl_"))).clock(CLOCK)
                .locks(org.moodlesync.api.lock.RunLocks.none()).build();
        for (int round = 1; round <= 4; round++) {
            dsl.update(MDL_USER).set(MDL_USER.SUSPENDED, (short) 0).where(MDL_USER.USERNAME.like("dl%")).execute();
            // both suspend every user (a savepoint per line) and set a column of their own, in opposite orders
            List<String> up = new ArrayList<>();
            List<String> down = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                up.add("dl" + i + ";First" + i + ";Last" + i + ";1;City" + round);
                down.add(0, "dl" + i + ";First" + i + ";Last" + i + ";1;Dept" + round);
            }
            Path a = Kinds.write(Files.createDirectories(dir.resolve("up" + round)), "userimport.csv",
                    "username;firstname;lastname;suspended;city", up);
            Path b = Kinds.write(Files.createDirectories(dir.resolve("down" + round)), "userimport.csv",
                    "username;firstname;lastname;suspended;department", down);
            Function<Path, Callable<RunResult>> run = file -> () -> engine.users().chunkSize(n)
                    .identifyBy(UserKey.USERNAME).from(file).execute();

            List<RunResult> runs = together(List.of(run.apply(a), run.apply(b)));

            for (RunResult r : runs) {
                assertThat(r.status()).as(r.error() + " " + r.failures()).isEqualTo(RunStatus.COMPLETED);
            }
            // every line said written is written: each user has both runs' columns
            assertThat(dsl.fetchCount(MDL_USER, MDL_USER.USERNAME.like("dl%").and(MDL_USER.CITY.eq("City" + round))
                    .and(MDL_USER.DEPARTMENT.eq("Dept" + round)).and(MDL_USER.SUSPENDED.eq((short) 1))))
                    .as("round " + round).isEqualTo(n);
            assertThat(SiteState.violations(dsl)).isEmpty();
        }
        int deadlocks = watched.databaseFailures().entrySet().stream()
                .filter(e -> e.getKey().equals("40P01") || e.getKey().equals("40001"))
                .mapToInt(java.util.Map.Entry::getValue).sum();
        Figures.record("concurrency.realDeadlocksRetried." + db.server().name().toLowerCase(), deadlocks
                + " " + watched.databaseFailures());
    }

    @OnEachDatabase
    void differentKindsAtOnceKeepTheSiteCoherent(TestDatabase db) throws Exception {
        DSLContext dsl = db.dsl();
        RunResult setup = engine(db).users().identifyBy(UserKey.USERNAME).from(Kinds.write(
                Files.createDirectories(dir.resolve("setup")), "userimport.csv", HEADER, users("old", 1, 200)))
                .execute();
        assertThat(setup.status()).isEqualTo(RunStatus.COMPLETED);
        Path creates = Kinds.write(Files.createDirectories(dir.resolve("c")), "userimport.csv", HEADER,
                users("new", 1, 300));
        List<String> suspendLines = new ArrayList<>();
        List<String> deleteLines = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            (i % 2 == 0 ? suspendLines : deleteLines).add("old" + i);
        }
        Path suspends = Kinds.write(Files.createDirectories(dir.resolve("s")), "usersuspend.csv", "username",
                suspendLines);
        Path deletes = Kinds.write(Files.createDirectories(dir.resolve("d")), "userdelete.csv", "username",
                deleteLines);
        Function<Function<SyncEngine, UserSync>, Function<Path, Callable<RunResult>>> step = s -> file -> () ->
                s.apply(engine(db)).chunkSize(20).identifyBy(UserKey.USERNAME).from(file).execute();

        List<RunResult> runs = together(List.of(step.apply(SyncEngine::users).apply(creates),
                step.apply(SyncEngine::userSuspends).apply(suspends),
                step.apply(SyncEngine::userDeletes).apply(deletes)));

        noCrash(runs);
        assertThat(SiteState.violations(dsl)).isEmpty();
        int failed = runs.stream().mapToInt(r -> (int) r.counts().failed()).sum();
        // whatever raced, a rerun of each file completes it
        assertThat(step.apply(SyncEngine::users).apply(creates).call().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(step.apply(SyncEngine::userSuspends).apply(suspends).call().status())
                .isEqualTo(RunStatus.COMPLETED);
        assertThat(step.apply(SyncEngine::userDeletes).apply(deletes).call().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(dsl.fetchCount(MDL_USER, MDL_USER.USERNAME.like("new%"))).isEqualTo(300);
        assertThat(dsl.fetchCount(MDL_USER, MDL_USER.DELETED.eq((short) 1))).isEqualTo(100);
        assertThat(dsl.fetchCount(MDL_USER, MDL_USER.SUSPENDED.eq((short) 1).and(MDL_USER.DELETED.eq((short) 0))))
                .isEqualTo(100);
        assertThat(SiteState.violations(dsl)).isEmpty();
        Figures.record("concurrency.differentKinds.linesFailedByRaces." + db.server().name().toLowerCase(), failed);
    }
}
