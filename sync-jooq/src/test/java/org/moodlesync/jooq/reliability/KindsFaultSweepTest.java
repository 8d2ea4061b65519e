package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.UserSync;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabaseExtension;

/**
 * The fault sweep of {@link AtomicityTest}, over every kind of {@link Kinds}: the kind's sample runs (in chunks of
 * 2, on a site prepared by the kinds it needs) once cleanly, counting its statements, then once per chosen statement
 * with that statement failing — an SQL error, a deadlock, or the connection really dropped. After each faulty run:
 * the site's invariants hold ({@link SiteState#violations}), every line either succeeded or is in the tryback file,
 * and the tryback's rerun brings the site to the clean run's content ({@link SiteState#comparable}: every table,
 * ids and salts aside) — nothing half-written, lost or doubled.
 *
 * <p>The bound (documented in docs/reliability.md), per kind: on H2 every statement for errors up to
 * {@value #H2_ERRORS} statements, {@value #H2_OTHERS} for deadlocks and for drops; on PostgreSQL and MariaDB
 * {@value #SERVER_SAMPLE} per mode; evenly spread over the run, first and last statements included, when the run
 * has more statements. {@link AtomicityTest} sweeps every statement of its users file in every mode.
 */
class KindsFaultSweepTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    static final int SERVER_SAMPLE = 8;
    static final int H2_ERRORS = 60;
    static final int H2_OTHERS = 20;

    /** How the chosen statement fails. */
    enum Mode { ERROR, DEADLOCK, DROP }

    @TempDir
    Path dir;

    /** Every kind on every database ({@code -Dsweep.kinds=courses,enrolments} and {@code -Dsweep.servers=H2} narrow it). */
    static Stream<Arguments> kindsOnEachDatabase() {
        String kinds = System.getProperty("sweep.kinds", "");
        String servers = System.getProperty("sweep.servers", "");
        return Kinds.ALL.stream().filter(k -> kinds.isEmpty() || List.of(kinds.split(",")).contains(k.toString()))
                .flatMap(kind -> Stream.of(DatabaseServer.values())
                        .filter(s -> servers.isEmpty() || List.of(servers.split(",")).contains(s.name()))
                        .map(server -> Arguments.of(kind, TestDatabase.installed(server))));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("kindsOnEachDatabase")
    @ExtendWith(TestDatabaseExtension.class)
    void aFaultAtAnyStatementLeavesNothingHalfWrittenAndTheTrybackCompletesTheJob(Kinds.Kind kind, TestDatabase db)
            throws Exception {
        DSLContext dsl = db.dsl();
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        SyncEngine engine = SyncEngine.builder()
                .moodle(JooqMoodle.on(MoodleDatabase.of(faulty, db.dialect(), "mdl_"))).clock(CLOCK).build();
        Kinds.prepare(engine, kind, Files.createDirectories(dir.resolve("needs")));
        Map<String, List<List<Object>>> baseline = SiteState.dump(dsl);

        faulty.fault(FaultyDataSource.NONE);
        RunResult clean = run(kind, engine, kind.sample(Files.createDirectories(dir.resolve("clean"))));
        int statements = faulty.statements();
        assertThat(clean.status()).as(clean.error() + " " + clean.failures()).isEqualTo(RunStatus.COMPLETED);
        Map<String, List<String>> reference = SiteState.comparable(dsl);
        assertThat(SiteState.violations(dsl)).isEmpty();

        int injected = 0;
        for (Mode mode : Mode.values()) {
            for (int n : statementsToFail(db.server(), mode, statements)) {
                SiteState.restore(dsl, baseline);
                Path file = kind.sample(Files.createDirectories(dir.resolve(mode + "-" + n)));
                faulty.fault(fault(mode, n, db));
                RunResult r = run(kind, engine, file);
                faulty.fault(FaultyDataSource.NONE);
                injected++;
                String where = kind + ": " + mode + " at statement " + n + " of " + statements + " on " + db + ": "
                        + r.status() + " " + r.error() + " " + r.lines();

                assertThat(SiteState.violations(dsl)).as(where).isEmpty();
                List<String> tryback = r.trybackFile() == null ? List.of() : data(kind, r.trybackFile());
                Path rerun;
                if (r.status() == RunStatus.FAILED && r.counts().read() == 0 && tryback.isEmpty()) {
                    assertThat(r.error()).as(where).contains("cannot reach the Moodle database");
                    rerun = file;
                } else {
                    Set<String> succeeded = new HashSet<>();
                    for (LineResult line : r.lines()) {
                        if (!line.failed()) {
                            succeeded.add(line.ref().rawText());
                        } else {
                            assertThat(tryback).as(where).contains(line.ref().rawText());
                            assertThat(line.error().reason()).as(where).isNotBlank();
                        }
                    }
                    for (String line : kind.lines()) {
                        assertThat(succeeded.contains(line) || tryback.contains(line))
                                .as("line %s neither succeeded nor is in the tryback file: %s", line, where).isTrue();
                    }
                    rerun = r.trybackFile();
                }
                if (rerun != null) {
                    RunResult again = run(kind, engine, rerun);
                    assertThat(again.failures()).as(where + " / rerun").isEmpty();
                }
                Map<String, List<String>> after = SiteState.comparable(dsl);
                assertThat(after).as(where + " / after the rerun: " + diff(reference, after)).isEqualTo(reference);
                assertThat(SiteState.violations(dsl)).as(where + " / after the rerun").isEmpty();
            }
        }
        String key = kind + "." + db.server().name().toLowerCase();
        Figures.record("kindFaults.statements." + key, statements);
        Figures.record("kindFaults.injected." + key, injected);
        Figures.record("kindFaults.rowsLost." + key, 0);
    }

    /** The statements to fail: see the class comment for the bound. */
    static List<Integer> statementsToFail(DatabaseServer server, Mode mode, int statements) {
        int bound = server != DatabaseServer.H2 ? SERVER_SAMPLE : mode == Mode.ERROR ? H2_ERRORS : H2_OTHERS;
        int count = Math.min(bound, statements);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = count == 1 ? 1 : 1 + (int) Math.round((double) i * (statements - 1) / (count - 1));
            if (!chosen.contains(n)) {
                chosen.add(n);
            }
        }
        return chosen;
    }

    private static FaultyDataSource.Fault fault(Mode mode, int n, TestDatabase db) {
        return switch (mode) {
            case ERROR -> FaultyDataSource.failAt(n, "XX000");
            case DEADLOCK -> FaultyDataSource.failAt(n, db.server() == DatabaseServer.POSTGRESQL ? "40P01" : "40001");
            case DROP -> (number, sql, connection) -> {
                if (number == n) {
                    ConnectionKiller.kill(db, connection);
                }
            };
        };
    }

    /** The rows missing and the rows too many, table by table. */
    static String diff(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        StringBuilder sb = new StringBuilder();
        for (String table : expected.keySet()) {
            List<String> missing = new ArrayList<>(expected.get(table));
            actual.getOrDefault(table, List.of()).forEach(missing::remove);
            List<String> extra = new ArrayList<>(actual.getOrDefault(table, List.of()));
            expected.get(table).forEach(extra::remove);
            if (!missing.isEmpty() || !extra.isEmpty()) {
                sb.append(table).append(": missing ").append(missing).append(", too many ").append(extra).append("; ");
            }
        }
        return sb.toString();
    }

    /** The data lines of a tryback file (its header, when the kind has one, left out). */
    private static List<String> data(Kinds.Kind kind, Path tryback) throws java.io.IOException {
        List<String> all = Files.readAllLines(tryback);
        return kind.headerless() || all.isEmpty() ? all : all.subList(1, all.size());
    }

    private static RunResult run(Kinds.Kind kind, SyncEngine engine, Path file) {
        var sync = kind.step().apply(engine).chunkSize(2);
        if (sync instanceof UserSync users) {
            users.fastHash(true); // the hashes are not what is tested here
        }
        return sync.from(file).execute();
    }
}
