package org.moodlesync.examples.cli;

import java.nio.charset.Charset;
import java.util.Locale;
import org.moodlesync.core.csv.CsvFormat;
import picocli.CommandLine.Option;

/** How command files are written: separator, encoding, dialect ({@code run}, {@code process}, {@code schedule}). */
public final class FileFormatArgs {

    @Option(names = "--separator", paramLabel = "CHAR", defaultValue = ";",
            description = "field separator (default: ${DEFAULT-VALUE}); 'tab' for a tab")
    String separator;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "file encoding, e.g. UTF-8 or ISO-8859-1 (default: ${DEFAULT-VALUE})")
    String encoding;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "toolsync",
            description = "toolsync (tool_sync's dialect, no quoting) or rfc4180 (quoted CSV) (default: ${DEFAULT-VALUE})")
    String format;

    /**
     * The file format these options give.
     *
     * @throws IllegalArgumentException naming the option whose value is wrong
     */
    CsvFormat csvFormat() {
        boolean tab = "tab".equalsIgnoreCase(separator) || "\\t".equals(separator);
        if (!tab && separator.length() != 1) {
            throw new IllegalArgumentException("--separator takes one character");
        }
        CsvFormat base = switch (format.toLowerCase(Locale.ROOT)) {
            case "toolsync", "tool_sync" -> CsvFormat.toolSync();
            case "rfc4180", "csv" -> CsvFormat.rfc4180();
            default -> throw new IllegalArgumentException("--format is toolsync or rfc4180, not " + format);
        };
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown --encoding " + encoding);
        }
        return base.separator(tab ? '\t' : separator.charAt(0)).encoding(charset);
    }
}
