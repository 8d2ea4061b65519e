package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.source.RowSource;

/**
 * The columns a kind of command file may and must have, and the check of a header against them. Immutable: each
 * option method returns new rules, adding to the ones it is called on.
 *
 * <pre>{@code
 * static final HeaderRules USERS = HeaderRules.create()
 *         .required("username", "firstname", "lastname")
 *         .allowed("idnumber", "email", "auth", "password")
 *         .allowedPatterns("(course|group|role|enrol|start|end|wwwroot)\\d+", "profile_field_.+");
 *
 * List<String> tolerated = USERS.allowUnknown(config.invalidNamesNoCheck()).check(rows);
 * }</pre>
 *
 * <p>A header is checked column by column, left to right, then for missing columns. Problems, each an
 * {@link InputFormatException} at the header's line and the column's 1-based number:
 * <ul>
 *   <li>empty column name (for example a separator at the end of the header line);</li>
 *   <li>duplicated column (the second occurrence is reported, naming the first);</li>
 *   <li>a name holding one of tab, {@code ,}, {@code ;} or {@code :} — the file is probably written with another
 *       separator than the one it is read with (tool_sync's "invalid separator detected"; on by default, see
 *       {@link #separatorCheck(boolean)});</li>
 *   <li>unknown column: neither required, nor allowed, nor matching an allowed pattern — unless
 *       {@link #allowUnknown(boolean)} (tool_sync's {@code invalidnamesnocheck});</li>
 *   <li>missing required column (column 0: it is not there).</li>
 * </ul>
 * Names are compared case-sensitively, as in tool_sync; an unknown name that differs from a known one only by case
 * gets a hint. Patterns must match the whole name (tool_sync's users check was unanchored, so that for example
 * {@code mycourse1x} passed as {@code course1}: not reproduced).
 */
public final class HeaderRules {

    private static final String SEPARATOR_CHARS = "\t,;:";

    private final List<String> required;
    private final Set<String> allowed;
    private final List<Pattern> patterns;
    private final boolean allowUnknown;
    private final boolean separatorCheck;

    private HeaderRules(List<String> required, Set<String> allowed, List<Pattern> patterns, boolean allowUnknown,
                        boolean separatorCheck) {
        this.required = required;
        this.allowed = allowed;
        this.patterns = patterns;
        this.allowUnknown = allowUnknown;
        this.separatorCheck = separatorCheck;
    }

    /** No column required or allowed yet; unknown columns refused; separator check on. */
    public static HeaderRules create() {
        return new HeaderRules(List.of(), Set.of(), List.of(), false, true);
    }

    /** Adds required columns (a required column is allowed too). */
    public HeaderRules required(String... columns) {
        return required(Arrays.asList(columns));
    }

    /** Adds required columns (a required column is allowed too). */
    public HeaderRules required(Collection<String> columns) {
        Set<String> merged = new LinkedHashSet<>(required);
        merged.addAll(checkedNames(columns));
        return new HeaderRules(List.copyOf(merged), allowed, patterns, allowUnknown, separatorCheck);
    }

    /** Adds allowed (optional) columns. */
    public HeaderRules allowed(String... columns) {
        return allowed(Arrays.asList(columns));
    }

    /** Adds allowed (optional) columns. */
    public HeaderRules allowed(Collection<String> columns) {
        Set<String> merged = new LinkedHashSet<>(allowed);
        merged.addAll(checkedNames(columns));
        return new HeaderRules(required, Set.copyOf(merged), patterns, allowUnknown, separatorCheck);
    }

    /**
     * Adds patterns of allowed columns, as Java regular expressions matching the whole name (for example
     * {@code course\d+}, {@code profile_field_.+}).
     *
     * @throws java.util.regex.PatternSyntaxException for an invalid expression
     */
    public HeaderRules allowedPatterns(String... regexes) {
        List<Pattern> compiled = new ArrayList<>(regexes.length);
        for (String regex : regexes) {
            compiled.add(Pattern.compile(Objects.requireNonNull(regex, "regex")));
        }
        return allowedPatterns(compiled);
    }

    /** Adds patterns of allowed columns; a pattern must match the whole name. */
    public HeaderRules allowedPatterns(Collection<Pattern> more) {
        List<Pattern> merged = new ArrayList<>(patterns);
        for (Pattern pattern : more) {
            merged.add(Objects.requireNonNull(pattern, "pattern"));
        }
        return new HeaderRules(required, allowed, List.copyOf(merged), allowUnknown, separatorCheck);
    }

    /**
     * Accepts columns that are neither required nor allowed (tool_sync's {@code invalidnamesnocheck}); they are
     * returned by {@code check} so the caller can say they are ignored. The other checks still apply.
     */
    public HeaderRules allowUnknown(boolean allow) {
        return new HeaderRules(required, allowed, patterns, allow, separatorCheck);
    }

    /** Whether a column name holding tab, {@code ,}, {@code ;} or {@code :} is refused (default true). */
    public HeaderRules separatorCheck(boolean on) {
        return new HeaderRules(required, allowed, patterns, allowUnknown, on);
    }

    /** The required columns, in the order given. */
    public List<String> requiredColumns() {
        return required;
    }

    /** True when the column is required, allowed, or matches an allowed pattern. */
    public boolean isKnown(String column) {
        if (required.contains(column) || allowed.contains(column)) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(column).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the header of a source (reading it if not read yet); the header's line number comes from a
     * {@link CsvRowSource}, other sources count as line 1.
     *
     * @return the unknown columns that {@link #allowUnknown(boolean)} let through, in file order (else empty)
     * @throws InputFormatException for the first problem found; its message lists the others, which are also
     *                              attached as suppressed exceptions; or the source's own file-level error
     */
    public List<String> check(RowSource source) {
        List<String> header = source.header();
        long line = source.headerLine();
        return check(source.name(), line, header, source.separator());
    }

    /**
     * Checks a header read elsewhere.
     *
     * @param source     the file name, for messages
     * @param headerLine the header's 1-based line number
     * @param header     the column names in file order
     * @return the unknown columns that {@link #allowUnknown(boolean)} let through, in file order (else empty)
     * @throws InputFormatException for the first problem found; its message lists the others, which are also
     *                              attached as suppressed exceptions
     */
    public List<String> check(String source, long headerLine, List<String> header) {
        return check(source, headerLine, header, null);
    }

    private List<String> check(String source, long headerLine, List<String> header, Character separator) {
        List<InputFormatException> problems = problems(source, headerLine, header, separator);
        if (!problems.isEmpty()) {
            throw combined(source, problems);
        }
        if (!allowUnknown) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        for (String name : header) {
            if (!name.isEmpty() && !isKnown(name) && !unknown.contains(name)) {
                unknown.add(name);
            }
        }
        return List.copyOf(unknown);
    }

    /** Every problem of a header, in the order described in the class comment (empty when it is fine). */
    public List<InputFormatException> problems(String source, long headerLine, List<String> header) {
        return problems(source, headerLine, header, null);
    }

    private List<InputFormatException> problems(String source, long headerLine, List<String> header,
                                                Character separator) {
        List<InputFormatException> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            int column = i + 1;
            String reason = null;
            if (name.isEmpty()) {
                reason = "empty column name (is there a separator too many, for example at the end of the "
                        + "header line?)";
            } else if (seen.containsKey(name)) {
                reason = "column \"" + name + "\" is duplicated (first at column " + seen.get(name) + ")";
            } else if (separatorCheck && containsSeparator(name) >= 0) {
                char found = name.charAt(containsSeparator(name));
                reason = "column name \"" + name + "\" contains '" + CsvFormat.printable(found)
                        + "': is the file written with another separator"
                        + (separator == null ? "" : " than '" + CsvFormat.printable(separator) + "'") + "?";
            } else if (!allowUnknown && !isKnown(name)) {
                reason = "unknown column \"" + name + "\"" + hint(name);
            }
            seen.putIfAbsent(name, column);
            if (reason != null) {
                problems.add(new InputFormatException(source, headerLine, column, reason));
            }
        }
        for (String name : required) {
            if (!seen.containsKey(name)) {
                problems.add(new InputFormatException(source, headerLine, 0,
                        "missing required column \"" + name + "\"" + hint(name)));
            }
        }
        return problems;
    }

    private static int containsSeparator(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (SEPARATOR_CHARS.indexOf(name.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** A hint when the name differs from a known one only by case. */
    private String hint(String name) {
        List<String> known = new ArrayList<>(required);
        known.addAll(allowed);
        for (String candidate : known) {
            if (!candidate.equals(name) && candidate.equalsIgnoreCase(name)) {
                return " (column names are case-sensitive: \"" + candidate + "\"?)";
            }
        }
        return "";
    }

    private static InputFormatException combined(String source, List<InputFormatException> problems) {
        InputFormatException first = problems.get(0);
        if (problems.size() == 1) {
            return first;
        }
        StringBuilder reason = new StringBuilder(reasonOf(first)).append(" (and ").append(problems.size() - 1)
                .append(problems.size() == 2 ? " more header problem: " : " more header problems: ");
        for (int i = 1; i < problems.size(); i++) {
            InputFormatException p = problems.get(i);
            if (i > 1) {
                reason.append("; ");
            }
            reason.append(p.column() > 0 ? "column " + p.column() + ": " : "").append(reasonOf(p));
        }
        reason.append(')');
        InputFormatException e = new InputFormatException(source, first.line(), first.column(), reason.toString());
        for (int i = 1; i < problems.size(); i++) {
            e.addSuppressed(problems.get(i));
        }
        return e;
    }

    private static String reasonOf(InputFormatException e) {
        String message = e.getMessage();
        String prefix = (e.source() == null ? "<input>" : e.source())
                + (e.line() > 0 ? ":" + e.line() + (e.column() > 0 ? ":" + e.column() : "") : "") + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static List<String> checkedNames(Collection<String> columns) {
        List<String> names = new ArrayList<>(columns.size());
        for (String column : columns) {
            names.add(Objects.requireNonNull(column, "column"));
        }
        return names;
    }

    @Override
    public String toString() {
        return "HeaderRules[required=" + required + ", allowed=" + allowed + ", patterns=" + patterns
                + ", allowUnknown=" + allowUnknown + ", separatorCheck=" + separatorCheck + "]";
    }
}
