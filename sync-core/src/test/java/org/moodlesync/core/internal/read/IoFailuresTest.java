package org.moodlesync.core.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.IoFailures;

class IoFailuresTest {

    @TempDir
    Path dir;

    private static IOException failureOf(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    interface IoAction {
        void run() throws IOException;
    }

    @Test
    void namesTheCauseOfRealFailuresAndThePathOnce() {
        Path missing = dir.resolve("nope.csv");
        IOException e = failureOf(() -> Files.newInputStream(missing).close());
        assertThat(IoFailures.describe("cannot read", missing, e)).isEqualTo("cannot read " + missing + ": no such file");

        IOException dirRead = failureOf(() -> Files.readString(dir));
        assertThat(IoFailures.cause(dirRead)).isEqualTo("is a directory");

        Path file = dir.resolve("plain");
        IOException notDir = failureOf(() -> {
            Files.writeString(file, "x");
            Files.newInputStream(file.resolve("child")).close();
        });
        assertThat(IoFailures.cause(notDir)).isEqualTo("not a directory");
    }

    @Test
    void translatesReasonsOfFileSystemExceptions() {
        assertThat(IoFailures.cause(new FileSystemException("/x", null, "No space left on device")))
                .isEqualTo("disk full (No space left on device)");
        assertThat(IoFailures.cause(new FileSystemException("/x", null, "Permission denied")))
                .isEqualTo("permission denied");
        assertThat(IoFailures.cause(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("permission denied");
        UncheckedIOException u = IoFailures.unchecked("cannot open", Path.of("/x"),
                new java.nio.file.NoSuchFileException("/x"));
        assertThat(u).hasMessage("cannot open /x: no such file");
    }
}
