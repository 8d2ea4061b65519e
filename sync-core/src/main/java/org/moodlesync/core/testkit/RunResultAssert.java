package org.moodlesync.core.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.Counts;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;

/**
 * Assertions on a {@link RunResult}; made by {@link SyncAssertions#assertThat(RunResult)}. Every failure message
 * shows the run: kind, source, status, counts, its error and its failed lines with their reasons.
 */
public class RunResultAssert extends AbstractAssert<RunResultAssert, RunResult> {

    protected RunResultAssert(RunResult actual) {
        super(actual, RunResultAssert.class);
    }

    /** Every line was processed and none failed ({@link RunStatus#COMPLETED}). */
    public RunResultAssert succeeded() {
        isNotNull();
        if (!actual.succeeded()) {
            fail("expected the run to succeed, but it ended " + actual.status());
        }
        return this;
    }

    /** The run ended with this status. */
    public RunResultAssert hasStatus(RunStatus status) {
        isNotNull();
        if (actual.status() != status) {
            fail("expected the run to end " + status + ", but it ended " + actual.status());
        }
        return this;
    }

    /** The run processed every line and some failed ({@link RunStatus#COMPLETED_WITH_ERRORS}). */
    public RunResultAssert completedWithErrors() {
        return hasStatus(RunStatus.COMPLETED_WITH_ERRORS);
    }

    /** The run could not be done as a whole ({@link RunStatus#FAILED}: unreadable file, bad header, …). */
    public RunResultAssert runFailed() {
        return hasStatus(RunStatus.FAILED);
    }

    /** The run's own error (not a line's) contains this text. */
    public RunResultAssert hasErrorContaining(String text) {
        isNotNull();
        String error = Describe.runError(actual);
        if (error == null || !error.contains(text)) {
            fail("expected the run's error to contain \"" + text + "\", but it is "
                    + (error == null ? "absent" : "\"" + error + "\""));
        }
        return this;
    }

    /** The run is of this kind. */
    public RunResultAssert hasKind(SyncKind kind) {
        isNotNull();
        if (actual.kind() != kind) {
            fail("expected a run of " + kind + ", but it is a run of " + actual.kind());
        }
        return this;
    }

    /** The run was a dry run (nothing written). */
    public RunResultAssert isDryRun() {
        isNotNull();
        if (!actual.dryRun()) {
            fail("expected a dry run, but the run wrote");
        }
        return this;
    }

    /** No line failed (the run may still have failed as a whole: see {@link #succeeded()}). */
    public RunResultAssert hasNoFailures() {
        isNotNull();
        if (actual.counts().failed() > 0 || !actual.failures().isEmpty()) {
            fail("expected no failed line, but " + actual.counts().failed() + " failed");
        }
        return this;
    }

    /**
     * The counts of the lines' outcomes, in the order of {@link Counts}: created, updated, unchanged, deleted,
     * skipped, failed (the lines read are their sum).
     */
    public RunResultAssert hasCounts(long created, long updated, long unchanged, long deleted, long skipped,
                                     long failed) {
        return hasCounts(new Counts(created + updated + unchanged + deleted + skipped + failed, created, updated,
                unchanged, deleted, skipped, failed));
    }

    /** These counts exactly (lines read included). */
    public RunResultAssert hasCounts(Counts counts) {
        isNotNull();
        if (!Objects.equals(actual.counts(), counts)) {
            fail("expected counts " + counts + ", but they are " + actual.counts());
        }
        return this;
    }

    /** This many lines were read. */
    public RunResultAssert hasRead(long n) {
        return hasCount("read", actual == null ? -1 : actual.counts().read(), n);
    }

    /** This many lines created an entity. */
    public RunResultAssert hasCreated(long n) {
        return hasCount(Outcome.CREATED, n);
    }

    /** This many lines changed an entity. */
    public RunResultAssert hasUpdated(long n) {
        return hasCount(Outcome.UPDATED, n);
    }

    /** This many lines found the entity as asked. */
    public RunResultAssert hasUnchanged(long n) {
        return hasCount(Outcome.UNCHANGED, n);
    }

    /** This many lines deleted an entity. */
    public RunResultAssert hasDeleted(long n) {
        return hasCount(Outcome.DELETED, n);
    }

    /** A full feed removed this many enrolments its file no longer lists. */
    public RunResultAssert hasRemoved(long n) {
        return hasCount(Outcome.REMOVED, n);
    }

    /** A full feed suspended this many enrolments its file no longer lists. */
    public RunResultAssert hasSuspended(long n) {
        return hasCount(Outcome.SUSPENDED, n);
    }

    /**
     * A full feed was refused before it wrote anything: it would have removed more than its limit allows
     * ({@link RunStatus#REFUSED}).
     */
    public RunResultAssert wasRefused() {
        return hasStatus(RunStatus.REFUSED);
    }

    /** This many lines had nothing to do. */
    public RunResultAssert hasSkipped(long n) {
        return hasCount(Outcome.SKIPPED, n);
    }

    /** This many lines failed. */
    public RunResultAssert hasFailed(long n) {
        return hasCount(Outcome.FAILED, n);
    }

    private RunResultAssert hasCount(Outcome outcome, long n) {
        return hasCount(outcome.name().toLowerCase(java.util.Locale.ROOT), actual == null ? -1
                : actual.counts().of(outcome), n);
    }

    private RunResultAssert hasCount(String what, long count, long expected) {
        isNotNull();
        if (count != expected) {
            fail("expected " + expected + " line(s) " + what + ", but " + count + " were");
        }
        return this;
    }

    /** Every line kept by the run ended with this outcome. */
    public RunResultAssert allLines(Outcome outcome) {
        isNotNull();
        List<LineResult> others = actual.lines().stream().filter(l -> l.outcome() != outcome).toList();
        if (actual.lines().isEmpty() || !others.isEmpty()) {
            StringBuilder sb = new StringBuilder("expected every line to be " + outcome + ", but ");
            if (actual.lines().isEmpty()) {
                sb.append("the run kept no line");
            } else {
                sb.append(others.size()).append(" are not:");
                others.stream().limit(Describe.MAX_FAILED_LINES).forEach(l -> sb.append("\n    ")
                        .append(Describe.line(l)));
            }
            fail(sb.toString());
        }
        return this;
    }

    /** A run-wide notice contains this text. */
    public RunResultAssert hasNoticeContaining(String text) {
        isNotNull();
        if (actual.notices().stream().noneMatch(n -> n.contains(text))) {
            fail("expected a notice containing \"" + text + "\", but the notices are " + actual.notices());
        }
        return this;
    }

    /**
     * Assertions on the line with this number in its source (file line numbers count the header: the first data
     * line of a file with a header is line 2; commands built in code are numbered from 1).
     */
    public LineResultAssert line(long lineNumber) {
        isNotNull();
        Optional<LineResult> line = actual.line(lineNumber);
        if (line.isEmpty()) {
            fail("expected a result for line " + lineNumber + ", but the run kept lines "
                    + actual.lines().stream().map(LineResult::line).toList());
        }
        return new LineResultAssert(line.get());
    }

    /** Assertions on the (first) line about this entity, as results name it ({@code "user jdoe"}). */
    public LineResultAssert lineOf(String entity) {
        isNotNull();
        Optional<LineResult> line = actual.lines().stream().filter(l -> entity.equals(l.entity())).findFirst();
        if (line.isEmpty()) {
            fail("expected a line about " + entity + ", but the lines are about "
                    + actual.lines().stream().map(LineResult::entity).toList());
        }
        return new LineResultAssert(line.get());
    }

    private void fail(String message) {
        failWithMessage("%s", message + "\n" + Describe.run(actual));
    }
}
