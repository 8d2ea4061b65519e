package org.moodlesync.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.lock.RunLocks;

/** {@link RunLocks#inFiles(Path)} against real other processes (children of this JVM, same classpath). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileRunLocksTest {

    @TempDir
    Path dir;

    /** A child process: takes the users lock in args[0], prints "held" or "locked", then holds it for args[1] ms. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (RunLock lock = RunLocks.inFiles(Path.of(args[0])).acquire(SyncKind.USERS)) {
                System.out.println("held");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[1]));
            } catch (RunLockedException e) {
                System.out.println("locked");
                System.exit(3);
            }
        }
    }

    private Process holder(long holdMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                dir.toString(), Long.toString(holdMillis)).redirectErrorStream(true).start();
    }

    private static String firstLine(Process p) throws Exception {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aLiveHolderInAnotherProcessIsRefusedAndNamedByPid() throws Exception {
        Process child = holder(60_000);
        try {
            assertThat(firstLine(child)).isEqualTo("held");

            assertThatThrownBy(() -> RunLocks.inFiles(dir).acquire(SyncKind.USERS))
                    .isInstanceOf(RunLockedException.class)
                    .hasMessageContaining("pid " + child.pid())
                    .hasMessageContaining("since ");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aKilledHolderReleasesTheLock() throws Exception {
        Process child = holder(60_000);
        assertThat(firstLine(child)).isEqualTo("held");
        child.destroyForcibly().waitFor();

        try (RunLock lock = RunLocks.inFiles(dir).acquire(SyncKind.USERS)) {
            assertThat(lock.name()).isEqualTo("moodle-sync:users");
        }
    }

    @Test
    void ofProcessesStartedTogetherExactlyOneHoldsTheLock() throws Exception {
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(holder(3_000));
        }
        List<Integer> exits = new ArrayList<>();
        for (Process c : children) {
            exits.add(c.waitFor());
        }
        assertThat(exits).containsOnly(0, 3);
        assertThat(exits.stream().filter(e -> e == 0).count()).isEqualTo(1);
    }

    @Test
    void aSecondAcquireInTheSameProcessIsRefusedAndTheLockIsFreeAfterClose() {
        RunLocks locks = RunLocks.inFiles(dir);
        RunLock first = locks.acquire(SyncKind.USERS);
        assertThatThrownBy(() -> RunLocks.inFiles(dir).acquire(SyncKind.USERS))
                .isInstanceOf(RunLockedException.class)
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
        first.close();
        locks.acquire(SyncKind.USERS).close();
    }
}
