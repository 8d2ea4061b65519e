package org.moodlesync.core.internal.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.moodlesync.core.csv.CsvFormat;

/**
 * Counts a command file's data lines without parsing them, for progress displays (lines done out of how many):
 * non-blank lines that are not comment lines, less the header line. Exact for tool_sync's dialect; for RFC 4180
 * files whose quoted values span lines it counts physical lines, so it may say a little more than there are.
 */
public final class LineEstimate {

    private LineEstimate() {
    }

    /** The number of data lines of {@code file} read with {@code format}, or empty when it cannot be read. */
    public static OptionalLong dataLines(Path file, CsvFormat format) {
        var decoder = format.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                1 << 16)) {
            long lines = 0;
            boolean first = true;
            String line;
            while ((line = in.readLine()) != null) {
                if (first && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                first = false;
                if (line.isBlank() || isComment(line, format)) {
                    continue;
                }
                lines++;
            }
            if (format.headerRequired() && lines > 0) {
                lines--;
            }
            return OptionalLong.of(lines);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isComment(String line, CsvFormat format) {
        for (String prefix : format.commentPrefixes()) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
