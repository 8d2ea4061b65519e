package org.moodlesync.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.CourseSync;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * A runnable benchmark of the course file: dry run on the empty site, create (categories created on the fly),
 * rerun (nothing to write) and dry run of the rerun, on H2, PostgreSQL or MariaDB, in a database of its own created
 * for the run and dropped afterwards.
 *
 * <pre>
 * java -cp sync-examples/target/moodle-sync.jar org.moodlesync.examples.bench.CoursesBenchmark postgresql 10000
 * </pre>
 *
 * Arguments: database (h2, postgresql, mariadb), number of courses (default 10000), chunk size (default 1000), and
 * {@code by-category} to sort the lines by category (default: categories in random order, the worst case for
 * Moodle's course sortorder).
 */
public final class CoursesBenchmark {

    private CoursesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        String engine = args.length > 0 ? args[0] : "h2";
        int courses = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : FileSync.DEFAULT_CHUNK_SIZE;
        boolean byCategory = args.length > 3 && "by-category".equals(args[3]);
        Path dir = Files.createTempDirectory("moodle-sync-bench");
        Path file = CourseDataSet.courses(dir.resolve("uploadcourses.csv"), courses, 42, byCategory);
        String name = "msbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (BenchDatabase target = BenchDatabase.create(engine, name)) {
            try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(target.url, target.user, target.password, "mdl_")) {
                MoodleSchemaInstaller.on(db).install();
                SyncEngine sync = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();
                System.out.printf(Locale.ROOT, "courses benchmark: %s, %,d courses, chunk %d, %s%n", engine, courses,
                        chunk, byCategory ? "lines sorted by category" : "categories in random order");
                report("dry run (empty site)", run(sync, file, chunk, true), courses);
                report("create", run(sync, file, chunk, false), courses);
                report("rerun (unchanged)", run(sync, file, chunk, false), courses);
                report("dry run (unchanged)", run(sync, file, chunk, true), courses);
            }
        }
    }

    private static RunResult run(SyncEngine sync, Path file, int chunk, boolean dryRun) {
        CourseSync step = sync.courses().from(file).chunkSize(chunk).retainFailuresOnly().noOutputFiles();
        return step.dryRun(dryRun).execute();
    }

    private static void report(String what, RunResult r, int courses) {
        System.out.printf(Locale.ROOT, "  %-22s %8.0f lines/s  %6d ms  %s%n", what, r.linesPerSecond(),
                r.duration().toMillis(), r.counts());
        if (r.counts().read() != courses || r.counts().failed() > 0) {
            System.out.println("  unexpected: " + r.status() + " " + r.error() + " " + r.failures().stream()
                    .limit(3).toList());
        }
    }
}
