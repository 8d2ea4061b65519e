package org.moodlesync.api.result;

/** How a run ended. */
public enum RunStatus {
    /** Every line was processed and none failed. */
    COMPLETED,
    /** Every line was processed; some failed (they are in the tryback file). */
    COMPLETED_WITH_ERRORS,
    /** The run stopped early: the caller asked to stop on the first error, or was interrupted. */
    STOPPED,
    /**
     * A full feed would have removed more than its removal limit allows (or its file was empty): nothing was
     * written; the result's lines are the removals refused, as a dry run would list them.
     */
    REFUSED,
    /** The run could not be done (unreadable file, bad header, database unreachable); see the run's error. */
    FAILED
}
