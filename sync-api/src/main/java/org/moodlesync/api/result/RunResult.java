package org.moodlesync.api.result;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncKind;

/**
 * The result of one run over one file (or one list of commands).
 *
 * @param kind        the kind of file
 * @param source      the file or stream name
 * @param status      how the run ended
 * @param dryRun      true when nothing was written
 * @param started     when the run started
 * @param finished    when it ended
 * @param counts      lines per outcome
 * @param lines       the per-line results kept by the run (all lines by default; only the failed ones when the
 *                    caller asked to retain failures only, for very large files)
 * @param failure     why the run failed, when {@code status == FAILED} (else {@code null})
 * @param reportFile  the report file written, if any
 * @param trybackFile the tryback file written, if any
 * @param notices     run-wide notes, for example caches that only Moodle can purge
 * @param undoFile    the undo file a full feed wrote (lines that put back what it removed), if any
 */
public record RunResult(SyncKind kind, String source, RunStatus status, boolean dryRun, Instant started,
                        Instant finished, Counts counts, List<LineResult> lines, RunFailure failure, Path reportFile,
                        Path trybackFile, List<String> notices, Path undoFile) {

    /**
     * A run's result without an undo file (every run but a full feed that removed something).
     *
     * @param kind        the kind of file
     * @param source      the file or stream name
     * @param status      how the run ended
     * @param dryRun      whether nothing was written
     * @param started     when the run started
     * @param finished    when it ended
     * @param counts      lines per outcome
     * @param lines       the per-line results kept
     * @param failure     why the run failed, or {@code null}
     * @param reportFile  the report file written, or {@code null}
     * @param trybackFile the tryback file written, or {@code null}
     * @param notices     run-wide notes
     */
    public RunResult(SyncKind kind, String source, RunStatus status, boolean dryRun, Instant started,
                     Instant finished, Counts counts, List<LineResult> lines, RunFailure failure, Path reportFile,
                     Path trybackFile, List<String> notices) {
        this(kind, source, status, dryRun, started, finished, counts, lines, failure, reportFile, trybackFile,
                notices, null);
    }

    /**
     * A run's result; the lists are copied.
     *
     * @param kind        the kind of file
     * @param source      the file or stream name
     * @param status      how the run ended
     * @param dryRun      whether nothing was written
     * @param started     when the run started
     * @param finished    when it ended
     * @param counts      lines per outcome
     * @param lines       the per-line results kept
     * @param failure     why the run failed, or {@code null}
     * @param reportFile  the report file written, or {@code null}
     * @param trybackFile the tryback file written, or {@code null}
     * @param notices     run-wide notes
     * @param undoFile    the undo file written, or {@code null}
     */
    public RunResult {
        lines = List.copyOf(lines);
        notices = List.copyOf(notices);
    }

    /**
     * Why the run failed, in one sentence, or {@code null}.
     *
     * @return {@code failure().message()}, or {@code null}
     * @deprecated use {@link #failure()}, which also says what kind of failure it was
     */
    @Deprecated(since = "0.1.0")
    public String error() {
        return failure == null ? null : failure.message();
    }

    /** {@return the failed lines kept, each with file:line:column and reason} */
    public List<LineResult> failures() {
        return lines.stream().filter(LineResult::failed).toList();
    }

    /**
     * The result of the line with this number, if it was kept.
     *
     * @param lineNumber a 1-based line number in the source
     * @return its result, or empty
     */
    public Optional<LineResult> line(long lineNumber) {
        return lines.stream().filter(l -> l.line() == lineNumber).findFirst();
    }

    /** {@return the time from start to end} */
    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** {@return lines read per second over the whole run} */
    public double linesPerSecond() {
        double seconds = Math.max(duration().toNanos(), 1) / 1e9;
        return counts.read() / seconds;
    }

    /** {@return whether the run completed with every line succeeding ({@link RunStatus#COMPLETED})} */
    public boolean succeeded() {
        return status == RunStatus.COMPLETED;
    }

    /**
     * This result with the output files set.
     *
     * @param report  the report file, or {@code null}
     * @param tryback the tryback file, or {@code null}
     * @return a new result
     */
    public RunResult withFiles(Path report, Path tryback) {
        return new RunResult(kind, source, status, dryRun, started, finished, counts, lines, failure, report, tryback,
                notices, undoFile);
    }

    /**
     * This result with the undo file a full feed wrote.
     *
     * @param undo the undo file, or {@code null}
     * @return a copy with that undo file
     */
    public RunResult withUndoFile(Path undo) {
        return new RunResult(kind, source, status, dryRun, started, finished, counts, lines, failure, reportFile,
                trybackFile, notices, undo);
    }

    /**
     * This result with other notices.
     *
     * @param notes the notices, copied; not null
     * @return a copy with those notices
     */
    public RunResult withNotices(List<String> notes) {
        return new RunResult(kind, source, status, dryRun, started, finished, counts, lines, failure, reportFile,
                trybackFile, notes, undoFile);
    }

    /**
     * This result with another start (a run whose work began before its pipeline, as a full feed's does).
     *
     * @param start when the run began; not null
     * @return a copy with that start
     */
    public RunResult withStarted(Instant start) {
        return new RunResult(kind, source, status, dryRun, start, finished, counts, lines, failure, reportFile,
                trybackFile, notices, undoFile);
    }
}
