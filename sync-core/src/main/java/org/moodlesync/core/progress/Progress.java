package org.moodlesync.core.progress;

import java.time.Duration;
import java.util.Optional;
import org.moodlesync.api.SyncKind;

/**
 * Where a run is: lines done out of how many (when known), its rate and when it should end.
 *
 * @param kind           the kind of file
 * @param source         the file or stream
 * @param done           lines with a result
 * @param failed         of which failed
 * @param total          lines expected, or -1 when unknown
 * @param elapsed        since the run started
 * @param linesPerSecond average rate so far
 */
public record Progress(SyncKind kind, String source, long done, long failed, long total, Duration elapsed,
                       double linesPerSecond) {

    /** True when the total is known. */
    public boolean totalKnown() {
        return total >= 0;
    }

    /** Done out of total, 0 to 1, when the total is known. */
    public Optional<Double> fraction() {
        if (!totalKnown()) {
            return Optional.empty();
        }
        return Optional.of(total == 0 ? 1.0 : Math.min(1.0, (double) done / total));
    }

    /** Time left at the rate so far, when the total is known and lines have been done. */
    public Optional<Duration> eta() {
        if (!totalKnown() || linesPerSecond <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, total - done);
        return Optional.of(Duration.ofMillis((long) (left / linesPerSecond * 1000)));
    }
}
