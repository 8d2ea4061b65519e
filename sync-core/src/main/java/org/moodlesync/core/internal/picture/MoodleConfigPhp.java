package org.moodlesync.core.internal.picture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.command.picture.MoodleFileStore;

/**
 * What moodle-sync reads from a site's {@code config.php} (never executed, only scanned): the file store settings
 * {@code $CFG->dataroot}, {@code $CFG->filedir}, {@code $CFG->trashdir}, {@code $CFG->directorypermissions},
 * {@code $CFG->filepermissions}, and whether {@code $CFG->alternative_file_system_class} is set, in which case the
 * site keeps its files somewhere else than the local {@code filedir} and pictures are refused.
 *
 * <p>Only plain assignments of literals are understood ({@code $CFG->dataroot = '/var/moodledata';}, octal or
 * decimal numbers); comments are skipped. A setting given by an expression (concatenation, constant, function) is
 * reported as unreadable rather than guessed.
 */
public final class MoodleConfigPhp {

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "\\$CFG\\s*->\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*([^;]*);");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"((?:[^\"\\\\$]|\\\\.)*)\"");
    private static final Pattern NUMBER = Pattern.compile("0[0-7]*|[1-9][0-9]*|0o[0-7]+");

    private final Path file;
    private final Map<String, String> expressions;

    private MoodleConfigPhp(Path file, Map<String, String> expressions) {
        this.file = file;
        this.expressions = expressions;
    }

    /** Scans a {@code config.php}. */
    public static MoodleConfigPhp read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SyncException(org.moodlesync.api.IoFailures.describe("cannot read Moodle's config.php", file, e), e);
        }
        return parse(file, text);
    }

    static MoodleConfigPhp parse(Path file, String text) {
        String code = stripComments(text);
        Map<String, String> found = new HashMap<>();
        Matcher m = ASSIGNMENT.matcher(code);
        while (m.find()) {
            found.put(m.group(1), m.group(2).trim());
        }
        return new MoodleConfigPhp(file, found);
    }

    /** True when the file assigns {@code $CFG->name}, whatever the value. */
    public boolean assigns(String name) {
        return expressions.containsKey(name);
    }

    /** The literal string value of a setting, or null when not assigned. */
    public String string(String name) {
        String expression = expressions.get(name);
        if (expression == null) {
            return null;
        }
        Matcher single = SINGLE_QUOTED.matcher(expression);
        if (single.matches()) {
            return single.group(1).replace("\\'", "'").replace("\\\\", "\\");
        }
        Matcher dbl = DOUBLE_QUOTED.matcher(expression);
        if (dbl.matches()) {
            return dbl.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        throw new SyncException(file + ": $CFG->" + name + " is set by an expression moodle-sync cannot evaluate ("
                + expression + "); state it directly (for pictures: --dataroot)");
    }

    /** The integer value of a setting (PHP octal {@code 02777} understood), or the default when not assigned. */
    public int integer(String name, int defaultValue) {
        String expression = expressions.get(name);
        if (expression == null) {
            return defaultValue;
        }
        String e = expression.replace("_", "");
        if (!NUMBER.matcher(e).matches()) {
            throw new SyncException(file + ": $CFG->" + name + " is not a number moodle-sync can read ("
                    + expression + ")");
        }
        if (e.startsWith("0o")) {
            return Integer.parseInt(e.substring(2), 8);
        }
        return e.startsWith("0") && e.length() > 1 ? Integer.parseInt(e.substring(1), 8) : Integer.parseInt(e);
    }

    /**
     * The site's file store, as Moodle's local file system would use it.
     *
     * @throws SyncException when the site uses an alternative file system, or has no readable dataroot
     */
    public MoodleFileStore fileStore() {
        if (assigns("alternative_file_system_class")) {
            throw new SyncException(file + " sets $CFG->alternative_file_system_class ("
                    + expressions.get("alternative_file_system_class") + "): this site keeps file contents outside "
                    + "the local filedir, where moodle-sync cannot write them; pictures are refused");
        }
        String dataroot = string("dataroot");
        if (dataroot == null || dataroot.isBlank()) {
            throw new SyncException(file + " does not set $CFG->dataroot");
        }
        Path root = Path.of(dataroot);
        int dirs = integer("directorypermissions", MoodleFileStore.DEFAULT_DIRECTORY_PERMISSIONS);
        int files = integer("filepermissions", dirs & 0666);
        String filedir = string("filedir");
        String trashdir = string("trashdir");
        return new MoodleFileStore(root, filedir == null ? root.resolve("filedir") : Path.of(filedir),
                trashdir == null ? root.resolve("trashdir") : Path.of(trashdir), dirs & 07777, files & 07777);
    }

    /** Removes {@code //}, {@code #} and block comments outside string literals. */
    static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c) {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(text, i, j);
                i = j;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if ((c == '/' && i + 1 < n && text.charAt(i + 1) == '/') || c == '#') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
