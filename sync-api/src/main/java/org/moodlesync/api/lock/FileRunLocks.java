package org.moodlesync.api.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * {@link RunLocks#inFiles(Path)}: one OS file lock ({@link FileChannel#tryLock()}) per lock name, on the file
 * {@code <dir>/<name>.lock}. It keeps apart the runs of every process on this machine (and of one JVM: a second
 * acquire in the same JVM is refused too). The OS releases the lock when its process dies, however it dies, so a
 * dead holder never blocks the next run. While held, the file records the holder: {@code host pid start-time}, which
 * the refusal of another run names.
 */
final class FileRunLocks implements RunLocks {

    private final Path dir;

    FileRunLocks(Path dir) {
        this.dir = dir;
    }

    @Override
    public RunLock acquire(String name) {
        Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lock file " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holderOf(file);
            close(channel);
            throw new RunLockedException(name, holder);
        }
        String me = "host " + RunLock.thisHost() + " pid " + ProcessHandle.current().pid() + " since " + Instant.now();
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot write the lock file " + file + ": " + e.getMessage(), e);
        }
        return RunLock.held(name, () -> {
            try {
                channel.truncate(0);
            } catch (IOException ignored) {
                // the lock is released below all the same
            }
            close(channel);
        });
    }

    /** The holder recorded in the lock file, or a plain "a process on this machine" while it is being written. */
    private static String holderOf(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "a process on this machine (lock file " + file + ")" : text;
        } catch (IOException e) {
            return "a process on this machine (lock file " + file + ")";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases the lock; nothing else to do
        }
    }


    @Override
    public String toString() {
        return "file run locks in " + dir;
    }
}
