package org.moodlesync.jooq.internal.enrol;

/** A line (or part of one) the enrolment code refuses: the line fails, alone, naming the column concerned. */
public final class EnrolRejected extends RuntimeException {

    private final String column;

    /**
     * @param column the file column concerned, or null
     * @param reason what is wrong
     */
    public EnrolRejected(String column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /** The column concerned, or null. */
    public String column() {
        return column;
    }
}
