package org.moodlesync.core.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.source.RowSource;

/**
 * The report file and the tryback file of one run, written as the lines come (constant memory).
 *
 * <p>The report says every line's outcome and changes, human-readable, without secrets (no raw line, no password).
 * The tryback file holds the header and the raw text of the failed lines (and of lines the run did not reach when
 * it stopped early), so it can be rerun as it is; it may hold passwords as the admin gave them, so it is readable
 * by its owner only ({@code rw-------}, created atomically with those permissions, never through a file or link left
 * in its place). It is only written when some line failed. The report holds personal data (names, e-mails): it is
 * not readable by others ({@code rw-r-----}), and the directories created for either file are {@code rwxr-x---}.
 *
 * <p>Writing never throws: the first failure (directory that cannot be created or written, full disk, …) is kept
 * as {@link #failure()}, the output concerned is closed, and the run stops at the next line boundary with status
 * {@code FAILED} — so no line is ever processed without its report line and, when it fails, its tryback line.
 */
public final class RunOutputs implements AutoCloseable {

    private final Path reportDir;
    private final Path trybackDir;
    private final Clock clock;
    private final boolean dryRun;
    private String sourceName;
    private List<String> header = List.of();
    private char separator = ';';
    private String headerText;
    private BufferedWriter report;
    private Path reportFile;
    private BufferedWriter tryback;
    private Path trybackFile;
    private String failure;

    /**
     * @param reportDir  directory of the report file, or null for none
     * @param trybackDir directory of the tryback file, or null for none
     * @param clock      the run's clock (for file names)
     * @param dryRun     whether the run is a dry run (said in the report)
     */
    public RunOutputs(Path reportDir, Path trybackDir, Clock clock, boolean dryRun) {
        this.reportDir = reportDir;
        this.trybackDir = trybackDir;
        this.clock = clock;
        this.dryRun = dryRun;
    }

    /** Outputs that write nothing. */
    public static RunOutputs none(Clock clock) {
        return new RunOutputs(null, null, clock, false);
    }

    /** Starts the outputs of a run over {@code sourceName}. */
    public void open(String sourceName, List<String> header, char separator) {
        open(sourceName, header, separator, null);
    }

    /** Starts the outputs; {@code headerText} is the header line as written (null: joined from the names). */
    public void open(String sourceName, List<String> header, char separator, String headerText) {
        this.headerText = headerText;
        this.sourceName = sourceName;
        this.header = List.copyOf(header);
        this.separator = separator;
        if (reportDir != null) {
            reportFile = reportDir.resolve(OutputNames.report(sourceName, clock.instant(), clock.getZone()));
            report = open(reportFile, REPORT_PERMISSIONS);
            write(report, "moodle-sync report: " + sourceName + (dryRun ? " (DRY RUN: nothing written)" : ""));
            write(report, "started " + clock.instant());
        }
        if (trybackDir != null && failure == null) {
            // the tryback file is only created when a line fails: make sure now that it can be
            try {
                createDirectories(trybackDir);
                if (!Files.isDirectory(trybackDir) || !Files.isWritable(trybackDir)) {
                    throw new IOException("not a writable directory");
                }
            } catch (IOException | RuntimeException e) {
                fail("cannot write the tryback file into " + trybackDir, e);
            }
        }
    }

    /**
     * The first output failure, for example {@code cannot write reports/…_report_users.csv: No space left on
     * device}, or null while every output is fine. The run stops when there is one.
     */
    public String failure() {
        return failure;
    }

    /** Records one line's result. */
    public void line(LineResult result) {
        if (report != null) {
            write(report, describe(result));
        }
        if (result.failed()) {
            toTryback(result.ref());
        }
    }

    /** Lines whose outcome is unknown (the run stopped before or while writing them) go to the tryback file. */
    public void notProcessed(List<LineRef> refs) {
        for (LineRef ref : refs) {
            toTryback(ref);
            if (report != null) {
                write(report, "line " + ref.line() + ": NOT PROCESSED (kept in the tryback file)");
            }
        }
    }

    /** The lines a run did not read go to the tryback file. */
    public void notProcessed(RowSource rest) {
        notProcessed(List.of(), rest);
    }

    /**
     * The lines a run did not reach go to the tryback file: first those read ahead of the writer (not written,
     * not reported one by one: how far the reading got is a matter of timing), then those never read. The report
     * counts them in one line.
     */
    public void notProcessed(List<LineRef> readAhead, RowSource rest) {
        long count = 0;
        for (LineRef ref : readAhead) {
            toTryback(ref);
            count++;
        }
        try {
            while (rest != null && rest.hasNext()) {
                try {
                    toTryback(new LineRef(rest.name(), 0, rest.next().rawText()));
                } catch (org.moodlesync.api.InputFormatException e) {
                    toTryback(new LineRef(rest.name(), e.line(), e.rawText()));
                }
                count++;
            }
        } catch (RuntimeException e) {
            fail("cannot read the lines of " + rest.name() + " after line " + count + " not processed", e);
        }
        if (report != null && count > 0) {
            write(report, count + " lines not processed (kept in the tryback file)");
        }
    }

    /**
     * Ends the outputs and returns the run result with the files written. When an output could not be written, the
     * result says so: status {@code FAILED}, and its error names the file and the cause (the lines already
     * processed keep their results).
     */
    public RunResult close(RunResult result) {
        if (report != null) {
            result.notices().forEach(n -> write(report, "notice: " + n));
            if (result.error() != null) {
                write(report, "run FAILED: " + result.error());
            }
            write(report, "status " + result.status() + ": " + result.counts() + " in "
                    + result.duration().toMillis() + " ms");
        }
        close();
        RunResult closed = result;
        if (failure != null) {
            String error = result.error() == null ? failure : result.error() + "; " + failure;
            closed = new RunResult(result.kind(), result.source(), RunStatus.FAILED, result.dryRun(),
                    result.started(), result.finished(), result.counts(), result.lines(), error, null, null,
                    result.notices());
        }
        return closed.withFiles(reportFile != null && Files.exists(reportFile) ? reportFile : null,
                trybackFile != null && Files.exists(trybackFile) ? trybackFile : null);
    }

    /**
     * Pushes what is buffered to the files (the pipeline calls it after each chunk), so that a full disk is noticed
     * at the chunk where it happens; a failure is kept as {@link #failure()}.
     */
    public void flush() {
        report = flushQuietly(report, reportFile);
        tryback = flushQuietly(tryback, trybackFile);
    }

    private BufferedWriter flushQuietly(BufferedWriter out, Path file) {
        if (out == null) {
            return null;
        }
        try {
            out.flush();
            return out;
        } catch (IOException e) {
            fail("cannot write " + file, e);
            closeQuietly(out, file);
            return null;
        }
    }

    /** Closes the files; a failure to close (the last bytes cannot be written) is kept as {@link #failure()}. */
    @Override
    public void close() {
        report = closeQuietly(report, reportFile);
        tryback = closeQuietly(tryback, trybackFile);
    }

    private BufferedWriter closeQuietly(BufferedWriter out, Path file) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException | RuntimeException e) {
                fail("cannot write " + file, e);
            }
        }
        return null;
    }

    private void fail(String what, Exception e) {
        if (failure == null) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            failure = what + ": " + reason;
        }
    }

    private void toTryback(LineRef ref) {
        if (trybackDir == null || ref.rawText() == null) {
            return;
        }
        if (tryback == null) {
            if (trybackFile != null) {
                return; // it could not be written: failure() says why
            }
            trybackFile = trybackDir.resolve(OutputNames.tryback(sourceName, clock.instant(), clock.getZone()));
            tryback = open(trybackFile, TRYBACK_PERMISSIONS);
            if (tryback == null) {
                return;
            }
            if (headerText != null) {
                tryback = writeRaw(tryback, trybackFile, headerText);
            } else if (!header.isEmpty()) {
                tryback = writeRaw(tryback, trybackFile, String.join(String.valueOf(separator), header));
            }
        }
        tryback = writeRaw(tryback, trybackFile, ref.rawText());
    }

    private static String describe(LineResult r) {
        StringBuilder sb = new StringBuilder("line ").append(r.line()).append(": ").append(r.outcome());
        if (r.dryRun() && r.outcome().writes()) {
            sb.append(" (would be)");
        }
        if (r.entity() != null) {
            sb.append(' ').append(r.entity());
        }
        if (r.error() != null) {
            sb.append(" - ").append(r.error());
        }
        if (!r.changes().isEmpty()) {
            sb.append(" {");
            for (int i = 0; i < r.changes().size(); i++) {
                FieldChange c = r.changes().get(i);
                sb.append(i == 0 ? "" : ", ").append(c);
            }
            sb.append('}');
        }
        r.messages().forEach(m -> sb.append(" | ").append(m));
        return sb.toString();
    }

    static final String REPORT_PERMISSIONS = "rw-r-----";
    private static final String TRYBACK_PERMISSIONS = "rw-------";
    private static final String DIRECTORY_PERMISSIONS = "rwxr-x---";

    /**
     * Creates the file anew with these permissions, atomically ({@code CREATE_NEW}: a file or symbolic link put in
     * its place between the deletion and the creation makes the opening fail instead of being written through).
     * Returns null (and keeps the failure) when it cannot be created.
     */
    private BufferedWriter open(Path file, String permissions) {
        try {
            return new BufferedWriter(new OutputStreamWriter(createAnew(file, permissions), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            fail("cannot write " + file, e);
            return null;
        }
    }

    /**
     * Creates an output file anew with these permissions (its directories {@code rwxr-x---} when created),
     * atomically ({@code CREATE_NEW}: a file or symbolic link put in its place between the deletion and the
     * creation makes the opening fail instead of being written through), and opens it.
     */
    static OutputStream createAnew(Path file, String permissions) throws IOException {
        createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            // O_CREAT | O_EXCL: fails on anything (file, link) that took the name in between
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: the directory's rules apply
        }
        // not a channel: a run on an interrupted thread must still be able to write its outputs
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
    }

    private static void createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(DIRECTORY_PERMISSIONS)));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    private void write(BufferedWriter out, String line) {
        report = writeRaw(out, reportFile, line);
    }

    /** Writes a line; on failure keeps it, closes the writer and returns null (the output is then given up). */
    private BufferedWriter writeRaw(BufferedWriter out, Path file, String line) {
        if (out == null) {
            return null;
        }
        try {
            out.write(line);
            out.write('\n');
            return out;
        } catch (IOException e) {
            fail("cannot write " + file, e);
            try {
                out.close();
            } catch (IOException ignored) {
                // the failure is already kept
            }
            return null;
        }
    }
}
