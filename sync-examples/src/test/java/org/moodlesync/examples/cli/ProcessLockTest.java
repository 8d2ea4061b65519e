package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * {@code moodle-sync process users} in processes of their own with {@code --lock local} (no lock table): a live
 * holder refuses the next run (exit 3, naming its pid), a killed one is taken over and the takeover reported.
 */
class ProcessLockTest {

    @TempDir
    Path dir;

    private Process process(Path ws, Path config, String out) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                MoodleSyncCommand.class.getName(), "process", "users", "--workspace", ws.toString(),
                "--moodle-config", config.toString(), "--lock", "local"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(out).toFile()).start();
    }

    private static void usersFile(Path ws, int lines) throws Exception {
        StringBuilder file = new StringBuilder("username;firstname;lastname;email;password\n");
        for (int i = 0; i < lines; i++) {
            file.append("lk").append(i).append(";F;L;lk").append(i).append("@example.org;Pw-").append(i)
                    .append("-secret\n");
        }
        Files.writeString(ws.resolve("userimport.csv"), file, StandardCharsets.UTF_8);
    }

    @Test
    void aLiveHolderIsRefusedAndAKilledOneIsTakenOver() throws Exception {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.POSTGRESQL)) {
            Path config = CliTesting.configPhp(db, dir);
            Path ws = dir.resolve("ws");
            Files.createDirectories(ws);
            usersFile(ws, 100_000); // long enough to be still running when it is killed, on a fast machine too
            Process first = process(ws, config, "first.txt");
            try {
                Path marker = ws.resolve(".moodlesync/lastrunning_users");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(marker) && System.nanoTime() < deadline && first.isAlive()) {
                    Thread.sleep(50);
                }
                assertThat(marker).as(Files.readString(dir.resolve("first.txt"))).exists();
                usersFile(ws, 1); // a new file waiting, so the second run has something to take

                Process second = process(ws, config, "second.txt");
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String out = Files.readString(dir.resolve("second.txt"));
                assertThat(second.exitValue()).as(out).isEqualTo(MoodleSyncCommand.LOCKED);
                assertThat(out).contains("pid " + first.pid());

                long pid = first.pid();
                first.destroyForcibly().waitFor();
                Process third = process(ws, config, "third.txt");
                assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String taken = Files.readString(dir.resolve("third.txt"));
                assertThat(third.exitValue()).as(taken).isIn(0, 1);
                assertThat(taken).contains("took over from the run of pid " + pid).contains("which died");
            } finally {
                first.destroyForcibly();
            }
        }
    }

    @Test
    void ofTwoStartedTogetherExactlyOneRunsAndTheOtherIsLocked() throws Exception {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.POSTGRESQL)) {
            Path config = CliTesting.configPhp(db, dir);
            Path ws = dir.resolve("ws");
            Files.createDirectories(ws);
            usersFile(ws, 3_000);
            Process a = process(ws, config, "a.txt");
            Process b = process(ws, config, "b.txt");
            try {
                assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String outs = Files.readString(dir.resolve("a.txt")) + "\n----\n" + Files.readString(dir.resolve("b.txt"));
                List<Integer> exits = List.of(a.exitValue(), b.exitValue());
                assertThat(exits).as(outs).containsExactlyInAnyOrder(0, MoodleSyncCommand.LOCKED);
            } finally {
                a.destroyForcibly();
                b.destroyForcibly();
            }
        }
    }
}
