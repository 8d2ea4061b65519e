package org.moodlesync.jooq.internal.support;

/**
 * A line a writer refuses — an unknown user, course, category or cohort, an idnumber taken, a protected account, a
 * course with content…: the line fails, alone, naming the file column concerned, and nothing of it is written (the
 * writer applies it in a savepoint of its own). The one rejection of every writer; {@link LineFailures} turns it
 * into the line's result. A signal, not an error: no stack trace.
 */
public final class LineRejected extends RuntimeException {

    private final String column;

    /**
     * @param column the file column concerned, or null when the whole line is
     * @param reason what is wrong, as the line's error message
     */
    public LineRejected(String column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /** The file column concerned, or null. */
    public String column() {
        return column;
    }
}
