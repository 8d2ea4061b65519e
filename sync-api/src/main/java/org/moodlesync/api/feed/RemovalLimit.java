package org.moodlesync.api.feed;

/**
 * How much a full feed may remove in one run: more than {@code maxCount} removals, or more than {@code maxShare}
 * of the scope's current rows (those the feed owns), and the run is refused before it writes anything.
 *
 * @param maxCount the most removals allowed; {@link Long#MAX_VALUE} for no count limit; not negative
 * @param maxShare the largest share of the feed's current rows in the scope allowed to go, from 0 to 1 (1: no share
 *                 limit)
 */
public record RemovalLimit(long maxCount, double maxShare) {

    /**
     * The default: at most 10 % of the feed's current rows in the scope, whatever their number. A truncated
     * export (half the file lost) is refused; a normal night (a few drops) is not.
     */
    public static final RemovalLimit DEFAULT = new RemovalLimit(Long.MAX_VALUE, 0.10);

    /** No limit: every absent row may go (for a first run that knowingly cleans up). */
    public static final RemovalLimit NONE = new RemovalLimit(Long.MAX_VALUE, 1.0);

    /**
     * A limit.
     *
     * @param maxCount the most removals allowed; not negative
     * @param maxShare the largest share allowed, 0 to 1
     * @throws IllegalArgumentException when a value is out of range
     */
    public RemovalLimit {
        if (maxCount < 0) {
            throw new IllegalArgumentException("the removal count limit is not negative: " + maxCount);
        }
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("the removal share limit is between 0 and 1 (0 % and 100 %): "
                    + maxShare);
        }
    }

    /**
     * At most this many removals, whatever their share.
     *
     * @param count the most removals allowed
     * @return the limit
     */
    public static RemovalLimit atMost(long count) {
        return new RemovalLimit(count, 1.0);
    }

    /**
     * At most this share of the current rows, whatever their number.
     *
     * @param share the largest share, 0 to 1 (0.05 for 5 %)
     * @return the limit
     */
    public static RemovalLimit atMostShare(double share) {
        return new RemovalLimit(Long.MAX_VALUE, share);
    }

    /**
     * Whether a run may remove this many of that many current rows.
     *
     * @param removals the rows the run would remove or suspend
     * @param current  the feed's current rows in the scope
     * @return true when both the count and the share allow it
     */
    public boolean allows(long removals, long current) {
        if (removals > maxCount) {
            return false;
        }
        return removals == 0 || current > 0 && (double) removals / current <= maxShare;
    }

    /** {@return the limit in words, for messages: "at most 50 and at most 10 % of the feed's current rows"} */
    public String describe() {
        String count = maxCount == Long.MAX_VALUE ? null : "at most " + maxCount;
        String share = maxShare >= 1 ? null : "at most " + percent(maxShare) + " of the feed's current rows";
        if (count == null && share == null) {
            return "no limit";
        }
        return count == null ? share : share == null ? count : count + " and " + share;
    }

    /**
     * A share as a percentage, for messages: 0.1 is "10 %", 0.025 "2.5 %".
     *
     * @param share the share, 0 to 1
     * @return the percentage
     */
    public static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(Math.round(p * 10) / 10.0)) + " %";
    }
}
