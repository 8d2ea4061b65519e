package org.moodlesync.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * A runnable benchmark of the enrolment file and the group members file, on H2, PostgreSQL or MariaDB, in a database
 * of its own created for the run and dropped afterwards. The site is set up first through the engine's own steps
 * (users, courses with their default enrol instances, groups; not timed), then each file is timed: dry run, create,
 * rerun (unchanged), dry run (unchanged).
 *
 * <pre>
 * java -cp sync-examples/target/moodle-sync.jar org.moodlesync.examples.bench.EnrolmentsBenchmark postgresql 200000
 * </pre>
 *
 * Arguments: database (h2, postgresql, mariadb), enrolment lines (default 200000), group member lines (default
 * 50000), users (default 20000), courses (default 1000), chunk size (default: the engine's, 1000).
 */
public final class EnrolmentsBenchmark {

    public static void main(String[] args) throws Exception {
        BenchRuns.Args arguments = BenchRuns.Args.of(args);
        String engine = arguments.get(0, "h2");
        int lines = arguments.getInt(1, 200_000);
        int memberLines = arguments.getInt(2, 50_000);
        int users = arguments.getInt(3, 20_000);
        int courses = arguments.getInt(4, 1_000);
        int chunk = arguments.getInt(5, FileSync.DEFAULT_CHUNK_SIZE);
        Path dir = Files.createTempDirectory("moodle-sync-bench");
        Path usersFile = DataSets.users(dir.resolve("userimport.csv"), users, 0, 42);
        Path coursesFile = EnrolmentDataSet.courses(dir.resolve("uploadcourses.csv"), courses);
        Path groupsFile = EnrolmentDataSet.groups(dir.resolve("groups.csv"), courses);
        Path enrolFile = EnrolmentDataSet.enrolments(dir.resolve("enrols.csv"), lines, users, courses, 42);
        Path membersFile = EnrolmentDataSet.members(dir.resolve("groupmembers.csv"), enrolFile, memberLines, 43);
        String name = "msbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (BenchDatabase target = BenchDatabase.create(engine, name)) {
            try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(target.url, target.user, target.password, "mdl_")) {
                MoodleSchemaInstaller.on(db).install();
                SyncEngine sync = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();
                System.out.printf(Locale.ROOT, "enrolments benchmark: %s, %,d enrolment lines, %,d member lines, "
                        + "%,d users, %,d courses, chunk %d%n", engine, lines, memberLines, users, courses, chunk);
                BenchRuns.setup("users", () -> sync.users().from(usersFile).identifyBy(UserKey.IDNUMBER)
                        .retainFailuresOnly().noOutputFiles().execute(), users, true);
                BenchRuns.setup("courses", () -> sync.courses().from(coursesFile).retainFailuresOnly()
                        .noOutputFiles().execute(), courses, true);
                BenchRuns.setup("groups", () -> sync.groups().from(groupsFile).retainFailuresOnly().noOutputFiles()
                        .execute(), courses * EnrolmentDataSet.GROUPS_PER_COURSE, true);
                EnrolmentsBenchmarkStatistics.refresh(target, db);
                CpuMeter cpu = new CpuMeter(target);
                System.out.println(" enrolments");
                for (String what : new String[] {"dry run (empty)", "create", "rerun (unchanged)",
                        "dry run (unchanged)"}) {
                    boolean dry = what.startsWith("dry");
                    cpu.start();
                    BenchRuns.report(what, cpu, sync.enrolments().from(enrolFile).chunkSize(chunk)
                            .retainFailuresOnly().noOutputFiles().dryRun(dry).execute(), lines);
                }
                if (memberLines > 0) {
                    System.out.println(" group members");
                    for (String what : new String[] {"dry run (new)", "create", "rerun (unchanged)",
                            "dry run (unchanged)"}) {
                        boolean dry = what.startsWith("dry");
                        cpu.start();
                        BenchRuns.report(what, cpu, sync.groupMembers().from(membersFile).chunkSize(chunk)
                                .retainFailuresOnly().noOutputFiles().dryRun(dry).execute(),
                                Math.min(memberLines, lines));
                    }
                }
            }
        }
    }
}
