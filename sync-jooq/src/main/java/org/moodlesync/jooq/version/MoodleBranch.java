package org.moodlesync.jooq.version;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Moodle release branches moodle-sync knows of, each with the {@code config.version} of its first release
 * ({@code YYYYMMDD00}; a branch's later point releases keep the date and count up the last two digits, for example
 * 4.5.10 is {@code 2024100710.00}).
 *
 * <p>{@link #writable()} says whether moodle-sync mirrors that branch's schema for every table it writes (the 4.5 DDL
 * and the branch's upgrade steps, see docs/moodle-versions.md for how each branch was verified). A run into a site
 * of any other version (older than 4.1, newer than 5.3, or a development build) is refused unless the caller allows
 * unknown versions (see {@code JooqMoodle.allowUnknownMoodleVersion()}).
 */
public enum MoodleBranch {
    /** Moodle 4.1 LTS (28 Nov 2022). */
    MOODLE_4_1("4.1", 2022112800L, true),
    /** Moodle 4.2 (24 Apr 2023). */
    MOODLE_4_2("4.2", 2023042400L, true),
    /** Moodle 4.3 (9 Oct 2023). */
    MOODLE_4_3("4.3", 2023100900L, true),
    /** Moodle 4.4 (22 Apr 2024). */
    MOODLE_4_4("4.4", 2024042200L, true),
    /** Moodle 4.5 LTS (7 Oct 2024): the schema moodle-sync's DDL mirrors, verified with a real Moodle 4.5.10. */
    MOODLE_4_5("4.5", 2024100700L, true),
    /** Moodle 5.0 (14 Apr 2025). */
    MOODLE_5_0("5.0", 2025041400L, true),
    /** Moodle 5.1 (6 Oct 2025). */
    MOODLE_5_1("5.1", 2025100600L, true),
    /** Moodle 5.2 (20 Apr 2026). */
    MOODLE_5_2("5.2", 2026042000L, true),
    /** Moodle 5.3 LTS (5 Oct 2026, {@code 2026100500.00}). */
    MOODLE_5_3("5.3", 2026100500L, true);

    private final String label;
    private final long firstVersion;
    private final boolean writable;

    MoodleBranch(String label, long firstVersion, boolean writable) {
        this.label = label;
        this.firstVersion = firstVersion;
        this.writable = writable;
    }

    /** The branch as Moodle names it, for example {@code 4.5}. */
    public String label() {
        return label;
    }

    /** {@code config.version} of the branch's first release, without decimals, for example {@code 2024100700}. */
    public long firstVersion() {
        return firstVersion;
    }

    /** Whether moodle-sync writes into sites of this branch without an explicit override. */
    public boolean writable() {
        return writable;
    }

    /**
     * The stable branch a {@code config.version} belongs to: its date part is the branch's release date (point
     * releases count up the last two digits). A development version between two releases has no branch.
     */
    public static Optional<MoodleBranch> of(double version) {
        long whole = (long) Math.floor(version);
        return Arrays.stream(values()).filter(b -> whole / 100 == b.firstVersion / 100).findFirst();
    }

    /**
     * The branch whose schema a {@code config.version} has: its own branch, or for a development version the last
     * branch released before it (the oldest branch for a version older than all).
     *
     * @param version a {@code config.version}
     * @return the branch
     */
    public static MoodleBranch nearest(double version) {
        long whole = (long) Math.floor(version);
        MoodleBranch found = values()[0];
        for (MoodleBranch b : values()) {
            if (whole >= b.firstVersion) {
                found = b;
            }
        }
        return found;
    }

    /**
     * The branch Moodle names so, for example {@code 5.3}.
     *
     * @param label the branch's label
     * @return the branch
     * @throws IllegalArgumentException when moodle-sync knows no such branch
     */
    public static MoodleBranch ofLabel(String label) {
        return Arrays.stream(values()).filter(b -> b.label.equals(label == null ? null : label.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown Moodle branch '" + label + "'; known: "
                        + Arrays.stream(values()).map(MoodleBranch::label).collect(
                                java.util.stream.Collectors.joining(", "))));
    }

    /** The branches moodle-sync writes into, oldest first. */
    public static java.util.List<MoodleBranch> writableBranches() {
        return Arrays.stream(values()).filter(MoodleBranch::writable).toList();
    }
}
