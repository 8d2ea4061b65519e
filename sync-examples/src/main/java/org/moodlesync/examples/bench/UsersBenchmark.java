package org.moodlesync.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.UserSync;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.internal.user.MoodlePasswordHasher;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * A runnable benchmark of the users file: create, rerun (nothing to write) and dry run, on H2, PostgreSQL or MariaDB,
 * in a database of its own created for the run and dropped afterwards.
 *
 * <pre>
 * java -cp sync-examples/target/moodle-sync.jar org.moodlesync.examples.bench.UsersBenchmark postgresql 100000 0.0
 * </pre>
 *
 * Arguments: database (h2, postgresql, mariadb), number of users (default 10000), share of lines with a password
 * (default 0), chunk size (default 1000), fast hash (true/false, default false), and {@code dry-run-only} to stream
 * the file through a dry run alone (the memory check: {@code java -Xmx256m … h2 1000000 0 500 false dry-run-only}).
 * {@code warmup=N} anywhere first runs the same four runs with N other users on a database of its own, unmeasured,
 * so that the measured runs find the JIT compilers' work done.
 */
public final class UsersBenchmark {

    /** Heap in use after a GC, sampled every 100,000 lines: flat from first to last line means streaming. */
    private static final HeapSampler HEAP = new HeapSampler(100_000);

    /** Milliseconds the file's passwords took to hash alone (0: not measured). */
    private static long hashingAloneMs;

    public static void main(String[] args) throws Exception {
        BenchRuns.Args arguments = BenchRuns.Args.of(args);
        int warmup = arguments.warmup();
        String engine = arguments.get(0, "h2");
        int users = arguments.getInt(1, 10_000);
        double passwords = Double.parseDouble(arguments.get(2, "0"));
        int chunk = arguments.getInt(3, FileSync.DEFAULT_CHUNK_SIZE);
        boolean fast = Boolean.parseBoolean(arguments.get(4, "false"));
        boolean dryRunOnly = "dry-run-only".equals(arguments.get(5, ""));
        Path dir = Files.createTempDirectory("moodle-sync-bench");
        if (warmup > 0) {
            // the same runs on a database of their own first, so that the JIT compilers have done their work
            // (a 20,000-line run in a new JVM spends more CPU compiling than writing)
            System.out.printf(Locale.ROOT, "warm-up: %,d users%n", warmup);
            Path warm = DataSets.users(dir.resolve("warmup.csv"), warmup, passwords, 7);
            runAll(engine, warm, warmup, passwords, chunk, fast, dryRunOnly, false);
        }
        Path file = DataSets.users(dir.resolve("userimport.csv"), users, passwords, 42);
        runAll(engine, file, users, passwords, chunk, fast, dryRunOnly, true);
    }

    private static void runAll(String engine, Path file, int users, double passwords, int chunk, boolean fast,
                               boolean dryRunOnly, boolean print) throws Exception {
        String name = "msbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (BenchDatabase target = BenchDatabase.create(engine, name)) {
            try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(target.url, target.user, target.password, "mdl_")) {
                MoodleSchemaInstaller.on(db).install();
                SyncEngine sync = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();
                CpuMeter cpu = new CpuMeter(target);
                Report report = print ? (what, r) -> report(what, cpu, r, users) : (what, r) -> { };
                if (print) {
                    System.out.printf(Locale.ROOT,
                            "users benchmark: %s, %,d users, %.0f%% with passwords, chunk %d%s%n",
                            engine, users, passwords * 100, chunk, fast ? ", fast hash" : "");
                    hashingAloneMs = passwords > 0 ? hashingAlone(file, fast) : 0;
                }
                report.of("dry run (empty site)", run(sync, file, chunk, fast, true, cpu));
                if (dryRunOnly) {
                    return;
                }
                report.of("create", run(sync, file, chunk, fast, false, cpu));
                report.of("rerun (unchanged)", run(sync, file, chunk, fast, false, cpu));
                report.of("dry run (unchanged)", run(sync, file, chunk, fast, true, cpu));
            }
        }
    }

    private interface Report {
        void of(String what, RunResult result);
    }

    /**
     * What hashing the file's own passwords costs on every core, without anything else. The same passwords matter:
     * a round of SHA-512 crypt digests the password twice, and from about 16 bytes on a round's input no longer fits
     * one 128-byte block (measured: 3.9 ms per hash for the file's 19-character passwords, 2.6 ms for 7 characters).
     */
    private static long hashingAlone(Path file, boolean fast) throws java.io.IOException {
        List<String> clearTexts;
        try (var lines = Files.lines(file)) {
            clearTexts = lines.skip(1).map(l -> l.split(";", -1)[5]).filter(p -> !p.isEmpty()).toList();
        }
        MoodlePasswordHasher hasher = fast ? MoodlePasswordHasher.fast() : MoodlePasswordHasher.standard();
        long start = System.nanoTime();
        clearTexts.parallelStream().forEach(hasher::hash);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "  %-22s %8.0f hashes/s %6d ms  (%d hashes of the file's passwords on %d"
                + " cores)%n", "hashing alone", clearTexts.size() * 1000.0 / Math.max(ms, 1), ms, clearTexts.size(),
                Runtime.getRuntime().availableProcessors());
        return ms;
    }

    private static RunResult run(SyncEngine sync, Path file, int chunk, boolean fast, boolean dryRun, CpuMeter cpu) {
        cpu.start();
        UserSync step = sync.users().from(file).identifyBy(UserKey.IDNUMBER).chunkSize(chunk).fastHash(fast)
                .retainFailuresOnly().noOutputFiles().listener(HEAP);
        return step.dryRun(dryRun).execute();
    }

    private static void report(String what, CpuMeter cpu, RunResult r, int users) {
        System.out.printf(Locale.ROOT, "  %-22s %8.0f lines/s  %6d ms  %s  %s  heap after GC: %s MB%n", what,
                r.linesPerSecond(), r.duration().toMillis(), cpu.since(), r.counts(), HEAP.samplesAndReset());
        if (hashingAloneMs > 0 && !r.dryRun()) {
            System.out.printf(Locale.ROOT, "  %-22s %.3f x the hashing alone%n", "",
                    r.duration().toMillis() / (double) hashingAloneMs);
        }
        if (Boolean.getBoolean("bench.threads")) {
            System.out.printf(Locale.ROOT, "  %-22s jvm threads (ms): %s%n", "", cpu.threadsSince());
        }
        if (r.counts().read() != users || r.counts().failed() > 0) {
            System.out.println("  unexpected: " + r.status() + " " + r.error() + " " + r.failures().stream()
                    .limit(3).toList());
        }
    }
}
