package org.moodlesync.core.internal.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.moodlesync.api.RunFailure;
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
    /** Where the tryback is written until it is complete ({@code <name>.part}); renamed to its name at close. */
    private Path trybackPart;
    private boolean trybackGivenUp;
    private long lostLines;
    private long firstLost;
    private long recordedUpTo;
    private String failure;
    /**
     * The file stream under each writer: a writer whose last bytes cannot be written (full disk) throws from
     * {@code close()} before closing its stream, which must then be closed here (or the file stays open).
     */
    private final java.util.Map<BufferedWriter, OutputStream> streams = new java.util.IdentityHashMap<>();

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
            java.time.Instant now = clock.instant();
            Path[] created = new Path[1];
            report = openUnique(reportDir,
                    attempt -> OutputNames.report(sourceName, now, clock.getZone(), dryRun, attempt), "", created);
            reportFile = created[0];
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
            if (result.failure() != null) {
                write(report, "run " + (result.status() == RunStatus.REFUSED ? "REFUSED" : "FAILED") + ": "
                        + result.failure().message());
            }
            write(report, "status " + result.status() + ": " + result.counts() + " in "
                    + result.duration().toMillis() + " ms");
        }
        close();
        RunResult closed = result;
        if (failure != null) {
            String lost = lostMessage();
            String text = (result.failure() == null ? failure : result.failure().message() + "; " + failure)
                    + (lost == null ? "" : "; " + lost);
            RunFailure error = new RunFailure(result.failure() == null ? RunFailure.Kind.OUTPUT
                    : result.failure().kind(), text, result.failure() == null ? null : result.failure().cause());
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
        BufferedWriter t = flushQuietly(tryback, trybackPart);
        trybackGivenUp |= tryback != null && t == null;
        tryback = t;
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
        if (tryback != null) {
            String before = failure;
            tryback = closeQuietly(tryback, trybackPart);
            trybackGivenUp |= failure != before;
            publishTryback();
        }
    }

    private void closeStream(BufferedWriter out) {
        OutputStream stream = streams.remove(out);
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the failure is already kept
            }
        }
    }

    private BufferedWriter closeQuietly(BufferedWriter out, Path file) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException | RuntimeException e) {
                fail("cannot write " + file, e);
            } finally {
                closeStream(out);
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
            if (trybackGivenUp) {
                lost(ref); // it could not be written: failure() says why
                return;
            }
            java.time.Instant now = clock.instant();
            Path[] created = new Path[1];
            tryback = openUnique(trybackDir,
                    attempt -> OutputNames.tryback(sourceName, now, clock.getZone(), dryRun, attempt), PART, created);
            trybackPart = created[0];
            if (tryback != null && headerText != null) {
                tryback = writeRaw(tryback, trybackPart, headerText);
            } else if (tryback != null && !header.isEmpty()) {
                tryback = writeRaw(tryback, trybackPart, String.join(String.valueOf(separator), header));
            }
            if (tryback == null) {
                trybackGivenUp = true;
                lost(ref);
                return;
            }
        }
        tryback = writeRaw(tryback, trybackPart, ref.rawText());
        if (tryback == null) {
            trybackGivenUp = true;
            lost(ref);
        } else {
            recordedUpTo = Math.max(recordedUpTo, ref.line());
        }
    }

    /** A failed or unreached line whose tryback line could not be written: it is recorded nowhere. */
    private void lost(LineRef ref) {
        lostLines++;
        if (firstLost == 0 && ref.line() > 0) {
            firstLost = ref.line();
        }
    }

    /**
     * What the run's error adds when failed or unreached lines could not be put in the tryback file: how many, and
     * what to rerun. Null when every such line is in the tryback file.
     */
    private String lostMessage() {
        if (!trybackGivenUp) {
            return null;
        }
        long from = firstLost > 0 ? firstLost : recordedUpTo + 1;
        String kept = trybackPart != null && Files.exists(trybackPart)
                ? "; the lines recorded before are in the incomplete " + trybackPart : "";
        return "the tryback file is incomplete: " + (lostLines == 0 ? "lines may be" : lostLines
                + (lostLines == 1 ? " line is" : " lines are")) + " recorded nowhere — rerun the original file "
                + sourceName + " from line " + from + " (lines already written are unchanged by a rerun)" + kept;
    }

    /** Gives the complete tryback its name ({@code <name>.part} → {@code <name>}), never replacing a file. */
    private void publishTryback() {
        if (trybackPart == null || trybackGivenUp) {
            return;
        }
        String partName = trybackPart.getFileName().toString();
        String name = partName.substring(0, partName.length() - PART.length());
        Path target = trybackPart.resolveSibling(name);
        try {
            for (int attempt = 2; ; attempt++) {
                try {
                    Files.createLink(target, trybackPart); // atomic, and fails when the name is taken
                    Files.delete(trybackPart);
                    break;
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    int dot = name.lastIndexOf('.');
                    target = trybackPart.resolveSibling(dot > 0 ? name.substring(0, dot) + "-" + attempt
                            + name.substring(dot) : name + "-" + attempt);
                } catch (UnsupportedOperationException noLinks) {
                    Files.move(trybackPart, target); // without REPLACE_EXISTING: fails when the name is taken
                    break;
                }
            }
            trybackFile = target;
        } catch (IOException e) {
            trybackGivenUp = true;
            fail("cannot name the tryback file " + target, e);
        }
    }

    private static String describe(LineResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.line() == 0 && r.key() != null) {
            sb.append(r.key()); // a line the run added, not one of the input's (a full feed's removal)
        } else {
            sb.append("line ").append(r.line());
            if (r.key() != null) {
                sb.append(" [").append(r.key()).append(']');
            }
        }
        sb.append(": ").append(r.outcome());
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

    /** Reports, JSON reports, trybacks and archives name people (and may hold passwords): their owner's only. */
    public static final String REPORT_PERMISSIONS = "rw-------";
    static final String TRYBACK_PERMISSIONS = "rw-------";
    static final String DIRECTORY_PERMISSIONS = "rwx------";
    private static final String PART = ".part";

    /**
     * Creates a file of this run in {@code dir} under the first free name of {@code names} (attempt 1, 2, …) plus
     * {@code suffix}, {@code rw-------}, never replacing a file and never through a link (see {@link #createUnique});
     * null (failure kept) when it cannot. The path created is put in {@code created[0]}.
     */
    private BufferedWriter openUnique(Path dir, java.util.function.IntFunction<String> names, String suffix,
            Path[] created) {
        try {
            Unique u = createUnique(dir, attempt -> names.apply(attempt) + suffix, REPORT_PERMISSIONS);
            created[0] = u.file();
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(u.out(), StandardCharsets.UTF_8));
            streams.put(writer, u.out());
            return writer;
        } catch (IOException | RuntimeException e) {
            fail("cannot write " + dir.resolve(names.apply(1) + suffix), e);
            return null;
        }
    }

    /** A file created by {@link #createUnique} and its open stream. */
    public record Unique(Path file, OutputStream out) {
    }

    /**
     * Creates a new file in {@code dir} under the first name of {@code names} (attempt 1, 2, …) that is free, with
     * these permissions, atomically ({@code CREATE_NEW}: a file or symbolic link under a name only makes it take the
     * next one; nothing is ever replaced or written through a link), and opens it. A {@code dir} that is a symbolic
     * link is refused. Its directories are created {@code rwx------}.
     */
    public static Unique createUnique(Path dir, java.util.function.IntFunction<String> names, String permissions)
            throws IOException {
        createDirectories(dir);
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link: files of a run are never written through links");
        }
        for (int attempt = 1; attempt <= OutputNames.MAX_ATTEMPTS; attempt++) {
            Path file = dir.resolve(names.apply(attempt));
            try {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(permissions)));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file); // not a POSIX file system: the directory's rules apply
                }
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                continue;
            }
            return new Unique(file, Files.newOutputStream(file, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS));
        }
        throw new IOException("no free name in " + dir + " after " + OutputNames.MAX_ATTEMPTS + " tries");
    }

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

    static void createDirectories(Path dir) throws IOException {
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
            } finally {
                closeStream(out);
            }
            return null;
        }
    }
}
