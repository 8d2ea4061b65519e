package org.moodlesync.api.result;

/** How a run ended. */
public enum RunStatus {
    /** Every line was processed and none failed. */
    COMPLETED,
    /** Every line was processed; some failed (they are in the tryback file). */
    COMPLETED_WITH_ERRORS,
    /** The run stopped early: the caller asked to stop on the first error, or was interrupted. */
    STOPPED,
    /** The run could not be done (unreadable file, bad header, database unreachable); see the run's error. */
    FAILED
}
