package org.moodlesync.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.moodlesync.api.command.user.UserKey;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.UserSync;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.user.MoodlePasswordHasher;
import org.moodlesync.jooq.support.MoodleDatabase;

/**
 * A runnable benchmark of the users file: create, rerun (nothing to write) and dry run, on H2, PostgreSQL or MariaDB,
 * in a database of its own created for the run and dropped afterwards.
 *
 * <pre>
 * java -cp sync-examples/target/moodle-sync.jar org.moodlesync.examples.bench.UsersBenchmark postgresql 100000 0.0
 * </pre>
 *
 * Arguments: database (h2, postgresql, mariadb), number of users (default 10000), share of lines with a password
 * (default 0), chunk size (default 500), fast hash (true/false, default false), and {@code dry-run-only} to stream
 * the file through a dry run alone (the memory check: {@code java -Xmx256m … h2 1000000 0 500 false dry-run-only}).
 */
public final class UsersBenchmark {

    /** Heap in use after a GC, sampled every 100,000 lines: flat from first to last line means streaming. */
    private static final HeapSampler HEAP = new HeapSampler(100_000);

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        String engine = args.length > 0 ? args[0] : "h2";
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        double passwords = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        int chunk = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        boolean fast = args.length > 4 && Boolean.parseBoolean(args[4]);
        boolean dryRunOnly = args.length > 5 && "dry-run-only".equals(args[5]);
        Path dir = Files.createTempDirectory("moodle-sync-bench");
        Path file = DataSets.users(dir.resolve("userimport.csv"), users, passwords, 42);
        String name = "msbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (BenchDatabase target = BenchDatabase.create(engine, name)) {
            try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(target.url, target.user, target.password, "mdl_")) {
                MoodleSchemaInstaller.on(db).install();
                SyncEngine sync = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();
                System.out.printf(Locale.ROOT, "users benchmark: %s, %,d users, %.0f%% with passwords, chunk %d%s%n",
                        engine, users, passwords * 100, chunk, fast ? ", fast hash" : "");
                if (passwords > 0) {
                    hashingAlone((int) Math.round(users * passwords), fast);
                }
                report("dry run (empty site)", run(sync, file, chunk, fast, true), users);
                if (dryRunOnly) {
                    return;
                }
                report("create", run(sync, file, chunk, fast, false), users);
                report("rerun (unchanged)", run(sync, file, chunk, fast, false), users);
                report("dry run (unchanged)", run(sync, file, chunk, fast, true), users);
            }
        }
    }

    /** What hashing the same number of passwords costs on every core, without anything else. */
    private static void hashingAlone(int count, boolean fast) {
        MoodlePasswordHasher hasher = fast ? MoodlePasswordHasher.fast() : MoodlePasswordHasher.standard();
        long start = System.nanoTime();
        java.util.stream.IntStream.range(0, count).parallel().forEach(i -> hasher.hash("Pw#" + i));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "  %-22s %8.0f hashes/s %6d ms  (%d hashes on %d cores)%n", "hashing alone",
                count * 1000.0 / Math.max(ms, 1), ms, count, Runtime.getRuntime().availableProcessors());
    }

    private static RunResult run(SyncEngine sync, Path file, int chunk, boolean fast, boolean dryRun) {
        UserSync step = sync.users().from(file).identifyBy(UserKey.IDNUMBER).chunkSize(chunk).fastHash(fast)
                .retainFailuresOnly().noOutputFiles().listener(HEAP);
        return step.dryRun(dryRun).execute();
    }

    private static void report(String what, RunResult r, int users) {
        System.out.printf(Locale.ROOT, "  %-22s %8.0f lines/s  %6d ms  %s  heap after GC: %s MB%n", what,
                r.linesPerSecond(), r.duration().toMillis(), r.counts(), HEAP.samplesAndReset());
        if (r.counts().read() != users || r.counts().failed() > 0) {
            System.out.println("  unexpected: " + r.status() + " " + r.error() + " " + r.failures().stream()
                    .limit(3).toList());
        }
    }
}
