package org.moodlesync.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * A runnable benchmark of cohort member lines, on H2, PostgreSQL or MariaDB, in a database of its own created for the
 * run and dropped afterwards. The site is set up first through the engine's own steps (users, four courses, six
 * cohorts of which three are bound to a course, {@link CohortDataSet}; not timed), then each member file is timed:
 * dry run, create, rerun (unchanged), dry run (unchanged). The member files: every member into one cohort bound to a
 * course with a group (each line also enrols, assigns the role and joins the group), into one unbound cohort, and
 * members spread over four cohorts, two of them bound.
 *
 * <pre>
 * java -cp sync-examples/target/moodle-sync.jar org.moodlesync.examples.bench.CohortsBenchmark postgresql 10000
 * </pre>
 *
 * Arguments: database (h2, postgresql, mariadb), members per file (default 10000), chunk size (default 1000), the
 * files to time ({@code bound,plain,mixed}, default all); {@code warmup=N} anywhere first runs the same with N members
 * on a database of its own, unmeasured, so that the measured runs find the JIT compilers' work done.
 */
public final class CohortsBenchmark {

    private CohortsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchRuns.Args arguments = BenchRuns.Args.of(args);
        int warmup = arguments.warmup();
        String engine = arguments.get(0, "h2");
        int members = arguments.getInt(1, 10_000);
        int chunk = arguments.getInt(2, FileSync.DEFAULT_CHUNK_SIZE);
        Set<CohortDataSet.Variant> variants = EnumSet.noneOf(CohortDataSet.Variant.class);
        for (String v : arguments.get(3, "bound,plain,mixed").split(",")) {
            variants.add(CohortDataSet.Variant.valueOf(v.trim().toUpperCase(Locale.ROOT)));
        }
        if (warmup > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %,d members%n", warmup);
            runAll(engine, warmup, chunk, variants, false);
        }
        runAll(engine, members, chunk, variants, true);
    }

    private static void runAll(String engine, int members, int chunk, Set<CohortDataSet.Variant> variants,
                               boolean print) throws Exception {
        Path dir = Files.createTempDirectory("moodle-sync-bench");
        Path usersFile = DataSets.users(dir.resolve("userimport.csv"), members, 0, 42);
        Path coursesFile = EnrolmentDataSet.courses(dir.resolve("uploadcourses.csv"), 4);
        Path cohortsFile = CohortDataSet.cohorts(dir.resolve("cohorts-setup.csv"));
        Path bindingsFile = CohortDataSet.bindings(dir.resolve("cohortscourses.csv"));
        String name = "msbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (BenchDatabase target = BenchDatabase.create(engine, name)) {
            try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(target.url, target.user, target.password, "mdl_")) {
                MoodleSchemaInstaller.on(db).install();
                SyncEngine sync = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();
                if (print) {
                    System.out.printf(Locale.ROOT, "cohorts benchmark: %s, %,d members per file, chunk %d%n",
                            engine, members, chunk);
                }
                BenchRuns.setup("users", () -> sync.users().from(usersFile).identifyBy(UserKey.IDNUMBER)
                        .retainFailuresOnly().noOutputFiles().execute(), members, print);
                BenchRuns.setup("courses", () -> sync.courses().from(coursesFile).retainFailuresOnly().noOutputFiles()
                        .execute(), 4, print);
                BenchRuns.setup("cohorts", () -> sync.cohorts().from(cohortsFile).retainFailuresOnly().noOutputFiles()
                        .execute(), 6, print);
                BenchRuns.setup("bindings", () -> sync.cohortBindings().from(bindingsFile).retainFailuresOnly()
                        .noOutputFiles().execute(), 3, print);
                analyze(target, db, print);
                CpuMeter cpu = new CpuMeter(target);
                for (CohortDataSet.Variant variant : variants) {
                    Path file = CohortDataSet.members(dir.resolve("cohorts-" + variant + ".csv"), variant, members,
                            42);
                    if (print) {
                        System.out.println(" " + switch (variant) {
                            case BOUND -> "one cohort bound to a course (with a group)";
                            case PLAIN -> "one cohort bound to nothing";
                            case MIXED -> "four cohorts, two bound";
                        });
                    }
                    for (String what : new String[] {"dry run (new)", "create", "rerun (unchanged)",
                            "dry run (unchanged)"}) {
                        boolean dry = what.startsWith("dry");
                        cpu.start();
                        RunResult r = sync.cohorts().from(file).chunkSize(chunk).retainFailuresOnly()
                                .noOutputFiles().dryRun(dry).execute();
                        if (print) {
                            BenchRuns.report(what, cpu, r, members);
                        }
                    }
                }
            }
        }
    }

    /**
     * Refreshes the planner's statistics after the set-up, as a server's autovacuum (PostgreSQL) or InnoDB's
     * automatic statistics would after a bulk load: the local PostgreSQL runs with autovacuum off.
     */
    private static void analyze(BenchDatabase target, MoodleDatabase db, boolean print) {
        long start = System.nanoTime();
        if ("mariadb".equals(target.engine)) {
            for (String table : new String[] {"user", "course", "context", "enrol", "cohort", "cohort_members",
                    "user_enrolments", "role_assignments", "groups", "groups_members", "cache_flags"}) {
                db.dsl().execute("ANALYZE TABLE mdl_" + table);
            }
        } else {
            db.dsl().execute("ANALYZE");
        }
        if (print) {
            System.out.printf(Locale.ROOT, "  (statistics refreshed: %d ms)%n",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
