package org.moodlesync.api.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.moodlesync.api.IoFailures;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;

/**
 * The settings of a Moodle site's {@code config.php}, the one reader every part of moodle-sync uses (database
 * connection, table prefix, dataroot and file store, wwwroot).
 *
 * <p>The file is never executed: a small reader looks for assignments {@code $CFG->name = literal;} whose value is a
 * quoted string, a number (decimal, PHP octal {@code 02777} or {@code 0o2777}), {@code true}/{@code false}/{@code
 * null}, or an {@code array(…)}/{@code […]} of {@code 'key' => literal} pairs (kept as {@code name.key}, as is
 * {@code $CFG->name['key'] = literal;}); comments are
 * skipped. A setting assigned by anything else (a concatenation, a constant, a function, a double-quoted string with a
 * {@code $variable}) is not guessed: {@link #assigns(String)} is true for it, {@link #get(String)} empty, and
 * {@link #string(String)} says it cannot be read.
 *
 * <p>{@link MoodleSiteFolder#locate(java.nio.file.Path)} finds the file from the path a user gives (the file, the
 * site's folder, or a Moodle 5.1+ site's {@code public/} folder); {@link MoodleSiteFolder#read()} reads it.
 *
 * @param file       the file read, or null when parsed from text
 * @param values     the literal settings ({@code dbtype → pgsql}; array entries as {@code dboptions.dbport})
 * @param computed   the settings assigned by an expression moodle-sync does not evaluate
 */
public record MoodleConfigPhp(Path file, Map<String, String> values, Set<String> computed) {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9_]*(\\.[0-9]+)?|0o[0-7_]+");
    private static final Pattern INTEGER = Pattern.compile("0[0-7]*|[1-9][0-9]*|0o[0-7]+");

    /**
     * Copies the settings into unmodifiable collections.
     *
     * @param file       the file read, or null when parsed from text
     * @param values     the literal settings ({@code dbtype → pgsql}; array entries as {@code dboptions.dbport})
     * @param computed   the settings assigned by an expression moodle-sync does not evaluate
     * @throws NullPointerException when {@code values} or {@code computed} is null
     */
    public MoodleConfigPhp {
        values = Map.copyOf(values);
        computed = Set.copyOf(computed);
    }

    /**
     * Reads a {@code config.php}.
     *
     * @param file the file
     * @return its settings
     * @throws SyncException ({@link RunFailure.Kind#CONFIGURATION}) when it cannot be read
     */
    public static MoodleConfigPhp read(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION,
                    IoFailures.describe("cannot read Moodle's config.php", file, e), e);
        }
    }

    /**
     * Reads the text of a {@code config.php}.
     *
     * @param file the file it comes from, for messages (may be null)
     * @param php  its text
     * @return its settings
     */
    public static MoodleConfigPhp parse(Path file, String php) {
        Reader reader = new Reader(php);
        reader.read();
        return new MoodleConfigPhp(file, reader.found, reader.computed);
    }

    /**
     * Reads the text of a {@code config.php} that has no file name.
     *
     * @param php its text
     * @return its settings
     */
    public static MoodleConfigPhp parse(String php) {
        return parse(null, php);
    }

    /**
     * True when the file assigns {@code $CFG->name}, literally or by an expression.
     *
     * @param name the setting's name without {@code $CFG->}, for example {@code dataroot}; array entries as
     *             {@code dboptions.dbport}
     * @return true when it is assigned
     */
    public boolean assigns(String name) {
        return values.containsKey(name) || computed.contains(name);
    }

    /**
     * The literal value of a setting ({@code true} is {@code "1"}, {@code false} and {@code null} are empty).
     *
     * @param name the setting's name without {@code $CFG->}
     * @return its literal value, or empty when it is not assigned or assigned by an expression
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * The literal value of a setting, or null when it is not assigned.
     *
     * @param name the setting's name without {@code $CFG->}
     * @return its literal value, or null when it is not assigned
     * @throws SyncException ({@link RunFailure.Kind#CONFIGURATION}) when it is assigned by an expression
     */
    public String string(String name) {
        if (computed.contains(name)) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION, where() + "$CFG->" + name
                    + " is set by an expression moodle-sync does not evaluate; state it directly");
        }
        return values.get(name);
    }

    /**
     * The integer value of a setting (PHP octal {@code 02777} and {@code 0o2777} understood), or the default when it
     * is not assigned.
     *
     * @param name         the setting's name without {@code $CFG->}
     * @param defaultValue the value when it is not assigned
     * @return its value, or {@code defaultValue}
     * @throws SyncException ({@link RunFailure.Kind#CONFIGURATION}) when it is not an integer literal
     */
    public int integer(String name, int defaultValue) {
        String value = string(name);
        if (value == null) {
            return defaultValue;
        }
        String e = value.replace("_", "");
        if (!INTEGER.matcher(e).matches()) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION, where() + "$CFG->" + name
                    + " is not a number moodle-sync can read (" + value + ")");
        }
        if (e.startsWith("0o")) {
            return Integer.parseInt(e.substring(2), 8);
        }
        return e.startsWith("0") && e.length() > 1 ? Integer.parseInt(e.substring(1), 8) : Integer.parseInt(e);
    }

    private String where() {
        return file == null ? "config.php: " : file + ": ";
    }

    /** The settings, with {@code dbpass} and every other password masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.keySet().stream().sorted().forEach(k -> shown.put(k,
                k.toLowerCase(Locale.ROOT).contains("pass") ? "********" : values.get(k)));
        return "MoodleConfigPhp" + (file == null ? "" : "[" + file + "]") + shown;
    }

    /** The literal-only reader. */
    private static final class Reader {
        private final String s;
        private int i;
        final Map<String, String> found = new LinkedHashMap<>();
        final Set<String> computed = new LinkedHashSet<>();

        Reader(String s) {
            this.s = s;
        }

        void read() {
            while (i < s.length()) {
                skipSpaceAndComments();
                if (i >= s.length()) {
                    break;
                }
                if (s.startsWith("$CFG", i) && nextNonSpace(i + 4) == '-') {
                    i = s.indexOf("->", i) + 2;
                    skipSpaceAndComments();
                    String identifier = identifier();
                    skipSpaceAndComments();
                    String name = identifier != null && peek() == '[' ? entryName(identifier) : identifier;
                    if (name != null && peek() == '=' && peekAt(1) != '=') {
                        i++;
                        skipSpaceAndComments();
                        if (!readValue(name)) {
                            found.keySet().removeIf(k -> k.equals(name) || k.startsWith(name + "."));
                            computed.add(name);
                        } else {
                            computed.remove(name);
                        }
                    }
                    skipStatement();
                } else if (peek() == '\'' || peek() == '"') {
                    string(); // a string outside an assignment: step over it whole
                } else {
                    i++;
                }
            }
        }

        /**
         * The name of an array entry assigned on its own, {@code $CFG->name['key'] = …} (as {@code name.key}), or
         * null when the key is not a literal.
         */
        private String entryName(String name) {
            i++;
            skipSpaceAndComments();
            String key = literal();
            skipSpaceAndComments();
            if (key == null || peek() != ']') {
                return null;
            }
            i++;
            skipSpaceAndComments();
            return name + "." + key;
        }

        /** Reads a literal value into {@code found}; false (position unchanged) when it is not one. */
        private boolean readValue(String name) {
            int save = i;
            if (s.startsWith("array", i) && nextNonSpace(i + 5) == '(') {
                i = s.indexOf('(', i) + 1;
                return readArray(name, ')');
            }
            if (peek() == '[') {
                i++;
                return readArray(name, ']');
            }
            String v = literal();
            skipSpaceAndComments();
            if (v != null && peek() == ';') {
                found.put(name, v);
                return true;
            }
            i = save;
            return false;
        }

        private boolean readArray(String name, char close) {
            Map<String, String> entries = new LinkedHashMap<>();
            while (i < s.length()) {
                skipSpaceAndComments();
                if (peek() == close) {
                    i++;
                    found.putAll(entries);
                    return true;
                }
                String key = literal();
                skipSpaceAndComments();
                if (key != null && s.startsWith("=>", i)) {
                    i += 2;
                    skipSpaceAndComments();
                    String value = literal();
                    if (value != null) {
                        entries.put(name + "." + key, value);
                    }
                }
                skipSpaceAndComments();
                if (peek() == ',') {
                    i++;
                } else if (peek() != close) {
                    found.putAll(entries); // keep the literal entries read before what is not one
                    return !entries.isEmpty();
                }
            }
            return false;
        }

        /** A literal value, or null (and the position unchanged) when it is not one. */
        private String literal() {
            char c = peek();
            if (c == '\'' || c == '"') {
                int start = i;
                String v = string();
                if (v == null) {
                    i = start;
                }
                return v;
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                    || s.charAt(i) == '-' || s.charAt(i) == '_')) {
                i++;
            }
            String word = s.substring(start, i);
            if (NUMBER.matcher(word).matches()) {
                return word;
            }
            switch (word.toLowerCase(Locale.ROOT)) {
                case "true":
                    return "1";
                case "false", "null":
                    return "";
                default:
                    i = start;
                    return null;
            }
        }

        /** A quoted string; null for a double-quoted one that interpolates variables. */
        private String string() {
            char quote = s.charAt(i++);
            StringBuilder sb = new StringBuilder();
            boolean interpolated = false;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == quote) {
                    return interpolated ? null : sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    char n = s.charAt(i);
                    if (quote == '\'') {
                        if (n == '\'' || n == '\\') {
                            sb.append(n);
                            i++;
                        } else {
                            sb.append(c);
                        }
                    } else {
                        i++;
                        switch (n) {
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'r' -> sb.append('\r');
                            case '"', '\\', '$' -> sb.append(n);
                            default -> sb.append('\\').append(n);
                        }
                    }
                } else {
                    if (quote == '"' && c == '$') {
                        interpolated = true;
                    }
                    sb.append(c);
                }
            }
            return null;
        }

        private String identifier() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            return i > start ? s.substring(start, i) : null;
        }

        private void skipStatement() {
            while (i < s.length()) {
                skipSpaceAndComments();
                if (i >= s.length()) {
                    return;
                }
                char c = peek();
                if (c == ';') {
                    i++;
                    return;
                }
                if (c == '\'' || c == '"') {
                    string();
                } else {
                    i++;
                }
            }
        }

        private void skipSpaceAndComments() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#' || s.startsWith("//", i)) {
                    int end = s.indexOf('\n', i);
                    i = end < 0 ? s.length() : end + 1;
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else if (s.startsWith("<?php", i)) {
                    i += 5;
                } else {
                    return;
                }
            }
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private char peekAt(int offset) {
            return i + offset < s.length() ? s.charAt(i + offset) : '\0';
        }

        private char nextNonSpace(int from) {
            int j = from;
            while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            return j < s.length() ? s.charAt(j) : '\0';
        }
    }
}
