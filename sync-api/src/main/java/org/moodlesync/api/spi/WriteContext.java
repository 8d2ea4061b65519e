package org.moodlesync.api.spi;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a writer needs to know about the run.
 *
 * @param dryRun     true when the writer must not write anything but say what it would do
 * @param clock      the clock that gives "now" (timecreated, timemodified…); tests pass a fixed one
 * @param stopSignal true once the run has been asked to stop (shutdown of a scheduled run, SIGTERM): a writer may
 *                   then end its chunk early at a line boundary, committing the lines done and returning their
 *                   results only (fewer results than lines); the lines it did not reach are kept for the tryback
 *                   file. A writer that ignores it finishes the chunk, which is also correct.
 */
public record WriteContext(boolean dryRun, Clock clock, BooleanSupplier stopSignal) {

    private static final BooleanSupplier NEVER = () -> false;

    /**
     * A context.
     *
     * @param dryRun     whether the writer must write nothing
     * @param clock      the clock of "now" (required)
     * @param stopSignal asked whether to stop; {@code null} for never
     */
    public WriteContext {
        Objects.requireNonNull(clock, "clock");
        stopSignal = stopSignal == null ? NEVER : stopSignal;
    }

    /**
     * A context that is never asked to stop.
     *
     * @param dryRun whether the writer must write nothing
     * @param clock  the clock of "now"
     */
    public WriteContext(boolean dryRun, Clock clock) {
        this(dryRun, clock, NEVER);
    }

    /** {@return a real run (not a dry run) with the system clock, never asked to stop} */
    public static WriteContext live() {
        return new WriteContext(false, Clock.systemUTC());
    }

    /** {@return Unix time now, in seconds, as Moodle stores times} */
    public long now() {
        return clock.instant().getEpochSecond();
    }

    /** {@return true once the run has been asked to stop: a writer may return after the line it is writing} */
    public boolean stopRequested() {
        return stopSignal.getAsBoolean();
    }
}
