package org.moodlesync.api.result;

/**
 * Where a command comes from: its source name, line number and raw text (what the tryback file writes back).
 * Commands built in code have line numbers counted from 1 in the order given and no raw text.
 *
 * @param source  file or stream name
 * @param line    1-based line number
 * @param rawText the line as read, or null for commands built in code; may hold a password, so it is written to
 *                tryback files only (never to reports, logs or JSON)
 */
public record LineRef(String source, long line, String rawText) {

    @Override
    public String toString() {
        return source + ":" + line;
    }
}
