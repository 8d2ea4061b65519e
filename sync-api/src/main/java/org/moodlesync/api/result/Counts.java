package org.moodlesync.api.result;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many lines ended with each outcome. Immutable; see {@link #plus(Outcome)}.
 *
 * @param read      lines read (every data line, whatever its outcome)
 * @param created   lines that created an entity
 * @param updated   lines that changed an entity
 * @param unchanged lines that found the entity as asked
 * @param deleted   lines that deleted an entity
 * @param skipped   lines that asked for nothing to do
 * @param failed    lines that failed
 * @param removed   what a full feed removed because its file no longer lists it (not counted in {@code read})
 * @param suspended what a full feed suspended because its file no longer lists it (not counted in {@code read})
 */
public record Counts(long read, long created, long updated, long unchanged, long deleted, long skipped,
                     long failed, long removed, long suspended) {

    /** No line read. */
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Counts of a run that removed nothing (every run but a full feed's).
     *
     * @param read      lines read
     * @param created   lines that created an entity
     * @param updated   lines that changed an entity
     * @param unchanged lines that found the entity as asked
     * @param deleted   lines that deleted an entity
     * @param skipped   lines that asked for nothing to do
     * @param failed    lines that failed
     */
    public Counts(long read, long created, long updated, long unchanged, long deleted, long skipped, long failed) {
        this(read, created, updated, unchanged, deleted, skipped, failed, 0, 0);
    }

    /**
     * These counts with one more line of this outcome.
     *
     * @param outcome the outcome of the line
     * @return new counts: that outcome's count one higher, and {@code read} too unless the line is a full feed's
     *         removal ({@link Outcome#REMOVED}, {@link Outcome#SUSPENDED}: not a line of the file)
     */
    public Counts plus(Outcome outcome) {
        boolean removal = outcome == Outcome.REMOVED || outcome == Outcome.SUSPENDED;
        return new Counts(read + (removal ? 0 : 1),
                created + (outcome == Outcome.CREATED ? 1 : 0),
                updated + (outcome == Outcome.UPDATED ? 1 : 0),
                unchanged + (outcome == Outcome.UNCHANGED ? 1 : 0),
                deleted + (outcome == Outcome.DELETED ? 1 : 0),
                skipped + (outcome == Outcome.SKIPPED ? 1 : 0),
                failed + (outcome == Outcome.FAILED ? 1 : 0),
                removed + (outcome == Outcome.REMOVED ? 1 : 0),
                suspended + (outcome == Outcome.SUSPENDED ? 1 : 0));
    }

    /**
     * The count of one outcome.
     *
     * @param outcome any outcome
     * @return how many lines ended with it
     */
    public long of(Outcome outcome) {
        return asMap().get(outcome);
    }

    /** {@return the count of each outcome (not {@code read}), in the order of {@link Outcome}} */
    public Map<Outcome, Long> asMap() {
        Map<Outcome, Long> map = new EnumMap<>(Outcome.class);
        map.put(Outcome.CREATED, created);
        map.put(Outcome.UPDATED, updated);
        map.put(Outcome.UNCHANGED, unchanged);
        map.put(Outcome.DELETED, deleted);
        map.put(Outcome.SKIPPED, skipped);
        map.put(Outcome.REMOVED, removed);
        map.put(Outcome.SUSPENDED, suspended);
        map.put(Outcome.FAILED, failed);
        return map;
    }

    @Override
    public String toString() {
        return "read=" + read + " created=" + created + " updated=" + updated + " unchanged=" + unchanged
                + " deleted=" + deleted + " skipped=" + skipped + " failed=" + failed
                + (removed + suspended == 0 ? "" : " removed=" + removed + " suspended=" + suspended);
    }
}
