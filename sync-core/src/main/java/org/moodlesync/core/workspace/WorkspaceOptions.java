package org.moodlesync.core.workspace;

import java.time.Duration;
import java.util.Objects;
import org.moodlesync.api.SyncKind;

/**
 * What a workspace run does around the file, tool_sync's global settings ({@code storereport}, {@code filefailed},
 * {@code filearchive}, {@code filecleanup}, {@code discardfileonfailure}, {@code fileareacleanupdelay}) plus the JSON
 * report and the drop-folder timings. Immutable: each {@code withX} returns new options.
 *
 * @param storeReport          write the report file in {@code reports/} (tool_sync's {@code storereport})
 * @param jsonReport           also write the JSON report beside it
 * @param tryback              write the tryback file of failed lines beside the input (tool_sync's {@code filefailed})
 * @param archive              copy the processed file to {@code archives/<stamp>_<name>} ({@code filearchive})
 * @param cleanup              remove the processed file from the workspace ({@code filecleanup}); when off, the file
 *                             stays in place and the next run processes it again (unless a newer one came)
 * @param discardFileOnFailure set aside a file whose run applied nothing (could not start, refused header) or
 *                             crashed, as {@code <name>-tryback-failed.<ext>}, instead of keeping it in place; after a
 *                             crash the next run then only rearms ({@code discardfileonfailure}, which never worked in
 *                             tool_sync)
 * @param retention            how long archives, reports and tryback files are kept
 * @param settleTime           a dropped file is captured only when its size and time did not change for this long
 * @param staleLockAge         a drop-folder lock file older than this is reported as stale (tool_sync: 3 hours)
 * @param pictureForceDeletion remove each processed picture archive even without {@code cleanup} (tool_sync's
 *                             {@code userpictures_forcedeletion}, on by default)
 */
public record WorkspaceOptions(boolean storeReport, boolean jsonReport, boolean tryback, boolean archive,
                               boolean cleanup, boolean discardFileOnFailure, Retention retention,
                               Duration settleTime, Duration staleLockAge, boolean pictureForceDeletion) {

    public WorkspaceOptions {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(settleTime, "settleTime");
        Objects.requireNonNull(staleLockAge, "staleLockAge");
        if (settleTime.isNegative() || staleLockAge.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
    }

    /**
     * Everything on (report, JSON report, tryback, archive, cleanup, picture archives' forced deletion), no
     * discard, files kept forever, 2 seconds of settling, locks stale after 3 hours.
     */
    public static WorkspaceOptions defaults() {
        return new WorkspaceOptions(true, true, true, true, true, false, Retention.FOREVER, Duration.ofSeconds(2),
                Duration.ofHours(3), true);
    }

    public WorkspaceOptions withStoreReport(boolean on) {
        return new WorkspaceOptions(on, jsonReport, tryback, archive, cleanup, discardFileOnFailure, retention,
                settleTime, staleLockAge, pictureForceDeletion);
    }

    public WorkspaceOptions withJsonReport(boolean on) {
        return new WorkspaceOptions(storeReport, on, tryback, archive, cleanup, discardFileOnFailure, retention,
                settleTime, staleLockAge, pictureForceDeletion);
    }

    public WorkspaceOptions withTryback(boolean on) {
        return new WorkspaceOptions(storeReport, jsonReport, on, archive, cleanup, discardFileOnFailure, retention,
                settleTime, staleLockAge, pictureForceDeletion);
    }

    public WorkspaceOptions withArchive(boolean on) {
        return new WorkspaceOptions(storeReport, jsonReport, tryback, on, cleanup, discardFileOnFailure, retention,
                settleTime, staleLockAge, pictureForceDeletion);
    }

    public WorkspaceOptions withCleanup(boolean on) {
        return new WorkspaceOptions(storeReport, jsonReport, tryback, archive, on, discardFileOnFailure, retention,
                settleTime, staleLockAge, pictureForceDeletion);
    }

    public WorkspaceOptions withDiscardFileOnFailure(boolean on) {
        return new WorkspaceOptions(storeReport, jsonReport, tryback, archive, cleanup, on, retention, settleTime,
                staleLockAge, pictureForceDeletion);
    }

    public WorkspaceOptions withRetention(Retention keep) {
        return new WorkspaceOptions(storeReport, jsonReport, tryback, archive, cleanup, discardFileOnFailure, keep,
                settleTime, staleLockAge, pictureForceDeletion);
    }

    public WorkspaceOptions withSettleTime(Duration settle) {
        return new WorkspaceOptions(storeReport, jsonReport, tryback, archive, cleanup, discardFileOnFailure,
                retention, settle, staleLockAge, pictureForceDeletion);
    }

    public WorkspaceOptions withStaleLockAge(Duration age) {
        return new WorkspaceOptions(storeReport, jsonReport, tryback, archive, cleanup, discardFileOnFailure,
                retention, settleTime, age, pictureForceDeletion);
    }

    public WorkspaceOptions withPictureForceDeletion(boolean on) {
        return new WorkspaceOptions(storeReport, jsonReport, tryback, archive, cleanup, discardFileOnFailure,
                retention, settleTime, staleLockAge, on);
    }

    /** True when a processed file of this kind is removed: {@code cleanup}, or a picture archive forced out. */
    public boolean removesProcessed(SyncKind kind) {
        return cleanup || pictureForceDeletion && kind == SyncKind.PICTURES;
    }
}
