package org.moodlesync.api.spi;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;

/**
 * Hears what a run does, as it does it: for progress displays, notifications and streaming reports. Every method
 * has an empty default, so a listener implements only what it needs. Called on the thread that runs the sync.
 */
public interface SyncListener {

    /** A run starts reading {@code source}. */
    default void runStarted(SyncKind kind, String source, boolean dryRun) {
    }

    /** One line has its result (every line, in order). */
    default void lineDone(LineResult line) {
    }

    /** The run ended, whatever its status. */
    default void runFinished(RunResult result) {
    }
}
