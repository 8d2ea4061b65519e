package org.moodlesync.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop-folder capture: tool_sync's lock files and names, files still being written, atomic moves. */
class DropFolderTest {

    @TempDir
    Path dir;

    private Path inbox() {
        return dir.resolve("inbox");
    }

    private Path ws() {
        return dir.resolve("ws");
    }

    /** A capture with no settle time: a file is taken when it was not changed since it was written. */
    private DropFolder folder(Duration settle) {
        return new DropFolder(inbox(), ws(), Clock.systemUTC(), settle, Duration.ofHours(3),
                d -> Thread.sleep(d.toMillis()));
    }

    private Path drop(String name, String content, Duration age) throws IOException {
        Files.createDirectories(inbox());
        Path p = inbox().resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    @Test
    void settledFilesMoveIntoTheWorkspaceReplacingTheirNamesake() throws IOException {
        drop("userimport.csv", "username\njdoe\n", Duration.ofMinutes(1));
        Files.createDirectories(ws());
        Files.writeString(ws().resolve("userimport.csv"), "old");

        CaptureResult r = folder(Duration.ZERO).capture();

        assertThat(r.captured()).containsExactly(ws().resolve("userimport.csv"));
        assertThat(ws().resolve("userimport.csv")).hasContent("username\njdoe");
        assertThat(inbox().resolve("userimport.csv")).doesNotExist();
        assertThat(inbox().resolve("lock.txt")).as("the read lock is removed").doesNotExist();
        try (var files = Files.list(ws())) {
            assertThat(files).as("no hidden leftover").containsExactly(ws().resolve("userimport.csv"));
        }
    }

    @Test
    void toolSyncsReservedNamesStayInTheDropFolder() throws IOException {
        drop(".hidden.csv", "x", Duration.ofMinutes(1));
        drop("_report.csv", "x", Duration.ofMinutes(1));
        drop("mylock.csv", "x", Duration.ofMinutes(1));
        drop("users.csv.part", "x", Duration.ofMinutes(1));
        Files.createDirectories(inbox().resolve("sub"));

        CaptureResult r = folder(Duration.ZERO).capture();

        assertThat(r.captured()).isEmpty();
        assertThat(r.waiting()).containsExactly("users.csv.part: still being written (temporary name)");
        assertThat(inbox().resolve(".hidden.csv")).exists();
        assertThat(inbox().resolve("_report.csv")).exists();
        assertThat(inbox().resolve("mylock.csv")).exists();
    }

    @Test
    void aFeedersWriteLockStopsTheCaptureAndAnOldOneIsReported() throws IOException {
        drop("userimport.csv", "x", Duration.ofMinutes(1));
        drop("alock.txt", "", Duration.ofMinutes(5));

        CaptureResult fresh = folder(Duration.ZERO).capture();
        assertThat(fresh.skipped()).isTrue();
        assertThat(fresh.captured()).isEmpty();
        assertThat(fresh.notices()).isEmpty();

        Files.setLastModifiedTime(inbox().resolve("alock.txt"), FileTime.from(Instant.now().minus(Duration.ofHours(4))));
        CaptureResult stale = folder(Duration.ZERO).capture();
        assertThat(stale.skipped()).isTrue();
        assertThat(stale.notices()).singleElement().asString().startsWith("Too old write lock file")
                .contains("possible remote writer process issue");
        assertThat(inbox().resolve("userimport.csv")).exists();
    }

    @Test
    void aFreshReadLockMeansAnotherCaptureAStaleOneIsTakenOver() throws IOException {
        drop("userimport.csv", "x", Duration.ofMinutes(1));
        drop("lock.txt", "1700000000", Duration.ofMinutes(1));

        assertThat(folder(Duration.ZERO).capture().skipped()).isTrue();
        assertThat(inbox().resolve("userimport.csv")).exists();

        Files.setLastModifiedTime(inbox().resolve("lock.txt"), FileTime.from(Instant.now().minus(Duration.ofHours(4))));
        CaptureResult r = folder(Duration.ZERO).capture();
        assertThat(r.notices()).singleElement().asString().startsWith("Too old read lock file");
        assertThat(r.captured()).containsExactly(ws().resolve("userimport.csv"));
        assertThat(inbox().resolve("lock.txt")).doesNotExist();
    }

    @Test
    void aFileChangedBetweenTheTwoLooksWaits() throws IOException {
        Path file = drop("userimport.csv", "username\n", Duration.ofMinutes(1));
        DropFolder.Pause feederWritesMeanwhile = d -> {
            try {
                Files.writeString(file, "jdoe\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        DropFolder capture = new DropFolder(inbox(), ws(), Clock.systemUTC(), Duration.ofMillis(1),
                Duration.ofHours(3), feederWritesMeanwhile);

        CaptureResult r = capture.capture();

        assertThat(r.captured()).isEmpty();
        assertThat(r.waiting()).singleElement().asString().startsWith("userimport.csv: still being written");
        assertThat(file).exists();
    }

    @Test
    void aFileWrittenJustNowWaitsForTheSettleTime() throws IOException {
        drop("userimport.csv", "x", Duration.ofSeconds(-5)); // modified "in the future": within any settle time

        CaptureResult r = new DropFolder(inbox(), ws(), Clock.systemUTC(), Duration.ofSeconds(2),
                Duration.ofHours(3), d -> { }).capture();

        assertThat(r.captured()).isEmpty();
    }

    /** A feeder writes a file slowly while captures run: every captured file is whole, never half. */
    @Test
    void aFileBeingWrittenIsNeverCapturedHalf() throws Exception {
        Files.createDirectories(inbox());
        Path file = inbox().resolve("userimport.csv");
        int lines = 60;
        StringBuilder whole = new StringBuilder("username\n");
        for (int i = 0; i < lines; i++) {
            whole.append("user").append(i).append('\n');
        }
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                out.write("username\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                started.countDown();
                for (int i = 0; i < lines; i++) {
                    out.write(("user" + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(10);
                }
            } catch (Throwable e) {
                writerError.set(e);
            }
        });
        writer.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        DropFolder capture = folder(Duration.ofMillis(150));
        Path captured = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int attempts = 0;
        while (captured == null && System.nanoTime() < deadline) {
            CaptureResult r = capture.capture();
            attempts++;
            if (!r.captured().isEmpty()) {
                captured = r.captured().get(0);
                assertThat(captured).as("captured after " + attempts + " looks").hasContent(whole.toString().strip());
            }
        }
        writer.join();
        assertThat(writerError.get()).isNull();
        assertThat(captured).isNotNull();
        assertThat(attempts).as("the file was seen while being written").isGreaterThan(1);
    }
}
