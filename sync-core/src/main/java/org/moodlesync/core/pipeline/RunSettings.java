package org.moodlesync.core.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
 */
public record RunSettings(boolean dryRun, int chunkSize, boolean stopOnError, boolean retainAllLines, Path reportDir,
                          Path trybackDir, Clock clock, List<SyncListener> listeners) {

    public RunSettings {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1");
        }
        listeners = List.copyOf(listeners);
    }
}
