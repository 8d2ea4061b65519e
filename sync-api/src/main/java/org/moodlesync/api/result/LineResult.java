package org.moodlesync.api.result;

import java.util.List;
import java.util.Objects;

/**
 * The result of one line: its outcome, the entity it concerned, what changed and the messages.
 *
 * @param ref      where the line comes from
 * @param entity   a short human key of the entity (for example {@code user jdoe}), never a secret
 * @param outcome  what happened, or in a dry run what would have happened
 * @param dryRun   true when nothing was written because the run was a dry run
 * @param changes  the fields written (or that would be), in order
 * @param messages notes for the report (for example "user was revived")
 * @param error    why the line failed, when {@code outcome == FAILED}
 */
public record LineResult(LineRef ref, String entity, Outcome outcome, boolean dryRun, List<FieldChange> changes,
                         List<String> messages, LineError error) {

    /**
     * A line's result; the lists are copied.
     *
     * @param ref      where the line comes from (required)
     * @param entity   a short human key of the entity
     * @param outcome  what happened (required)
     * @param dryRun   whether nothing was written
     * @param changes  the fields written
     * @param messages notes for the report
     * @param error    why the line failed: required when {@code outcome} is {@link Outcome#FAILED}
     * @throws IllegalArgumentException for a failed line without an error
     */
    public LineResult {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(outcome, "outcome");
        changes = List.copyOf(changes);
        messages = List.copyOf(messages);
        if (outcome == Outcome.FAILED && error == null) {
            throw new IllegalArgumentException("a failed line needs an error");
        }
    }

    /**
     * A successful line (no error).
     *
     * @param ref      where the line comes from
     * @param entity   a short human key of the entity
     * @param outcome  what happened (not {@link Outcome#FAILED})
     * @param dryRun   whether nothing was written
     * @param changes  the fields written
     * @param messages notes for the report
     * @return the result
     */
    public static LineResult of(LineRef ref, String entity, Outcome outcome, boolean dryRun,
                                List<FieldChange> changes, List<String> messages) {
        return new LineResult(ref, entity, outcome, dryRun, changes, messages, null);
    }

    /**
     * A failed line: no changes, no messages, not a dry run.
     *
     * @param ref    where the line comes from
     * @param entity a short human key of the entity, if known
     * @param error  why it failed
     * @return the result
     */
    public static LineResult failed(LineRef ref, String entity, LineError error) {
        return new LineResult(ref, entity, Outcome.FAILED, false, List.of(), List.of(), error);
    }

    /** {@return whether the line failed} */
    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /** {@return the line number in its source} */
    public long line() {
        return ref.line();
    }

    /**
     * The caller's key of a command built in code ({@link LineRef#key()}), or null.
     *
     * @return the key, or null for a line read from a file or a command without key
     */
    public String key() {
        return ref.key();
    }
}
