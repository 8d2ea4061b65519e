package org.moodlesync.core.internal.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.moodlesync.api.spi.SyncListener;

/**
 * The settings every run has, whatever its kind.
 *
 * @param dryRun         write nothing, say what would happen
 * @param chunkSize      lines handed to the writer at once
 * @param stopOnError    stop at the first failed line (the lines not processed go to the tryback file too)
 * @param retainAllLines keep every line's result in the run result (false: only the failed ones, for huge files)
 * @param reportDir      where the report file goes, or null for none
 * @param trybackDir     where the tryback file goes, or null for none
 * @param clock          the clock of the run
 * @param listeners      who hears the run's progress
 * @param stopSignal     true once the run is asked to stop (it then stops at the next line boundary the writer
 *                       allows, or at the next chunk); never null
 */
public record RunSettings(boolean dryRun, int chunkSize, boolean stopOnError, boolean retainAllLines, Path reportDir,
                          Path trybackDir, Clock clock, List<SyncListener> listeners, BooleanSupplier stopSignal) {

    public RunSettings {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1");
        }
        listeners = List.copyOf(listeners);
        stopSignal = stopSignal == null ? () -> false : stopSignal;
    }

    /** Settings of a run that is only stopped by interrupting its thread. */
    public RunSettings(boolean dryRun, int chunkSize, boolean stopOnError, boolean retainAllLines, Path reportDir,
                       Path trybackDir, Clock clock, List<SyncListener> listeners) {
        this(dryRun, chunkSize, stopOnError, retainAllLines, reportDir, trybackDir, clock, listeners, null);
    }
}
