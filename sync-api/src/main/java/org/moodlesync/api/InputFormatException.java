package org.moodlesync.api;

/**
 * A command file (or one of its columns or lines) cannot be read as the format it claims to be: the message names
 * the file, line and, where known, the column.
 */
public class InputFormatException extends SyncException {

    private final String source;
    private final long line;
    private final int column;
    private String rawText;

    public InputFormatException(String source, long line, int column, String reason) {
        super(org.moodlesync.api.RunFailure.Kind.INPUT, where(source, line, column) + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
    }

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
     */
    public String rawText() {
        return rawText;
    }

    /** Sets the text of the offending line (see {@link #rawText()}); returns this exception. */
    public InputFormatException withRawText(String text) {
        this.rawText = text;
        return this;
    }

    /** The file or stream name. */
    public String source() {
        return source;
    }

    /** 1-based line number, or 0 when the whole file is concerned. */
    public long line() {
        return line;
    }

    /** 1-based column number, or 0 when the whole line is concerned. */
    public int column() {
        return column;
    }
}
