package org.moodlesync.examples.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.UserSync;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.feed.FeedTable;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;

/**
 * A runnable benchmark of full feeds of users: an HR snapshot of N users applied as a full feed
 * ({@code auth:manual}: every user created and claimed), then the next night's snapshot — the same size, 1 % changed:
 * half of the changes new users, half dropped ones (suspended) — timed as a dry run, as the reconciliation, as a
 * rerun that finds nothing to do and as a plain (not full-feed) rerun; in a database of its own, dropped afterwards.
 *
 * <pre>
 * java -cp sync-examples/target/moodle-sync.jar org.moodlesync.examples.bench.UserFeedBenchmark postgresql 20000
 * </pre>
 *
 * Arguments: database (h2, postgresql, mariadb), snapshot lines (default 20000), changed share in per mille
 * (default 10: 1 %).
 */
public final class UserFeedBenchmark {

    public static void main(String[] args) throws Exception {
        BenchRuns.Args arguments = BenchRuns.Args.of(args);
        String engine = arguments.get(0, "h2");
        int lines = arguments.getInt(1, 20_000);
        int perMille = arguments.getInt(2, 10);
        int half = Math.max(1, lines * perMille / 1000 / 2);
        Path dir = Files.createTempDirectory("moodle-sync-bench");
        Path people = DataSets.users(dir.resolve("people.csv"), lines + half, 0, 42);
        List<String> all = Files.readAllLines(people, StandardCharsets.UTF_8);
        Path monday = FullFeedBenchmark.snapshot(dir.resolve("monday.csv"), all, 1, lines);
        Path tuesday = FullFeedBenchmark.snapshot(dir.resolve("tuesday.csv"), all, 1 + half, lines);
        String name = "msbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (BenchDatabase target = BenchDatabase.create(engine, name)) {
            try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(target.url, target.user, target.password, "mdl_")) {
                MoodleSchemaInstaller.on(db).install();
                FeedTable.create(db);
                SyncEngine sync = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();
                System.out.printf(Locale.ROOT, "user feed benchmark: %s, %,d snapshot lines, %,d added and %,d "
                        + "dropped the next night%n", engine, lines, half, half);
                CpuMeter cpu = new CpuMeter(target);
                cpu.start();
                BenchRuns.report("first snapshot", cpu, feed(sync, monday).execute(), lines);
                EnrolmentsBenchmarkStatistics.refresh(target, db);
                for (String what : new String[] {"dry run (1 % changed)", "reconcile (1 % changed)",
                        "rerun (unchanged)"}) {
                    cpu.start();
                    RunResult r = feed(sync, tuesday).dryRun(what.startsWith("dry")).execute();
                    BenchRuns.report(what, cpu, r, lines);
                    System.out.printf(Locale.ROOT, "  %22s created %d, suspended %d%n", "", r.counts().created(),
                            r.counts().suspended());
                }
                cpu.start();
                BenchRuns.report("plain rerun (no feed)", cpu, sync.users().from(tuesday)
                        .identifyBy(UserKey.IDNUMBER).retainFailuresOnly().noOutputFiles().execute(), lines);
            }
        }
    }

    private static UserSync feed(SyncEngine sync, Path file) {
        return sync.users().from(file).identifyBy(UserKey.IDNUMBER).asFullFeed(FeedScope.authMethod("manual"))
                .maxRemovals(RemovalLimit.atMostShare(0.05)).retainFailuresOnly().noOutputFiles();
    }
}
