package org.moodlesync.core.workspace;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.moodlesync.api.lock.RunLock;

/**
 * The in-progress marker of a kind (tool_sync's {@code lastrunning_<tool>} setting): a small file written before a
 * run takes its input, removed when the run ends, whatever happens. One still there when the next run (holding the
 * kind's lock) starts means the previous run died (killed, power cut) and left its input in the processing folder.
 *
 * @param location the input's location in the workspace ({@code userimport.csv})
 * @param started  when the run started
 * @param host     the machine that ran it
 * @param pid      its process id
 */
public record RunMarker(String location, Instant started, String host, long pid) {

    /** A marker for a run starting now in this process. */
    public static RunMarker now(String location, Instant started) {
        return new RunMarker(location, started, hostName(), ProcessHandle.current().pid());
    }

    /** Writes the marker (atomically: written aside, then renamed). */
    public void write(Path file) {
        Properties p = new Properties();
        p.setProperty("location", location);
        p.setProperty("started", started.toString());
        p.setProperty("host", host);
        p.setProperty("pid", Long.toString(pid));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + java.util.UUID.randomUUID() + ".new");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "moodle-sync run in progress");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the in-progress marker " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the run that wrote this marker is still alive: same host and its pid is a live process. */
    public boolean aliveHere() {
        return host.equals(hostName()) && pid > 0 && pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The marker in this file, if there is one (an unreadable marker reads as an unknown run). */
    public static Optional<RunMarker> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(new RunMarker("?", Instant.EPOCH, "?", -1));
        }
        Instant started;
        try {
            started = Instant.parse(p.getProperty("started", ""));
        } catch (RuntimeException e) {
            started = Instant.EPOCH;
        }
        long pid;
        try {
            pid = Long.parseLong(p.getProperty("pid", "-1"));
        } catch (NumberFormatException e) {
            pid = -1;
        }
        return Optional.of(new RunMarker(p.getProperty("location", "?"), started, p.getProperty("host", "?"), pid));
    }

    /** Removes the marker; never throws (it is called in {@code finally}). */
    public static boolean clear(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }

    /** This machine's name, for markers and lock holders. */
    public static String hostName() {
        return RunLock.thisHost();
    }

    @Override
    public String toString() {
        return location + " (started " + started + " on " + host + ", pid " + pid + ")";
    }
}
