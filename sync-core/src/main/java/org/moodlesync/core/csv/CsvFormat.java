package org.moodlesync.core.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a command file is written: its dialect, separator, encoding, header and comment conventions. Immutable:
 * every option method returns a new format, so a format can be kept in a constant and varied per file.
 *
 * <pre>{@code
 * CsvFormat users   = CsvFormat.toolSync();                                    // ';', UTF-8, header line
 * CsvFormat latin   = CsvFormat.toolSync().separator(',').encoding(StandardCharsets.ISO_8859_1);
 * CsvFormat deletes = CsvFormat.toolSync().headerRequired(false).columns("shortname");
 * CsvFormat export  = CsvFormat.rfc4180().separator(';').commentMarker('#').trimValues(true);
 * }</pre>
 *
 * <h2>Two dialects</h2>
 *
 * <p>{@link #toolSync()} reads files exactly as the Moodle plugin tool_sync reads them, so files that work with
 * tool_sync work unchanged: each physical line is one record, split on the separator, with no quoting; comment
 * lines start with one of {@code ( [ - # /} or a space; values are trimmed; the token {@code &#44} in a value
 * stands for the separator. Its bugs are not reproduced: bytes are decoded once (tool_sync converted ISO-8859-1
 * data twice), a line has no length limit (tool_sync split lines at 1023 bytes).
 *
 * <p>{@link #rfc4180()} reads RFC 4180 files (spreadsheet exports) with Apache Commons CSV: values may be quoted
 * with {@code "}, a quote inside a quoted value is doubled ({@code ""}), and a quoted value may hold the separator
 * and line breaks; a record may therefore span several physical lines.
 *
 * <h2>Common rules</h2>
 *
 * <ul>
 *   <li>The file is decoded once with {@link #encoding()}; a byte sequence that is not valid in that charset
 *       fails only the line that holds it.</li>
 *   <li>A UTF-8 byte order mark at the start of the file is dropped. The bytes {@code EF BB BF} at the start of a
 *       file read with another charset (typically ISO-8859-1) fail the file: they mean the file is UTF-8, and
 *       reading it as ISO-8859-1 would turn every accented letter into garbage. (tool_sync also aborted on
 *       this.)</li>
 *   <li>Lines end with LF, CRLF or CR, also mixed in one file. Lines have no length limit.</li>
 *   <li>Empty lines and lines of only whitespace are skipped, as are comment lines
 *       ({@link #commentPrefixes()}); skipped lines still count in line numbers.</li>
 *   <li>With {@link #headerRequired()} the first record that is not skipped is the header. Header names are
 *       always trimmed (a name is never meant to start or end with a space; tool_sync trimmed them for some
 *       files and not for others).</li>
 * </ul>
 */
public final class CsvFormat {

    /** The two ways of reading a file. */
    public enum Dialect {
        /** tool_sync's own: one record per line, plain split on the separator, no quoting. */
        TOOL_SYNC,
        /** RFC 4180 (quoted values, embedded separators and line breaks), read with Apache Commons CSV. */
        RFC_4180
    }

    /** tool_sync's comment rule: a line starting with one of these is skipped (headers and data alike). */
    public static final List<String> TOOL_SYNC_COMMENT_PREFIXES = List.of("(", "[", "-", "#", "/", " ");

    /** tool_sync's token for the separator inside a value (users files: {@code &#44}). */
    public static final String TOOL_SYNC_SEPARATOR_ESCAPE = "&#44";

    private static final CsvFormat TOOL_SYNC = new CsvFormat(Dialect.TOOL_SYNC, ';', false,
            StandardCharsets.UTF_8, true, true, List.of(), TOOL_SYNC_COMMENT_PREFIXES, TOOL_SYNC_SEPARATOR_ESCAPE,
            false);

    private static final CsvFormat RFC_4180 = new CsvFormat(Dialect.RFC_4180, ',', false, StandardCharsets.UTF_8,
            false, true, List.of(), List.of(), null, false);

    private final Dialect dialect;
    private final char separator;
    private final boolean autoSeparator;
    private final Charset encoding;
    private final boolean trimValues;
    private final boolean headerRequired;
    private final List<String> columns;
    private final List<String> commentPrefixes;
    private final String separatorEscape;
    private final boolean stripQuotes;

    private CsvFormat(Dialect dialect, char separator, boolean autoSeparator, Charset encoding, boolean trimValues,
                      boolean headerRequired, List<String> columns, List<String> commentPrefixes,
                      String separatorEscape, boolean stripQuotes) {
        this.dialect = dialect;
        this.separator = separator;
        this.autoSeparator = autoSeparator;
        this.encoding = encoding;
        this.trimValues = trimValues;
        this.headerRequired = headerRequired;
        this.columns = columns;
        this.commentPrefixes = commentPrefixes;
        this.separatorEscape = separatorEscape;
        this.stripQuotes = stripQuotes;
    }

    /**
     * tool_sync's dialect, the default: separator {@code ;}, UTF-8, header line required, values trimmed,
     * comment prefixes {@link #TOOL_SYNC_COMMENT_PREFIXES}, separator escape {@code &#44}, quotes kept.
     */
    public static CsvFormat toolSync() {
        return TOOL_SYNC;
    }

    /**
     * RFC 4180: separator {@code ,}, quote {@code "}, UTF-8, header record required, values not trimmed, no
     * comment lines, no separator escape.
     */
    public static CsvFormat rfc4180() {
        return RFC_4180;
    }

    /** The dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The separator between values. */
    public char separator() {
        return separator;
    }

    /**
     * Uses this separator between values. tool_sync offers {@code ;} (its default) and {@code ,}; any other
     * character works too (for example a tab), except line breaks and, in RFC 4180, the quote {@code "}.
     *
     * @throws IllegalArgumentException for CR, LF or (RFC 4180) {@code "}
     */
    public CsvFormat separator(char separator) {
        checkSeparator(dialect, separator);
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trimValues, headerRequired, columns,
                commentPrefixes, separatorEscape, stripQuotes);
    }

    /** True when the separator is guessed from the header line; see {@link #autoSeparator(boolean)}. */
    public boolean isAutoSeparator() {
        return autoSeparator;
    }

    /** Same as {@code autoSeparator(true)}. */
    public CsvFormat autoSeparator() {
        return autoSeparator(true);
    }

    /**
     * Guesses the separator from the header line: the one of {@code ;}, {@code ,} and tab that occurs most often
     * in it (on a tie, {@link #separator()} if it is among the tied, else in that order); when none occurs (a
     * one-column file) {@link #separator()} is used. Only for files with a header line: without one the
     * configured separator is always used. {@link org.moodlesync.api.source.RowSource#separator()} tells the
     * separator in use.
     */
    public CsvFormat autoSeparator(boolean on) {
        return new CsvFormat(dialect, separator, on, encoding, trimValues, headerRequired, columns,
                commentPrefixes, separatorEscape, stripQuotes);
    }

    /** The charset the file is decoded with. */
    public Charset encoding() {
        return encoding;
    }

    /**
     * Decodes the file with this charset (default UTF-8; tool_sync also offers ISO-8859-1; any charset works).
     * The bytes are decoded exactly once.
     */
    public CsvFormat encoding(Charset encoding) {
        Objects.requireNonNull(encoding, "encoding");
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trimValues, headerRequired, columns,
                commentPrefixes, separatorEscape, stripQuotes);
    }

    /** True when values are trimmed. */
    public boolean trimValues() {
        return trimValues;
    }

    /**
     * Trims values (default on for tool_sync, off for RFC 4180). tool_sync trims like PHP's {@code trim}: spaces,
     * tabs, CR, LF, NUL and vertical tabs at both ends. RFC 4180 uses Commons CSV's {@code trim} and
     * {@code ignoreSurroundingSpaces}: spaces around quotes are ignored, and a quoted value is trimmed too.
     */
    public CsvFormat trimValues(boolean trim) {
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trim, headerRequired, columns,
                commentPrefixes, separatorEscape, stripQuotes);
    }

    /** True when the first record of the file is its header. */
    public boolean headerRequired() {
        return headerRequired;
    }

    /**
     * Whether the file starts with a header line (default true). tool_sync's course delete and course check files
     * have none: name their columns with {@link #columns(String...)}. An empty file is an error only when a
     * header is required.
     */
    public CsvFormat headerRequired(boolean required) {
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trimValues, required, columns,
                commentPrefixes, separatorEscape, stripQuotes);
    }

    /** The column names of a file without header line (empty when the header line names them). */
    public List<String> columns() {
        return columns;
    }

    /**
     * Names the columns of a file without header line, in file order (for example {@code "shortname",
     * "description"} for tool_sync's course check file). Only meaningful with {@code headerRequired(false)}:
     * opening a file with both a required header and given columns is refused, and so is a file without header
     * and without columns.
     */
    public CsvFormat columns(String... columns) {
        return columns(Arrays.asList(columns));
    }

    /** Same as {@link #columns(String...)}. */
    public CsvFormat columns(List<String> columns) {
        List<String> copy = List.copyOf(columns);
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trimValues, headerRequired, copy,
                commentPrefixes, separatorEscape, stripQuotes);
    }

    /** The prefixes that make a line a comment line (empty: no comment lines). */
    public List<String> commentPrefixes() {
        return commentPrefixes;
    }

    /**
     * Skips the lines starting with one of these prefixes (compared with the line as decoded, case-sensitive,
     * before any trimming). tool_sync's set is {@link #TOOL_SYNC_COMMENT_PREFIXES}: beware that with it a data
     * line whose first value starts with {@code -}, {@code /} or a space is skipped too, as it was in tool_sync.
     * In RFC 4180 only a line that starts a record can be a comment: a line inside a quoted value never is.
     * For no comment lines at all, use {@link #noComments()}.
     *
     * @throws IllegalArgumentException for an empty prefix
     */
    public CsvFormat commentPrefixes(String... prefixes) {
        List<String> copy = List.copyOf(Arrays.asList(prefixes));
        for (String prefix : copy) {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("a comment prefix cannot be empty");
            }
        }
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trimValues, headerRequired, columns,
                copy, separatorEscape, stripQuotes);
    }

    /** No comment lines: every line that is not empty or blank is read (the default of {@link #rfc4180()}). */
    public CsvFormat noComments() {
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trimValues, headerRequired, columns,
                List.of(), separatorEscape, stripQuotes);
    }

    /** Same as {@code commentPrefixes(String.valueOf(marker))}: Commons CSV's comment marker, e.g. {@code #}. */
    public CsvFormat commentMarker(char marker) {
        return commentPrefixes(String.valueOf(marker));
    }

    /** The token replaced by the separator in values, or null when none. */
    public String separatorEscape() {
        return separatorEscape;
    }

    /**
     * Replaces this token by the separator character in every value, after trimming (tool_sync's users files:
     * {@code &#44}; whatever the separator, the token stands for it). Null or empty: no replacement. Header
     * names are not concerned.
     */
    public CsvFormat separatorEscape(String token) {
        String escape = token == null || token.isEmpty() ? null : token;
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trimValues, headerRequired, columns,
                commentPrefixes, escape, stripQuotes);
    }

    /** True when one leading and one trailing {@code "} are removed from each value. */
    public boolean stripQuotes() {
        return stripQuotes;
    }

    /**
     * Removes one leading and one trailing {@code "} from each value and header name, after trimming (tool_sync's
     * course creation file did this; off by default). This is not quoting: a separator inside such a value still
     * splits it — use {@link #rfc4180()} for real quoting.
     */
    public CsvFormat stripQuotes(boolean strip) {
        return new CsvFormat(dialect, separator, autoSeparator, encoding, trimValues, headerRequired, columns,
                commentPrefixes, separatorEscape, strip);
    }

    private static void checkSeparator(Dialect dialect, char separator) {
        if (separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("a line break cannot be the separator");
        }
        if (dialect == Dialect.RFC_4180 && separator == '"') {
            throw new IllegalArgumentException("the quote \" cannot be the separator of an RFC 4180 file");
        }
    }

    /** Checks the options that only make sense together; called when a file is opened. */
    public void checkConsistent() {
        if (headerRequired && !columns.isEmpty()) {
            throw new IllegalArgumentException("columns(...) names the columns of a file without header line, "
                    + "but this format reads them from the header line: add headerRequired(false)");
        }
        if (!headerRequired && columns.isEmpty()) {
            throw new IllegalArgumentException("a file without header line needs its column names: "
                    + "use columns(...)");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CsvFormat other)) {
            return false;
        }
        return dialect == other.dialect && separator == other.separator && autoSeparator == other.autoSeparator
                && trimValues == other.trimValues && headerRequired == other.headerRequired
                && stripQuotes == other.stripQuotes && encoding.equals(other.encoding)
                && columns.equals(other.columns) && commentPrefixes.equals(other.commentPrefixes)
                && Objects.equals(separatorEscape, other.separatorEscape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dialect, separator, autoSeparator, encoding, trimValues, headerRequired, columns,
                commentPrefixes, separatorEscape, stripQuotes);
    }

    @Override
    public String toString() {
        return "CsvFormat[" + dialect + ", separator=" + printable(separator) + (autoSeparator ? " (auto)" : "")
                + ", encoding=" + encoding.name() + ", trimValues=" + trimValues + ", headerRequired="
                + headerRequired + (columns.isEmpty() ? "" : ", columns=" + columns) + ", commentPrefixes="
                + commentPrefixes + ", separatorEscape=" + separatorEscape + ", stripQuotes=" + stripQuotes + "]";
    }

    /** How a delimiter or quote character is shown in messages (tab as \\t, and so on). */
    public static String printable(char c) {
        return switch (c) {
            case '\t' -> "TAB";
            case ' ' -> "SPACE";
            default -> String.valueOf(c);
        };
    }
}
