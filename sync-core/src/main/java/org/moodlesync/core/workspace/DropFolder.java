package org.moodlesync.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The capture of tool_sync's drop folder ({@code <dataroot>/sync}): files that feeders drop there are moved into the
 * workspace root, replacing a file of the same name, and removed from the drop folder. Run before every workspace
 * run, as tool_sync did.
 *
 * <p>tool_sync's conventions are kept:
 * <ul>
 *   <li>{@code alock.txt} in the drop folder is a feeder's write lock: while it is there nothing is captured
 *       (a notice says so when it is older than the {@linkplain WorkspaceOptions#staleLockAge() stale age});</li>
 *   <li>{@code lock.txt} is the capture's own read lock, holding the Unix time it was taken: a capture that finds a
 *       fresh one skips (another capture is under way); a stale one is reported and taken over;</li>
 *   <li>names starting with {@code .} or {@code _}, names containing {@code lock}, and folders are left alone.</li>
 * </ul>
 *
 * <p>A file still being written is never read half: it is left for a later capture when its name ends with
 * {@code .part}, {@code .tmp} or {@code .filepart} (write under such a name, then rename — the safest way to feed),
 * or when its size or modification time changed during the {@linkplain WorkspaceOptions#settleTime() settle time}
 * (two looks, that long apart), or was changed less than that long ago. A file is moved atomically: first renamed to
 * a hidden name in the workspace (copied then deleted when the drop folder is on another file system), checked once
 * more, then renamed into place; a run never sees a partial file.
 */
public final class DropFolder {

    /** A feeder's write lock: no capture while it exists. */
    public static final String WRITE_LOCK = "alock.txt";
    /** The capture's own read lock. */
    public static final String READ_LOCK = "lock.txt";

    /** Waits between the two looks; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Path inbox;
    private final Path target;
    private final Clock clock;
    private final Duration settle;
    private final Duration staleAge;
    private final Pause pause;

    /**
     * @param inbox    the drop folder (created when missing)
     * @param target   where captured files go (the workspace root)
     * @param clock    for lock ages and the settle time
     * @param settle   how long a file must stay unchanged before it is taken
     * @param staleAge when a lock file counts as stale
     * @param pause    how to wait between the two looks
     */
    public DropFolder(Path inbox, Path target, Clock clock, Duration settle, Duration staleAge, Pause pause) {
        this.inbox = inbox;
        this.target = target;
        this.clock = clock;
        this.settle = settle;
        this.staleAge = staleAge;
        this.pause = pause;
    }

    /**
     * A drop folder for a workspace with its options, on the system clock (file times are real times, whatever
     * clock the runs use), waiting with {@link Thread#sleep}.
     */
    public static DropFolder of(Workspace workspace, WorkspaceOptions options) {
        return new DropFolder(workspace.inbox(), workspace.root(), Clock.systemUTC(), options.settleTime(),
                options.staleLockAge(), d -> Thread.sleep(d.toMillis()));
    }

    /** Captures what is ready. */
    public CaptureResult capture() {
        List<String> notices = new ArrayList<>();
        try {
            Files.createDirectories(inbox);
            Files.createDirectories(target);
            Path writeLock = inbox.resolve(WRITE_LOCK);
            if (Files.exists(writeLock)) {
                Duration age = ageOf(writeLock);
                if (age.compareTo(staleAge) > 0) {
                    notices.add("Too old write lock file " + writeLock + " (" + age.toMinutes() + " minutes):"
                            + " possible remote writer process issue; nothing is captured while it is there");
                }
                return new CaptureResult(List.of(), List.of("write lock " + WRITE_LOCK + " present"), notices,
                        true);
            }
            Path readLock = inbox.resolve(READ_LOCK);
            if (!takeReadLock(readLock, notices)) {
                return new CaptureResult(List.of(), List.of("another capture holds " + READ_LOCK), notices, true);
            }
            try {
                return captureUnderLock(notices);
            } finally {
                Files.deleteIfExists(readLock);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot capture the drop folder " + inbox + ": " + e.getMessage(), e);
        }
    }

    private boolean takeReadLock(Path readLock, List<String> notices) throws IOException {
        byte[] now = String.valueOf(clock.instant().getEpochSecond()).getBytes(StandardCharsets.US_ASCII);
        try {
            Files.write(readLock, now, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            Duration age = ageOf(readLock);
            if (age.compareTo(staleAge) <= 0) {
                return false;
            }
            notices.add("Too old read lock file " + readLock + " (" + age.toMinutes() + " minutes): possible"
                    + " local sync process issue; the capture takes it over");
            Files.write(readLock, now, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return true;
        }
    }

    private CaptureResult captureUnderLock(List<String> notices) throws IOException {
        List<String> waiting = new ArrayList<>();
        Map<Path, Look> first = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (ignored(name) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (inProgressName(name)) {
                    waiting.add(name + ": still being written (temporary name)");
                    continue;
                }
                Look look = Look.of(p);
                if (look != null) {
                    first.put(p, look);
                }
            }
        }
        if (first.isEmpty()) {
            return new CaptureResult(List.of(), waiting, notices, false);
        }
        if (!settle.isZero()) {
            try {
                pause.pause(settle);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CaptureResult(List.of(), waiting, notices, false);
            }
        }
        List<Path> captured = new ArrayList<>();
        Instant settledBefore = clock.instant().minus(settle);
        for (Map.Entry<Path, Look> e : first.entrySet()) {
            Path source = e.getKey();
            String name = source.getFileName().toString();
            Look second = Look.of(source);
            if (second == null) {
                continue; // gone meanwhile (another capture, the feeder)
            }
            if (!second.equals(e.getValue()) || second.modified().toInstant().isAfter(settledBefore)) {
                waiting.add(name + ": still being written (changed within " + settle.toMillis() + " ms)");
                continue;
            }
            Path placed = move(source, second, waiting);
            if (placed != null) {
                captured.add(placed);
            }
        }
        return new CaptureResult(captured, waiting, notices, false);
    }

    /** Moves one settled file into the workspace, atomically; null when it had to be left (it changed again). */
    private Path move(Path source, Look settled, List<String> waiting) throws IOException {
        String name = source.getFileName().toString();
        Path hidden = target.resolve(".capture-" + UUID.randomUUID() + "-" + name);
        try {
            Files.move(source, hidden, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // another file system: copy under a hidden name, then remove the source
            Files.copy(source, hidden, StandardCopyOption.COPY_ATTRIBUTES);
            if (!settled.equals(Look.of(source))) {
                Files.deleteIfExists(hidden);
                waiting.add(name + ": still being written (changed while copied)");
                return null;
            }
            Files.delete(source);
        } catch (NoSuchFileException e) {
            return null;
        }
        Look moved = Look.of(hidden);
        if (moved == null || moved.size() != settled.size()) {
            // a writer still had the file open and wrote on: give it back for a later capture
            Files.move(hidden, source, StandardCopyOption.ATOMIC_MOVE);
            waiting.add(name + ": still being written (grew while captured)");
            return null;
        }
        Path placed = target.resolve(name);
        Files.move(hidden, placed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return placed;
    }

    private Duration ageOf(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        Duration age = Duration.between(modified.toInstant(), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** tool_sync's rule: hidden files, outputs ({@code _…}) and anything named like a lock are not inputs. */
    static boolean ignored(String name) {
        return name.startsWith(".") || name.startsWith("_") || name.toLowerCase(Locale.ROOT).contains("lock");
    }

    /** The names feeders write under before renaming. */
    static boolean inProgressName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".part") || lower.endsWith(".tmp") || lower.endsWith(".filepart");
    }

    /** Size and modification time of a file at one moment. */
    private record Look(long size, FileTime modified) {
        static Look of(Path p) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return new Look(a.size(), a.lastModifiedTime());
            } catch (IOException e) {
                return null;
            }
        }
    }
}
