package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.jooq.lock.LockTable;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * {@code moodle-sync schedule} in a process of its own, stopped by SIGTERM in the middle of a run: the run stops at a
 * line boundary, every line is either in Moodle or in the tryback file, the marker is cleared, the lock released.
 */
class ScheduleCommandTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheRunUnderWayCleanly() throws Exception {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.POSTGRESQL)) {
            LockTable.create(db.moodle());
            Path config = CliTesting.configPhp(db, dir);
            Path ws = dir.resolve("ws");
            Files.createDirectories(ws);
            int lines = 4000;
            StringBuilder file = new StringBuilder("username;firstname;lastname;email;password\n");
            for (int i = 0; i < lines; i++) {
                file.append("sig").append(i).append(";F;L;sig").append(i).append("@example.org;Pw-").append(i)
                        .append("-secret\n");
            }
            Files.writeString(ws.resolve("userimport.csv"), file, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    MoodleSyncCommand.class.getName(), "schedule", "--workspace", ws.toString(),
                    "--moodle-config", config.toString(), "--every", "users=1s", "--chunk-size", "200",
                    "--lock", "db", "--grace", "60s"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.txt").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (users(db) < 200 && System.nanoTime() < deadline && p.isAlive()) {
                    Thread.sleep(100);
                }
                assertThat(users(db)).as(Files.readString(dir.resolve("out.txt"))).isGreaterThanOrEqualTo(200);
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
            } finally {
                p.destroyForcibly();
            }
            String out = Files.readString(dir.resolve("out.txt"));
            assertThat(out).contains("stopping (the run under way ends after its current line)", "STOPPED");
            int written = users(db);
            assertThat(written).isBetween(200, lines - 1);
            Path tryback;
            try (Stream<Path> s = Files.list(ws)) {
                tryback = s.filter(f -> f.getFileName().toString().startsWith("userimport_tryback_")).findFirst()
                        .orElseThrow();
            }
            List<String> left = Files.readAllLines(tryback);
            assertThat(left.size() - 1).as("every line is in Moodle or in the tryback file").isEqualTo(lines - written);
            assertThat(left.get(1)).startsWith("sig" + written + ";");
            assertThat(ws.resolve(".moodlesync/lastrunning_users")).doesNotExist();
            assertThat(db.dsl().select(field(name("lock_until"), Long.class)).from(table(name("moodlesync_lock")))
                    .where(field(name("name"), String.class).eq("moodle-sync:users")).fetchOne().value1())
                    .as("lock released").isLessThanOrEqualTo(System.currentTimeMillis());
        }
    }

    private static int users(TestDatabase db) {
        return db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.like("sig%"));
    }
}
