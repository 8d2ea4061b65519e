package org.moodlesync.core.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * What a drop-folder capture did.
 *
 * @param captured the files moved into the workspace (their new place)
 * @param waiting  files left in the drop folder for a later capture, with why (still being written, …)
 * @param notices  problems for an administrator (stale lock files, …)
 * @param skipped  true when the whole capture was skipped (a feeder's {@code alock.txt}, another capture under way)
 */
public record CaptureResult(List<Path> captured, List<String> waiting, List<String> notices, boolean skipped) {

    public CaptureResult {
        captured = List.copyOf(captured);
        waiting = List.copyOf(waiting);
        notices = List.copyOf(notices);
    }

    /** Nothing to capture: there is no drop folder. */
    public static final CaptureResult NONE = new CaptureResult(List.of(), List.of(), List.of(), false);
}
