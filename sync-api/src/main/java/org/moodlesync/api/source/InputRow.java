package org.moodlesync.api.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One data line of a command file, as read: where it comes from, its raw text and its values by column.
 *
 * <p>The raw text is what a tryback file writes back, so a failed line can be rerun exactly as the admin gave it.
 * Column names keep the case of the header; {@link #columnNumber(String)} gives the 1-based position used in
 * error messages ({@code file:line:column}).
 *
 * @param source     name of the file (or stream) the line comes from
 * @param lineNumber 1-based physical line number of the line in its source
 * @param rawText    the line as read (decoded, without its line ending)
 * @param header     the header's column names in file order
 * @param values     the values in header order; a line shorter than its header has fewer values
 */
public record InputRow(String source, long lineNumber, String rawText, List<String> header, List<String> values) {

    /**
     * A line; the lists are copied.
     *
     * @param source     the file name (required)
     * @param lineNumber 1-based physical line number
     * @param rawText    the line as read (required)
     * @param header     the header's column names
     * @param values     the values in header order (may hold nulls)
     */
    public InputRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rawText, "rawText");
        header = List.copyOf(header);
        values = Collections.unmodifiableList(List.copyOf(values));
    }

    /**
     * The value of a column.
     *
     * @param column a header name, in the header's case
     * @return its value, or empty when the header has no such column or the line is too short
     */
    public Optional<String> value(String column) {
        int index = header.indexOf(column);
        if (index < 0 || index >= values.size()) {
            return Optional.empty();
        }
        return Optional.ofNullable(values.get(index));
    }

    /**
     * Whether the header names this column.
     *
     * @param column a header name
     * @return true when present, even if this line has no value for it
     */
    public boolean has(String column) {
        return header.contains(column);
    }

    /**
     * The position of a column, as used in error messages.
     *
     * @param column a header name
     * @return its 1-based column number, or 0 when absent
     */
    public int columnNumber(String column) {
        return header.indexOf(column) + 1;
    }

    /** {@return the values keyed by column name, in header order (missing trailing values are absent keys)} */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < values.size(); i++) {
            map.put(header.get(i), values.get(i));
        }
        return map;
    }

    /** {@return where this line is, as {@code file:line}} */
    public String location() {
        return source + ":" + lineNumber;
    }
}
