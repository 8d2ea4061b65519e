package org.moodlesync.api.spi;

import java.time.Clock;

/**
 * What a writer needs to know about the run.
 *
 * @param dryRun true when the writer must not write anything but say what it would do
 * @param clock  the clock that gives "now" (timecreated, timemodified…); tests pass a fixed one
 */
public record WriteContext(boolean dryRun, Clock clock) {

    /** A real run with the system clock. */
    public static WriteContext live() {
        return new WriteContext(false, Clock.systemUTC());
    }

    /** Unix time now, in seconds, as Moodle stores times. */
    public long now() {
        return clock.instant().getEpochSecond();
    }
}
