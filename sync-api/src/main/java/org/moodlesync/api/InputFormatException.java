package org.moodlesync.api;

/**
 * A command file (or one of its columns or lines) cannot be read as the format it claims to be: the message names
 * the file, line and, where known, the column.
 */
public class InputFormatException extends SyncException {

    /** The file or stream name. */
    private final String source;
    /** 1-based line number, 0 for the whole file. */
    private final long line;
    /** 1-based column number, 0 for the whole line. */
    private final int column;
    /** The offending line's text, or {@code null}. */
    private String rawText;

    /**
     * An exception whose message is {@code source:line:column: reason}, its run failure {@link RunFailure.Kind#INPUT}.
     *
     * @param source the file or stream name ({@code <input>} when {@code null})
     * @param line   1-based line number, or 0 when the whole file is concerned (then no line or column is shown)
     * @param column 1-based column number, or 0 when the whole line is concerned
     * @param reason what is wrong
     */
    public InputFormatException(String source, long line, int column, String reason) {
        super(org.moodlesync.api.RunFailure.Kind.INPUT, where(source, line, column) + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /**
     * As {@link #InputFormatException(String, long, int, String)}, with the exception that revealed the problem.
     *
     * @param source the file or stream name
     * @param line   1-based line number, or 0
     * @param column 1-based column number, or 0
     * @param reason what is wrong
     * @param cause  the exception behind it
     */
    public InputFormatException(String source, long line, int column, String reason, Throwable cause) {
        super(org.moodlesync.api.RunFailure.Kind.INPUT, where(source, line, column) + ": " + reason, cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    private static String where(String source, long line, int column) {
        StringBuilder sb = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }

    /**
     * The text of the line concerned as far as it could be decoded (malformed bytes replaced), so that the line
     * can still go to the tryback file; null when the whole file is concerned.
     *
     * @return the line's text, or {@code null}
     */
    public String rawText() {
        return rawText;
    }

    /**
     * Sets the text of the offending line (see {@link #rawText()}).
     *
     * @param text the line as decoded
     * @return this exception
     */
    public InputFormatException withRawText(String text) {
        this.rawText = text;
        return this;
    }

    /** {@return the file or stream name} */
    public String source() {
        return source;
    }

    /** {@return the 1-based line number, or 0 when the whole file is concerned} */
    public long line() {
        return line;
    }

    /** {@return the 1-based column number, or 0 when the whole line is concerned} */
    public int column() {
        return column;
    }
}
