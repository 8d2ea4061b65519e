package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.api.source.RowSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RowSource} of a command file read with a {@link CsvFormat}; open one with {@link RowReaders}.
 *
 * <p>Rows are read lazily, one record at a time: memory stays bounded by the longest record whatever the size of
 * the file. Each {@link InputRow} carries the 1-based physical line number where its record starts (comment and
 * empty lines count) and its raw text: the line as decoded, without its line ending, or for an RFC 4180 record
 * spanning several lines those lines joined with their original line endings, exactly as they appeared — so a
 * tryback file can write the record back.
 *
 * <h2>Errors</h2>
 *
 * <ul>
 *   <li><b>File-level</b> problems — empty file or no header line when a header is required, a malformed header
 *       line, a UTF-8 byte order mark in a file read with another charset — are thrown as
 *       {@link InputFormatException} by {@link #header()}, {@link #hasNext()} and {@link #next()} alike, every
 *       time they are called: no row can be read. Their line is 0 for the whole file, else the header's.</li>
 *   <li><b>Line-level</b> problems — a byte sequence that is not valid in the charset, an RFC 4180 record that
 *       is not well-formed (text after a closing quote, a quoted value still open at the end of the file) — are
 *       thrown by {@link #next()} for that record only, with its line number, the column (1-based field number)
 *       where known and {@link InputFormatException#rawText() the raw text} (malformed bytes shown as U+FFFD).
 *       {@link #hasNext()} has returned true for it; the following call to {@code next()} goes on with the
 *       following record. A caller records the error for that line and continues.</li>
 *   <li>Rows with more values than the header are delivered as they are
 *       ({@code row.values().size() > row.header().size()}); the mapper reports them. Rows with fewer values
 *       simply lack the trailing ones.</li>
 *   <li>I/O failures are thrown as {@link UncheckedIOException}.</li>
 * </ul>
 *
 * <p>Not thread-safe, like any iterator.
 */
public final class CsvRowSource implements RowSource {

    private static final Logger LOG = LoggerFactory.getLogger(CsvRowSource.class);

    /** Characters PHP's {@code trim} removes; tool_sync trimmed values with it. */
    private static final String PHP_TRIM = " \t\n\r\0\u000B";

    private static final char[] AUTO_SEPARATORS = {';', ',', '\t'};

    private final String name;
    private final CsvFormat format;
    private final LineReader lines;
    private char separator;
    private CSVFormat commonsFormat;

    private boolean started;
    private RuntimeException fileFailure;
    private List<String> header;
    private long headerLine;
    private String headerText;
    private boolean closed;
    private boolean exhausted;
    /** The next row, or the line-level error standing in its place. */
    private InputRow pendingRow;
    private InputFormatException pendingError;

    CsvRowSource(InputStream in, String name, CsvFormat format) {
        this.name = name;
        this.format = format;
        this.separator = format.separator();
        this.lines = new LineReader(in, format.encoding());
    }

    @Override
    public String name() {
        return name;
    }

    /** The format this source reads with. */
    public CsvFormat format() {
        return format;
    }

    /**
     * The header's column names, in file order: trimmed names of the header line, or
     * {@link CsvFormat#columns()} for a file without header line.
     *
     * @throws InputFormatException when the file has no usable header (see the class comment)
     */
    @Override
    public List<String> header() {
        start();
        return header;
    }

    /**
     * 1-based line number of the header line (after the comment lines before it), or 0 for a file without
     * header line.
     *
     * @throws InputFormatException when the file has no usable header
     */
    public long headerLine() {
        start();
        return headerLine;
    }

    /**
     * The header record's raw text as it appeared in the file (for RFC 4180 with its quotes, possibly spanning
     * lines), or null for a file without header line. A tryback file can write it back unchanged; re-joining
     * {@link #header()} with the separator loses RFC 4180 quoting.
     *
     * @throws InputFormatException when the file has no usable header
     */
    public String headerText() {
        start();
        return headerText;
    }

    /**
     * The separator in use: the format's, or the one guessed from the header line with
     * {@link CsvFormat#autoSeparator()}.
     */
    @Override
    public char separator() {
        try {
            start();
        } catch (RuntimeException e) {
            // The failure is thrown again by header(), hasNext() and next(); the separator stays the format's.
        }
        return separator;
    }

    /** True when a byte order mark was dropped from the start of the file. */
    public boolean bomStripped() {
        return lines.bomStripped();
    }

    /**
     * True while a record remains (a row, or a line-level error that {@link #next()} will throw).
     *
     * @throws InputFormatException for a file-level problem (see the class comment)
     */
    @Override
    public boolean hasNext() {
        start();
        if (pendingRow != null || pendingError != null) {
            return true;
        }
        if (exhausted || closed) {
            return false;
        }
        try {
            Record record = readRecord(false);
            if (record == null) {
                exhausted = true;
                return false;
            }
            if (record.failed()) {
                pendingError = record.error(name, "");
            } else {
                pendingRow = new InputRow(name, record.line(), record.raw(), header, record.values());
            }
            return true;
        } catch (IOException e) {
            exhausted = true;
            throw new UncheckedIOException("cannot read " + name + ": " + org.moodlesync.api.IoFailures.cause(e), e);
        }
    }

    /**
     * The next row.
     *
     * @throws InputFormatException  for a line that cannot be read (the following call goes on with the next
     *                               line), or for a file-level problem
     * @throws NoSuchElementException when no record remains
     */
    @Override
    public InputRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + name);
        }
        if (pendingError != null) {
            InputFormatException error = pendingError;
            pendingError = null;
            throw error;
        }
        InputRow row = pendingRow;
        pendingRow = null;
        return row;
    }

    /** Closes the underlying stream; afterwards no row remains. Can be called more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pendingRow = null;
        pendingError = null;
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + name + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void start() {
        if (fileFailure != null) {
            throw fileFailure;
        }
        if (started) {
            return;
        }
        started = true;
        try {
            if (format.headerRequired()) {
                Record record = readRecord(true);
                if (record == null) {
                    throw new InputFormatException(name, 0, 0, lines.lineNumber() == 0
                            ? "file is empty (no header line)"
                            : "file has no header line (only empty or comment lines)");
                }
                if (record.failed()) {
                    throw record.error(name, "header line: ");
                }
                List<String> names = new ArrayList<>(record.values().size());
                for (String value : record.values()) {
                    names.add(format.stripQuotes() ? stripQuotes(phpTrim(value)) : phpTrim(value));
                }
                header = List.copyOf(names);
                headerLine = record.line();
                headerText = record.raw();
            } else {
                header = format.columns();
                headerLine = 0;
            }
            if (lines.bomStripped()) {
                LOG.debug("{}: byte order mark dropped", name);
            }
        } catch (LineReader.Utf8BomMismatch e) {
            fileFailure = new InputFormatException(name, 1, 0, e.getMessage());
            throw fileFailure;
        } catch (IOException e) {
            fileFailure = new UncheckedIOException("cannot read " + name + ": " + org.moodlesync.api.IoFailures.cause(e), e);
            throw fileFailure;
        } catch (InputFormatException e) {
            fileFailure = e;
            throw e;
        }
    }

    /**
     * One record: where it starts, its raw text and its values — or, when {@code reason} is set, the line-level
     * error standing for it.
     */
    private record Record(long line, String raw, List<String> values, int column, String reason, Throwable cause) {

        static Record ok(long line, String raw, List<String> values) {
            return new Record(line, raw, values, 0, null, null);
        }

        static Record failed(long line, String raw, int column, String reason) {
            return new Record(line, raw, null, column, reason, null);
        }

        boolean failed() {
            return reason != null;
        }

        InputFormatException error(String source, String prefix) {
            InputFormatException e = cause == null
                    ? new InputFormatException(source, line, column, prefix + reason)
                    : new InputFormatException(source, line, column, prefix + reason, cause);
            return e.withRawText(raw);
        }
    }

    private boolean skipped(String text) {
        if (text.isBlank()) {
            return true;
        }
        for (String prefix : format.commentPrefixes()) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Record readRecord(boolean isHeader) throws IOException {
        LineReader.Line first;
        do {
            first = lines.next();
            if (first == null) {
                return null;
            }
        } while (skipped(first.text()));
        if (isHeader && format.isAutoSeparator()) {
            separator = guessSeparator(first.text());
            LOG.debug("{}: separator '{}' guessed from the header line", name, CsvFormat.printable(separator));
        }
        if (format.dialect() == CsvFormat.Dialect.TOOL_SYNC) {
            return toolSyncRecord(first, isHeader);
        }
        return rfc4180Record(first, isHeader);
    }

    // tool_sync ----------------------------------------------------------------------------------------------

    private Record toolSyncRecord(LineReader.Line line, boolean isHeader) {
        String text = line.text();
        if (line.malformed()) {
            int column = countOf(text, separator, line.malformedAt()) + 1;
            return Record.failed(line.number(), text, column, malformed(line, false));
        }
        List<String> values = split(text, separator);
        if (!isHeader) {
            values.replaceAll(this::cleanValue);
        }
        return Record.ok(line.number(), text, values);
    }

    /** PHP's {@code explode}: every separator splits, empty values are kept (also trailing ones). */
    static List<String> split(String text, char separator) {
        List<String> values = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = text.indexOf(separator, from)) >= 0) {
            values.add(text.substring(from, at));
            from = at + 1;
        }
        values.add(text.substring(from));
        return values;
    }

    /** trim (if on), strip quotes (if on), replace the separator escape (if any) — tool_sync's order. */
    private String cleanValue(String value) {
        String v = format.trimValues() && format.dialect() == CsvFormat.Dialect.TOOL_SYNC ? phpTrim(value) : value;
        if (format.stripQuotes()) {
            v = stripQuotes(v);
        }
        String escape = format.separatorEscape();
        if (escape != null && v.contains(escape)) {
            v = v.replace(escape, String.valueOf(separator));
        }
        return v;
    }

    static String phpTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && PHP_TRIM.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && PHP_TRIM.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static String stripQuotes(String s) {
        String v = s.startsWith("\"") ? s.substring(1) : s;
        return v.endsWith("\"") ? v.substring(0, v.length() - 1) : v;
    }

    // RFC 4180 -----------------------------------------------------------------------------------------------

    private Record rfc4180Record(LineReader.Line first, boolean isHeader) throws IOException {
        QuoteScanner scanner = new QuoteScanner(separator, format.trimValues());
        StringBuilder raw = new StringBuilder(first.text());
        scanner.line(first.text());
        LineReader.Line last = first;
        // The first line of the record with malformed bytes, and where those are in the record's raw text.
        LineReader.Line badLine = first.malformed() ? first : null;
        int badOffset = first.malformedAt();
        while (scanner.inQuotes()) {
            LineReader.Line more = lines.next();
            if (more == null) {
                return Record.failed(first.number(), raw.toString(), scanner.field(), "a quoted value opened on line "
                        + first.number() + " is not closed at the end of the file (a quote inside a quoted value is "
                        + "written \"\")");
            }
            scanner.lineBreak();
            raw.append(last.terminator());
            if (more.malformed() && badLine == null) {
                badLine = more;
                badOffset = raw.length() + more.malformedAt();
            }
            raw.append(more.text());
            scanner.line(more.text());
            last = more;
        }
        String text = raw.toString();
        if (badLine != null) {
            return Record.failed(first.number(), text, fieldAt(text, badOffset), malformed(badLine, badLine != first));
        }
        if (scanner.invalidField() > 0) {
            return Record.failed(first.number(), text, scanner.invalidField(), "text after the closing quote of a "
                    + "value (a quoted value must end at the separator or at the end of the record; a quote inside "
                    + "it is written \"\")");
        }
        List<String> values;
        try (CSVParser parser = CSVParser.parse(text, commonsFormat())) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                values = new ArrayList<>(List.of(""));
            } else {
                values = new ArrayList<>(records.next().toList());
                if (records.hasNext()) {
                    throw new IllegalStateException("the text holds more than one record");
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return new Record(first.number(), text, null, 0, "not a valid RFC 4180 record: " + e.getMessage(), e);
        }
        if (!isHeader && (format.stripQuotes() || format.separatorEscape() != null)) {
            values.replaceAll(this::cleanValue);
        }
        return Record.ok(first.number(), text, values);
    }

    /** 1-based field number at an offset of a record's raw text (its line breaks can only be inside quotes). */
    private int fieldAt(String text, int offset) {
        QuoteScanner scanner = new QuoteScanner(separator, format.trimValues());
        scanner.scan(text, 0, Math.min(offset, text.length()));
        return scanner.field();
    }

    private CSVFormat commonsFormat() {
        if (commonsFormat == null || commonsFormat.getDelimiterString().charAt(0) != separator) {
            commonsFormat = CSVFormat.RFC4180.builder()
                    .setDelimiter(separator)
                    .setQuote('"')
                    .setEscape(null)
                    .setCommentMarker(null)
                    .setIgnoreEmptyLines(false)
                    .setIgnoreSurroundingSpaces(format.trimValues())
                    .setTrim(format.trimValues())
                    .get();
        }
        return commonsFormat;
    }

    // shared -------------------------------------------------------------------------------------------------

    private String malformed(LineReader.Line line, boolean nameTheLine) {
        String charset = format.encoding().name();
        StringBuilder reason = new StringBuilder("malformed ").append(charset).append(" byte sequence (")
                .append(line.malformedBytes()).append(") at character ").append(line.malformedAt() + 1);
        if (nameTheLine) {
            reason.append(" of line ").append(line.number());
        }
        reason.append(": the line cannot be decoded as ").append(charset);
        if (format.encoding().equals(StandardCharsets.UTF_8)) {
            reason.append(" (is the file written in another encoding, such as ISO-8859-1?)");
        }
        return reason.toString();
    }

    private char guessSeparator(String headerText) {
        int best = countOf(headerText, format.separator(), headerText.length());
        char chosen = format.separator();
        for (char candidate : AUTO_SEPARATORS) {
            int count = countOf(headerText, candidate, headerText.length());
            if (count > best) {
                best = count;
                chosen = candidate;
            }
        }
        return chosen;
    }

    private static int countOf(String text, char c, int end) {
        int count = 0;
        for (int i = 0; i < end && i < text.length(); i++) {
            if (text.charAt(i) == c) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "CsvRowSource[" + name + ", " + format + "]";
    }
}
