package org.moodlesync.api.spi;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;

/**
 * Hears what a run does, as it does it: for progress displays, notifications and streaming reports. Every method
 * has an empty default, so a listener implements only what it needs. Called on the thread that runs the sync;
 * a listener that throws does not stop the run (the exception is logged).
 */
public interface SyncListener {

    /**
     * A run starts reading {@code source}.
     *
     * @param kind   the kind of file
     * @param source the file or stream name
     * @param dryRun whether the run writes nothing
     */
    default void runStarted(SyncKind kind, String source, boolean dryRun) {
    }

    /**
     * How many data lines the run expects, when that is known before reading: exact for commands built in code, an
     * estimate for files (data lines counted without parsing them). May come before or after {@link #runStarted};
     * never comes when unknown.
     *
     * @param lines the data lines expected
     */
    default void linesExpected(long lines) {
    }

    /**
     * One line has its result (every line, in order).
     *
     * @param line its result
     */
    default void lineDone(LineResult line) {
    }

    /**
     * A line failed: called right after {@link #lineDone} for that line (for alerts and counters of failures).
     *
     * @param line its result, {@link org.moodlesync.api.result.Outcome#FAILED}
     */
    default void lineFailed(LineResult line) {
    }

    /**
     * Something an administrator should hear of that is no line's result: a run refused because another run of the
     * same kind holds its lock, a stale lock file in the drop folder, a run that crashed and was recovered, a file
     * set aside. Also sent by the workspace and the scheduler, outside any run.
     *
     * @param kind    the kind concerned, or null when none is
     * @param message one sentence, never holding a secret
     */
    default void notice(SyncKind kind, String message) {
    }

    /**
     * The run ended, whatever its status.
     *
     * @param result the run's result
     */
    default void runFinished(RunResult result) {
    }
}
