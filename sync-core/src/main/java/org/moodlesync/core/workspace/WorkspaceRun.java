package org.moodlesync.core.workspace;

import java.nio.file.Path;
import java.util.List;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.RunResult;

/**
 * What a workspace run of one kind did.
 *
 * @param kind       the kind of file
 * @param status     what happened
 * @param input      the file processed (its place in the workspace), or null when none was
 * @param result     the run's result, when the file was run
 * @param jsonReport the JSON report written, if any
 * @param archive    where the file was archived, if it was
 * @param setAside   where the file was set aside ({@code -tryback-failed}), if it was
 * @param notices    what an administrator should know (also sent to the listeners' {@code notice})
 */
public record WorkspaceRun(SyncKind kind, Status status, Path input, RunResult result, Path jsonReport,
                           Path archive, Path setAside, List<String> notices) {

    public WorkspaceRun {
        notices = List.copyOf(notices);
    }

    /** How a workspace run of one kind ended. */
    public enum Status {
        /** The file was run; see {@link #result()}. */
        RAN,
        /** No file was waiting for this kind: nothing to do. */
        NO_FILE,
        /** This version of moodle-sync (or its backend) cannot write this kind yet: skipped. */
        NOT_SUPPORTED,
        /** Another run of the same kind holds the lock: refused. */
        LOCKED,
        /** The previous run crashed and its file was set aside; this run only rearmed (discard on failure). */
        REARMED,
        /** The runner was asked to stop before this kind started. */
        NOT_STARTED
    }

    /** True when the run neither failed nor left failed lines (nothing to do counts as success). */
    public boolean succeeded() {
        return switch (status) {
            case RAN -> result != null && result.succeeded();
            case NO_FILE, NOT_SUPPORTED -> true;
            case LOCKED, REARMED, NOT_STARTED -> false;
        };
    }

    /** A one-line summary for logs and the command line. */
    public String summary() {
        String head = kind.cliName() + ": ";
        return switch (status) {
            case RAN -> head + (result == null ? "ran" : result.status() + " " + result.counts())
                    + (input == null ? "" : " (" + input.getFileName() + ")");
            case NO_FILE -> head + "no file";
            case NOT_SUPPORTED -> head + "skipped (not supported yet)";
            case LOCKED -> head + "refused (another run holds the lock)";
            case REARMED -> head + "rearmed after a crashed run";
            case NOT_STARTED -> head + "not started (stopping)";
        };
    }
}
