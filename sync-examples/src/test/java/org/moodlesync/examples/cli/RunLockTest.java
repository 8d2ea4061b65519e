package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * {@code moodle-sync run users FILE} (no workspace) in processes of their own: while one runs into a database, a
 * second run of the same kind into the same database is refused LOCKED (exit 3) — by the per-database file lock
 * alone ({@code --lock local}), and by the file lock and the database lock together ({@code --lock auto} with the
 * lock table created).
 */
class RunLockTest {

    @TempDir
    Path dir;

    private Process run(Path config, Path file, String lock, String out) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                MoodleSyncCommand.class.getName(), "run", "users", file.toString(),
                "--moodle-config", config.toString(), "--lock", lock,
                "--report-dir", dir.resolve("reports-" + out).toString(),
                "--tryback-dir", dir.resolve("trybacks-" + out).toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(out).toFile()).start();
    }

    private Path usersFile(String name, String prefix, int lines) throws Exception {
        StringBuilder file = new StringBuilder("username;firstname;lastname;email\n");
        for (int i = 0; i < lines; i++) {
            file.append(prefix).append(i).append(";F;L;").append(prefix).append(i).append("@example.org\n");
        }
        Path path = dir.resolve(name);
        Files.writeString(path, file, StandardCharsets.UTF_8);
        return path;
    }

    private static long users(TestDatabase db, String prefix) throws Exception {
        try (Connection c = db.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from " + db.table("user") + " where username like '" + prefix
                     + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "auto"})
    void aSecondRunIntoTheSameDatabaseIsRefusedWhileTheFirstRuns(String lock) throws Exception {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.POSTGRESQL)) {
            Path config = CliTesting.configPhp(db, dir);
            if (lock.equals("auto")) {
                CliTesting.Outcome created = CliTesting.cli("lock-table", "--create", "--moodle-config",
                        config.toString());
                assertThat(created.exitCode()).as(created.toString()).isZero();
            }
            Path big = usersFile("big.csv", "rl", 20_000);
            Path small = usersFile("small.csv", "sm", 1);
            Process first = run(config, big, lock, "first.txt");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (users(db, "rl") == 0 && first.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(first.isAlive()).as(Files.readString(dir.resolve("first.txt"))).isTrue();

                Process second = run(config, small, lock, "second.txt");
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String out = Files.readString(dir.resolve("second.txt"));
                boolean firstStillRan = first.isAlive();
                assertThat(second.exitValue()).as(out).isEqualTo(MoodleSyncCommand.LOCKED);
                assertThat(out).contains("pid " + first.pid());
                assertThat(users(db, "sm")).as("the refused run wrote nothing").isZero();
                assertThat(firstStillRan).as("the first run was still running when the second was refused").isTrue();

                assertThat(first.waitFor(180, TimeUnit.SECONDS)).isTrue();
                assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.txt"))).isZero();
                Process third = run(config, small, lock, "third.txt");
                assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(third.exitValue()).as(Files.readString(dir.resolve("third.txt"))).isZero();
                assertThat(users(db, "sm")).isEqualTo(1);
            } finally {
                first.destroyForcibly();
            }
        }
    }
}
