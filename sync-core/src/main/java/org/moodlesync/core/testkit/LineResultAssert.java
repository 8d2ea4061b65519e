package org.moodlesync.core.testkit;

import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;

/**
 * Assertions on a {@link LineResult}; made by {@link SyncAssertions#assertThat(LineResult)} or
 * {@link RunResultAssert#line(long)}. Every failure message shows the line: number, entity, outcome, error (with
 * {@code file:line:column} and reason), changes and messages.
 */
public class LineResultAssert extends AbstractAssert<LineResultAssert, LineResult> {

    protected LineResultAssert(LineResult actual) {
        super(actual, LineResultAssert.class);
    }

    /** The line ended with this outcome. */
    public LineResultAssert hasOutcome(Outcome outcome) {
        isNotNull();
        if (actual.outcome() != outcome) {
            fail("expected line " + actual.line() + " to be " + outcome + ", but it is " + actual.outcome());
        }
        return this;
    }

    /** The line created an entity. */
    public LineResultAssert isCreated() {
        return hasOutcome(Outcome.CREATED);
    }

    /** The line changed an entity. */
    public LineResultAssert isUpdated() {
        return hasOutcome(Outcome.UPDATED);
    }

    /** The line found the entity as asked. */
    public LineResultAssert isUnchanged() {
        return hasOutcome(Outcome.UNCHANGED);
    }

    /** The line deleted an entity. */
    public LineResultAssert isDeleted() {
        return hasOutcome(Outcome.DELETED);
    }

    /** The line is a full feed's removal of what its file no longer lists ({@link Outcome#REMOVED}). */
    public LineResultAssert isRemoved() {
        return hasOutcome(Outcome.REMOVED);
    }

    /** The line is a full feed's suspension of what its file no longer lists ({@link Outcome#SUSPENDED}). */
    public LineResultAssert isSuspended() {
        return hasOutcome(Outcome.SUSPENDED);
    }

    /** The line had nothing to do. */
    public LineResultAssert isSkipped() {
        return hasOutcome(Outcome.SKIPPED);
    }

    /** The line failed. */
    public LineResultAssert isFailed() {
        return hasOutcome(Outcome.FAILED);
    }

    /** The line failed, its error naming this column (field). */
    public LineResultAssert failedOn(String column) {
        isFailed();
        LineError error = actual.error();
        if (!Objects.equals(error.field(), column)) {
            fail("expected line " + actual.line() + " to fail on [" + column + "], but it failed on "
                    + (error.field() == null ? "the whole line" : "[" + error.field() + "]"));
        }
        return this;
    }

    /** The line failed, its error at this 1-based column number (0: the whole line). */
    public LineResultAssert failedAtColumn(int column) {
        isFailed();
        if (actual.error().column() != column) {
            fail("expected line " + actual.line() + " to fail at column " + column + ", but it failed at column "
                    + actual.error().column());
        }
        return this;
    }

    /** The line failed, its reason containing this text. */
    public LineResultAssert hasReasonContaining(String text) {
        isFailed();
        String reason = actual.error().reason();
        if (reason == null || !reason.contains(text)) {
            fail("expected the reason of line " + actual.line() + " to contain \"" + text + "\", but it is \""
                    + reason + "\"");
        }
        return this;
    }

    /** The line is about this entity ({@code "user jdoe"}). */
    public LineResultAssert hasEntity(String entity) {
        isNotNull();
        if (!Objects.equals(actual.entity(), entity)) {
            fail("expected line " + actual.line() + " to be about " + entity + ", but it is about "
                    + actual.entity());
        }
        return this;
    }

    /** The line changed (or set) this field, whatever the values. */
    public LineResultAssert changed(String field) {
        isNotNull();
        if (change(field) == null) {
            fail("expected line " + actual.line() + " to change " + field + ", but it changed "
                    + actual.changes().stream().map(FieldChange::field).toList());
        }
        return this;
    }

    /** The line changed (or set) this field to this value. */
    public LineResultAssert changed(String field, String newValue) {
        changed(field);
        FieldChange change = change(field);
        if (!Objects.equals(change.newValue(), newValue)) {
            fail("expected line " + actual.line() + " to set " + field + " to " + newValue + ", but it set it to "
                    + change.newValue());
        }
        return this;
    }

    /** The line changed this field from one value to another (old value null: the entity is new). */
    public LineResultAssert changed(String field, String oldValue, String newValue) {
        changed(field, newValue);
        FieldChange change = change(field);
        if (!Objects.equals(change.oldValue(), oldValue)) {
            fail("expected line " + actual.line() + " to change " + field + " from " + oldValue + ", but it was "
                    + change.oldValue());
        }
        return this;
    }

    /** The line did not change this field. */
    public LineResultAssert didNotChange(String field) {
        isNotNull();
        if (change(field) != null) {
            fail("expected line " + actual.line() + " not to change " + field + ", but it did: " + change(field));
        }
        return this;
    }

    /** The line changed nothing. */
    public LineResultAssert hasNoChanges() {
        isNotNull();
        if (!actual.changes().isEmpty()) {
            fail("expected line " + actual.line() + " to change nothing, but it changed " + actual.changes());
        }
        return this;
    }

    /** One of the line's messages contains this text. */
    public LineResultAssert hasMessageContaining(String text) {
        isNotNull();
        if (actual.messages().stream().noneMatch(m -> m.contains(text))) {
            fail("expected a message of line " + actual.line() + " containing \"" + text + "\", but its messages"
                    + " are " + actual.messages());
        }
        return this;
    }

    /** The line was handled in a dry run (nothing written). */
    public LineResultAssert isDryRun() {
        isNotNull();
        if (!actual.dryRun()) {
            fail("expected line " + actual.line() + " to be from a dry run, but it was written");
        }
        return this;
    }

    private FieldChange change(String field) {
        return actual.changes().stream().filter(c -> c.field().equals(field)).findFirst().orElse(null);
    }

    private void fail(String message) {
        failWithMessage("%s", message + "\n  " + Describe.line(actual));
    }
}
