package org.moodlesync.jooq.internal.cohort;

/**
 * A cohort or binding line the writer refuses (unknown user, cohort, course or category, idnumber taken…): the
 * line fails, alone, and nothing of it is written.
 */
public final class CohortRejected extends RuntimeException {

    private final String column;

    /**
     * @param column the file column concerned, or null when the whole line is
     * @param reason what is wrong
     */
    public CohortRejected(String column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /** The file column concerned, or null. */
    public String column() {
        return column;
    }
}
