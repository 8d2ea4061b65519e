package org.moodlesync.examples.bench;

import java.io.BufferedWriter;
import java.io.IOException;
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
import org.moodlesync.core.EnrolSync;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.feed.FeedTable;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;

/**
 * A runnable benchmark of full feeds: a nightly enrolment snapshot reconciled with the site, on H2, PostgreSQL or
 * MariaDB, in a database of its own created for the run and dropped afterwards. The site gets users and courses
 * through the engine (not timed); then the first snapshot is applied as a full feed (every enrolment created and
 * claimed), and the next night's snapshot — the same size, 1 % changed: half of the changes new enrolments, half
 * dropped ones (suspended) — is timed as a dry run, as the reconciliation, and as a rerun that finds nothing to do.
 * Lines per second count the snapshot's lines, over the whole run (the read of what the file lists and the
 * comparison with the scope included).
 *
 * <pre>
 * java -cp sync-examples/target/moodle-sync.jar org.moodlesync.examples.bench.FullFeedBenchmark postgresql 100000
 * </pre>
 *
 * Arguments: database (h2, postgresql, mariadb), snapshot lines (default 100000), changed share in per mille
 * (default 10: 1 %), users (default 20000), courses (default 1000).
 */
public final class FullFeedBenchmark {

    public static void main(String[] args) throws Exception {
        BenchRuns.Args arguments = BenchRuns.Args.of(args);
        String engine = arguments.get(0, "h2");
        int lines = arguments.getInt(1, 100_000);
        int perMille = arguments.getInt(2, 10);
        int users = arguments.getInt(3, 20_000);
        int courses = arguments.getInt(4, 1_000);
        int half = Math.max(1, lines * perMille / 1000 / 2);
        Path dir = Files.createTempDirectory("moodle-sync-bench");
        Path usersFile = DataSets.users(dir.resolve("userimport.csv"), users, 0, 42);
        Path coursesFile = EnrolmentDataSet.courses(dir.resolve("uploadcourses.csv"), courses);
        Path pairs = EnrolmentDataSet.enrolments(dir.resolve("pairs.csv"), lines + half, users, courses, 42);
        List<String> all = Files.readAllLines(pairs, StandardCharsets.UTF_8);
        Path monday = snapshot(dir.resolve("monday.csv"), all, 1, lines);
        Path tuesday = snapshot(dir.resolve("tuesday.csv"), all, 1 + half, lines);
        String name = "msbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (BenchDatabase target = BenchDatabase.create(engine, name)) {
            try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(target.url, target.user, target.password, "mdl_")) {
                MoodleSchemaInstaller.on(db).install();
                FeedTable.create(db);
                SyncEngine sync = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();
                System.out.printf(Locale.ROOT, "full-feed benchmark: %s, %,d snapshot lines, %,d added and %,d "
                        + "dropped the next night, %,d users, %,d courses%n", engine, lines, half, half, users,
                        courses);
                BenchRuns.setup("users", () -> sync.users().from(usersFile).identifyBy(UserKey.IDNUMBER)
                        .retainFailuresOnly().noOutputFiles().execute(), users, true);
                BenchRuns.setup("courses", () -> sync.courses().from(coursesFile).retainFailuresOnly()
                        .noOutputFiles().execute(), courses, true);
                EnrolmentsBenchmarkStatistics.refresh(target, db);
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
                BenchRuns.report("plain rerun (no feed)", cpu, sync.enrolments().from(tuesday).retainFailuresOnly()
                        .noOutputFiles().execute(), lines);
            }
        }
    }

    private static EnrolSync feed(SyncEngine sync, Path file) {
        return sync.enrolments().from(file).asFullFeed(FeedScope.coursesInFile())
                .maxRemovals(RemovalLimit.atMostShare(0.05)).retainFailuresOnly().noOutputFiles();
    }

    /** The header and {@code count} data lines from {@code from} (1 is the first data line). */
    static Path snapshot(Path file, List<String> all, int from, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(all.get(0));
            out.newLine();
            for (int i = from; i < from + count; i++) {
                out.write(all.get(i));
                out.newLine();
            }
        }
        return file;
    }
}
