package org.moodlesync.api.result;

/**
 * Where a command comes from: its source name, line number and raw text (what the tryback file writes back), and
 * for a command built in code, the caller's own key. Commands built in code have line numbers counted from 1 in
 * the order given and no raw text.
 *
 * @param source  file or stream name
 * @param line    1-based line number
 * @param rawText the line as read, or null for commands built in code; may hold a password, so it is written to
 *                tryback files only (never to reports, logs or JSON)
 * @param key     the key the caller gave a command built in code (an SIS record id, say), or null: for file lines,
 *                and for commands given as a plain list
 */
public record LineRef(String source, long line, String rawText, String key) {

    /**
     * A line without a caller key.
     *
     * @param source  file or stream name
     * @param line    1-based line number
     * @param rawText the line as read, or null
     */
    public LineRef(String source, long line, String rawText) {
        this(source, line, rawText, null);
    }

    /** {@code source:line}, with the caller's key in brackets when there is one: {@code commands:3 [SIS-42]}. */
    @Override
    public String toString() {
        return key == null ? source + ":" + line : source + ":" + line + " [" + key + "]";
    }
}
