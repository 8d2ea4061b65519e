package org.moodlesync.core.internal.pipeline;

/**
 * A line cannot become a command: thrown by mappers with the column concerned, caught by the pipeline and turned
 * into a failed line result (the line goes to the tryback file, the run goes on).
 */
public class LineFailure extends RuntimeException {

    private final String column;

    /**
     * @param column the column concerned, or null when the whole line is
     * @param reason what is wrong, never holding a secret
     */
    public LineFailure(String column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /** The column concerned, or null. */
    public String column() {
        return column;
    }

    /** What is wrong. */
    public String reason() {
        return getMessage();
    }
}
