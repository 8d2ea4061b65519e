package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.reliability.Figures;
import org.moodlesync.jooq.reliability.SiteState;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * The command line in a process of its own: killed (SIGKILL) in the middle of a users run, it leaves no half-written
 * user, and a rerun of the same file finishes the job with nothing twice; at the most verbose log level, no
 * clear-text password appears in anything it prints.
 */
class CrashTest {

    static final int USERS = 3000;
    static final Pattern SUMMARY = Pattern.compile("read=(\\d+) created=(\\d+) updated=(\\d+) unchanged=(\\d+)");

    @TempDir
    Path dir;

    /** A database for the child process: the test server's, or an H2 file (an in-memory one is per process). */
    private record Target(String url, String user, String password, AutoCloseable cleanup) {
        MoodleDatabase open() {
            return MoodleDatabase.fromJdbcUrl(url, user, password, "mdl_");
        }
    }

    private Target target(DatabaseServer server) throws Exception {
        if (server == DatabaseServer.H2) {
            // WRITE_DELAY=0: H2 writes a commit to the file at once (by default up to 500 ms later, so a killed
            // process loses the commits of its last half second: the writer now gets 300 users written sooner)
            String url = "jdbc:h2:file:" + dir.resolve("moodle").toAbsolutePath()
                    + ";DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
            try (MoodleDatabase db = MoodleDatabase.fromJdbcUrl(url, "sa", "", "mdl_")) {
                MoodleSchemaInstaller.on(db).install();
            }
            return new Target(url, "sa", "", () -> { });
        }
        TestDatabase db = TestDatabase.installed(server);
        return new Target(db.url(), server.user(), server.password(), db);
    }

    private Process child(Target t, Path file, Path out, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(more));
        command.addAll(List.of(MoodleSyncCommand.class.getName(), "run", "users", file.toString(),
                "--db-url", t.url(), "--db-user", t.user(), "--identify-by", "username", "--chunk-size", "50"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("MOODLE_SYNC_DB_PASSWORD", t.password());
        return pb.start();
    }

    private Path usersFile(int count) throws IOException {
        StringBuilder sb = new StringBuilder("username;idnumber;firstname;lastname;email;password\n");
        for (int i = 1; i <= count; i++) {
            sb.append("crash").append(i).append(";C").append(i).append(";First").append(i).append(";Last").append(i)
                    .append(";crash").append(i).append("@example.org;").append(i % 3 == 0 ? "Pw#" + i + "secret" : "")
                    .append('\n');
        }
        return Files.writeString(dir.resolve("userimport.csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void aRunKilledMidwayLeavesNoHalfWrittenUserAndARerunFinishesTheJob(DatabaseServer server) throws Exception {
        server.requireAvailable();
        Target t = target(server);
        try (AutoCloseable cleanup = t.cleanup()) {
            Path file = usersFile(USERS);
            Process first = child(t, file, dir.resolve("first.out"));
            Path reports = dir.resolve("reports");
            long deadline = System.currentTimeMillis() + 120_000;
            // kill it once a few chunks are written (the report is flushed after every chunk)
            while (System.currentTimeMillis() < deadline && created(reports) < 300 && first.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("the run must still be going when it is killed: "
                    + Files.readString(dir.resolve("first.out"))).isTrue();
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long written;
            try (MoodleDatabase db = t.open()) {
                assertThat(SiteState.violations(db.dsl())).as("after the kill").isEmpty();
                written = db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.like("crash%"));
            }
            assertThat(written).as("killed midway").isBetween(1L, USERS - 1L);

            Process second = child(t, file, dir.resolve("second.out"));
            assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String out = Files.readString(dir.resolve("second.out"));
            assertThat(second.exitValue()).as(out).isZero();
            Matcher m = SUMMARY.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            assertThat(Long.parseLong(m.group(1))).isEqualTo(USERS);
            assertThat(Long.parseLong(m.group(2))).as("created by the rerun").isEqualTo(USERS - written);
            assertThat(Long.parseLong(m.group(4))).as("found as the killed run left them").isEqualTo(written);
            try (MoodleDatabase db = t.open()) {
                assertThat(SiteState.violations(db.dsl())).isEmpty();
                assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.like("crash%"))).isEqualTo(USERS);
            }
            Figures.record("crash.killedAfterUsers." + server.name().toLowerCase(), written);
            Figures.record("rowsLost.crash." + server.name().toLowerCase(), 0);
        }
    }

    private static long created(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return 0;
        }
        long n = 0;
        try (var files = Files.list(reports)) {
            for (Path p : files.toList()) {
                try {
                    n += Files.readAllLines(p).stream().filter(l -> l.contains(": CREATED")).count();
                } catch (IOException e) {
                    // being written
                }
            }
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseServer.class, names = "H2")
    void atTheMostVerboseLogLevelNoPasswordIsPrinted(DatabaseServer server) throws Exception {
        Target t = target(server);
        String[] secrets = {"Qx7!clear-One", "Qx7!clear-Two", "Qx7!clear-Three", "Qx7!clear-Four"};
        Path file = Files.writeString(dir.resolve("userimport.csv"), String.join("\n",
                "username;idnumber;firstname;lastname;email;mailformat;password",
                "log1;L1;A;B;log1@example.org;1;" + secrets[0],
                "log2;L2;A;B;log2@example.org;" + secrets[1],          // shifted into mailformat: fails
                "log3;L3;;B;log3@example.org;1;" + secrets[2],         // firstname missing: fails
                "log1;L1;A;B;log1@example.org;1;" + secrets[3]) + "\n"); // password changed
        Path out = dir.resolve("verbose.out");
        Process p = child(t, file, out, "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace");
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(out);
        assertThat(p.exitValue()).as(printed).isEqualTo(1);
        assertThat(printed).as("debug logging is on").contains("DEBUG");
        String report;
        try (var files = Files.list(dir.resolve("reports"))) {
            report = Files.readString(files.findFirst().orElseThrow());
        }
        for (String secret : secrets) {
            assertThat(printed).doesNotContain(secret);
            assertThat(report).doesNotContain(secret);
        }
    }
}
