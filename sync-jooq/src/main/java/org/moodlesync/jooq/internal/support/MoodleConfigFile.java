package org.moodlesync.jooq.internal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The database settings of a Moodle site read from its {@code config.php}, so that an administrator needs no other
 * setting: {@code $CFG->dbtype}, {@code dbhost}, {@code dbname}, {@code dbuser}, {@code dbpass}, {@code prefix},
 * {@code dataroot}, {@code wwwroot} and the {@code dbport} and {@code dbsocket} of {@code $CFG->dboptions}.
 *
 * <p>The file is never executed: a small reader looks for assignments {@code $CFG->name = literal;} whose value is a
 * quoted string, a number, {@code true}/{@code false}/{@code null}, or an {@code array(…)}/{@code […]} of such
 * {@code 'key' => literal} pairs; comments are skipped; anything else (expressions, constants, {@code require}) is
 * ignored. A value the reader cannot take literally (a double-quoted string with a {@code $variable}, a computed
 * value) is left out, and the missing setting is reported when it is needed.
 *
 * @param values the settings found ({@code dbtype → pgsql}; dboptions entries as {@code dboptions.dbport})
 */
public record MoodleConfigFile(Map<String, String> values) {

    public MoodleConfigFile {
        values = Map.copyOf(values);
    }

    /** Reads a {@code config.php}. */
    public static MoodleConfigFile read(Path configPhp) {
        try {
            return parse(Files.readString(configPhp, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw org.moodlesync.api.IoFailures.unchecked("cannot read Moodle's config file", configPhp, e);
        }
    }

    /** Reads the text of a {@code config.php}. */
    public static MoodleConfigFile parse(String php) {
        return new MoodleConfigFile(new Reader(php).assignments());
    }

    /** A setting, if the file has it literally. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** {@code $CFG->dbtype}: pgsql, mariadb, mysqli, auroramysql, sqlsrv. */
    public String dbtype() {
        return required("dbtype");
    }

    /** {@code $CFG->dbhost} (default {@code localhost}). */
    public String dbhost() {
        return get("dbhost").filter(h -> !h.isBlank()).orElse("localhost");
    }

    /** {@code $CFG->dboptions['dbport']}, when set and not empty. */
    public Optional<Integer> dbport() {
        return get("dboptions.dbport").filter(p -> !p.isBlank()).map(p -> {
            try {
                return Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config.php: dboptions dbport is not a number: " + p);
            }
        });
    }

    /** {@code $CFG->dbname}. */
    public String dbname() {
        return required("dbname");
    }

    /** {@code $CFG->dbuser}. */
    public String dbuser() {
        return get("dbuser").orElse(null);
    }

    /** {@code $CFG->dbpass} (never shown by {@link #toString()}). */
    public String dbpass() {
        return get("dbpass").orElse(null);
    }

    /** {@code $CFG->prefix} (default {@code mdl_}). */
    public String prefix() {
        return get("prefix").orElse("mdl_");
    }

    /** {@code $CFG->dataroot}, the folder holding tool_sync's drop folder {@code sync/}. */
    public Optional<String> dataroot() {
        return get("dataroot");
    }

    /** {@code $CFG->wwwroot}. */
    public Optional<String> wwwroot() {
        return get("wwwroot");
    }

    /**
     * The JDBC URL of the site's database: PostgreSQL for {@code pgsql}, MariaDB's driver for {@code mariadb},
     * {@code mysqli} and {@code auroramysql}.
     *
     * @throws IllegalArgumentException for another database type or a Unix socket connection
     */
    public String jdbcUrl() {
        String type = dbtype().toLowerCase(Locale.ROOT);
        String host = dbhost();
        if (get("dboptions.dbsocket").filter(s -> !s.isBlank() && !s.equals("0") && !s.equals("false")).isPresent()
                && !host.contains("/")) {
            throw new IllegalArgumentException("config.php connects through a Unix socket (dboptions dbsocket),"
                    + " which JDBC cannot use: give --db-url instead");
        }
        String scheme = switch (type) {
            case "pgsql" -> "postgresql";
            case "mariadb", "mysqli", "auroramysql" -> "mariadb";
            default -> throw new IllegalArgumentException("config.php: database type '" + dbtype()
                    + "' is not supported (moodle-sync works with pgsql, mariadb and mysqli)");
        };
        String port = dbport().map(p -> ":" + p).orElse("");
        return "jdbc:" + scheme + "://" + host + port + "/" + dbname();
    }

    private String required(String name) {
        return get(name).filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "config.php has no literal $CFG->" + name + " = '…'; line"));
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(values);
        shown.computeIfPresent("dbpass", (k, v) -> "********");
        return "MoodleConfigFile" + shown;
    }

    /** The literal-only reader. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Map<String, String> assignments() {
            Map<String, String> found = new LinkedHashMap<>();
            while (i < s.length()) {
                skipSpaceAndComments();
                if (i >= s.length()) {
                    break;
                }
                if (s.startsWith("$CFG->", i)) {
                    i += 6;
                    String name = identifier();
                    skipSpaceAndComments();
                    if (name != null && peek() == '=' && peekAt(1) != '=') {
                        i++;
                        skipSpaceAndComments();
                        readValue(name, found);
                    }
                    skipStatement();
                } else if (peek() == '\'' || peek() == '"') {
                    string(); // a string outside an assignment: step over it whole
                } else {
                    i++;
                }
            }
            return found;
        }

        private void readValue(String name, Map<String, String> found) {
            int save = i;
            if (s.startsWith("array", i) && nextNonSpace(i + 5) == '(') {
                i = s.indexOf('(', i) + 1;
                readArray(name, ')', found);
                return;
            }
            if (peek() == '[') {
                i++;
                readArray(name, ']', found);
                return;
            }
            String v = literal();
            skipSpaceAndComments();
            if (v != null && peek() == ';') {
                found.put(name, v);
            } else {
                i = save;
            }
        }

        private void readArray(String name, char close, Map<String, String> found) {
            while (i < s.length()) {
                skipSpaceAndComments();
                if (peek() == close) {
                    i++;
                    return;
                }
                String key = literal();
                skipSpaceAndComments();
                if (key != null && s.startsWith("=>", i)) {
                    i += 2;
                    skipSpaceAndComments();
                    String value = literal();
                    if (value != null) {
                        found.put(name + "." + key, value);
                    }
                }
                skipSpaceAndComments();
                if (peek() == ',') {
                    i++;
                } else if (peek() != close) {
                    return; // not a literal array: give up on it
                }
            }
        }

        /** A literal value, or null (and the position unchanged) when it is not one. */
        private String literal() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                    || s.charAt(i) == '-' || s.charAt(i) == '_')) {
                i++;
            }
            String word = s.substring(start, i);
            if (word.matches("-?[0-9]+(\\.[0-9]+)?")) {
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
