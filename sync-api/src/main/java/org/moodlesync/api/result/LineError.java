package org.moodlesync.api.result;

/**
 * Why a line failed, and where: {@code file:line:column: reason}.
 *
 * @param source the file or stream name
 * @param line   1-based line number (0 for commands built in code without a line)
 * @param column 1-based column number, or 0 when the whole line is concerned
 * @param field  the column name concerned, or null
 * @param reason a sentence saying what is wrong, never holding a secret
 */
public record LineError(String source, long line, int column, String field, String reason) {

    /** {@return {@code file:line:column}: the line and column omitted when 0, {@code <commands>} without a source} */
    public String location() {
        StringBuilder sb = new StringBuilder(source == null ? "<commands>" : source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (column > 0) {
            sb.append(':').append(column);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return location() + ": " + (field != null ? "[" + field + "] " : "") + reason;
    }
}
