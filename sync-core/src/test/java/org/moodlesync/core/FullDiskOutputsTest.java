package org.moodlesync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.testkit.FakeMoodle;

/**
 * A tryback file that fills a real (small tmpfs) file system: the run says which lines are recorded nowhere and
 * what to rerun, and no incomplete tryback stands under the tryback's name. Mounting needs root: CI runs as root
 * and fails when it cannot mount; elsewhere the test is skipped.
 */
class FullDiskOutputsTest {

    @TempDir
    Path dir;

    @Test
    void aTrybackThatFillsTheDiskSaysWhatIsRecordedNowhereAndLeavesNoCompleteLookingFile() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("small-disk"));
        boolean mounted = mount(disk);
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(mounted).as("mounting a tmpfs (needs root)").isTrue();
        }
        assertThat(mounted).as("a 32 KiB tmpfs mounted at " + disk).isTrue();
        try {
            List<String> lines = new ArrayList<>();
            lines.add("username;firstname;lastname");
            String padding = "x".repeat(150);
            for (int i = 1; i <= 2000; i++) {
                lines.add("user" + i + ";;" + padding); // no first name: every line fails into the tryback
            }
            Path file = dir.resolve("userimport.csv");
            Files.write(file, lines, StandardCharsets.UTF_8);

            RunResult r = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build()
                    .users().from(file).trybackTo(disk).reportTo(dir.resolve("reports")).execute();

            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.error()).contains("recorded nowhere").contains("rerun the original file userimport.csv from line");
            assertThat(r.trybackFile()).as("no tryback is pointed to").isNull();
            assertThat(openFilesUnder(disk)).as("files left open").isEmpty();
            try (Stream<Path> files = Files.list(disk)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("only the marked incomplete file").allMatch(n -> n.endsWith(".part"));
            }
        } finally {
            if (mounted) {
                unmount(disk);
            }
        }
    }

    /** Unmounts; lazily when the mount is still busy (the test's assertions say whether we left a file open). */
    private static void unmount(Path at) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", at.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            new ProcessBuilder("umount", "-l", at.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The files this process still has open under a folder. */
    private static List<String> openFilesUnder(Path folder) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(folder)) {
                        open.add(target.toString());
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return open;
    }

    private static boolean mount(Path at) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
