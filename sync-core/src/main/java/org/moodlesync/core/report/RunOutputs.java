package org.moodlesync.core.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.source.RowSource;

/**
 * The report file and the tryback file of one run, written as the lines come (constant memory).
 *
 * <p>The report says every line's outcome and changes, human-readable, without secrets (no raw line, no password).
 * The tryback file holds the header and the raw text of the failed lines (and of lines the run did not reach when
 * it stopped early), so it can be rerun as it is; it may hold passwords as the admin gave them, so it is readable
 * by its owner only. It is only written when some line failed.
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
            report = open(reportFile, false);
            write(report, "moodle-sync report: " + sourceName + (dryRun ? " (DRY RUN: nothing written)" : ""));
            write(report, "started " + clock.instant());
        }
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
        long count = 0;
        while (rest.hasNext()) {
            try {
                toTryback(new LineRef(rest.name(), 0, rest.next().rawText()));
            } catch (org.moodlesync.api.InputFormatException e) {
                toTryback(new LineRef(rest.name(), e.line(), e.rawText()));
            }
            count++;
        }
        if (report != null && count > 0) {
            write(report, count + " lines not processed (kept in the tryback file)");
        }
    }

    /** Ends the outputs and returns the run result with the files written. */
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
        return result.withFiles(reportFile, trybackFile);
    }

    @Override
    public void close() {
        try {
            if (report != null) {
                report.close();
                report = null;
            }
            if (tryback != null) {
                tryback.close();
                tryback = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void toTryback(LineRef ref) {
        if (trybackDir == null || ref.rawText() == null) {
            return;
        }
        if (tryback == null) {
            trybackFile = trybackDir.resolve(OutputNames.tryback(sourceName, clock.instant(), clock.getZone()));
            tryback = open(trybackFile, true);
            if (headerText != null) {
                writeRaw(tryback, headerText);
            } else if (!header.isEmpty()) {
                writeRaw(tryback, String.join(String.valueOf(separator), header));
            }
        }
        if (tryback != null) {
            writeRaw(tryback, ref.rawText());
        }
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

    private static BufferedWriter open(Path file, boolean ownerOnly) {
        try {
            Files.createDirectories(file.getParent());
            if (ownerOnly) {
                try {
                    Files.deleteIfExists(file);
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
            }
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(BufferedWriter out, String line) {
        writeRaw(out, line);
    }

    private static void writeRaw(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
