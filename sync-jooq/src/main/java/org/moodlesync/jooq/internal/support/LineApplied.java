package org.moodlesync.jooq.internal.support;

import java.util.List;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;

/**
 * What a writer did with a line it accepted, before it becomes the line's {@link LineResult}: the one line outcome
 * of the writers (a refused line throws {@link LineRejected} instead). Writers whose planning yields more (the id of
 * the user written, whether a course was placed) carry this with it.
 *
 * @param outcome  what happened to the entity
 * @param entity   the entity concerned, as the report names it ({@code cohort idnumber C1}), or null
 * @param changes  the fields written, old and new values
 * @param messages notes for the report
 */
public record LineApplied(Outcome outcome, String entity, List<FieldChange> changes, List<String> messages) {

    /** The line's result; {@code dryRun} when nothing was written for it. */
    public LineResult toResult(LineRef ref, boolean dryRun) {
        return LineResult.of(ref, entity, outcome, dryRun, changes, messages);
    }
}
