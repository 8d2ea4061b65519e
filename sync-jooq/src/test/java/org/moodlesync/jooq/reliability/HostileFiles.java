package org.moodlesync.jooq.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A corpus of hostile command files made from a kind's sample (its header and first good line): wrong headers,
 * bad encodings and byte order marks, line endings, empty and binary files (whole-file cases), and for every column
 * a file of lines each carrying one bad value in that column (per-line cases).
 */
public final class HostileFiles {

    /** What a case must give. */
    public enum Expect {
        /** The run fails as a whole (status FAILED) with an error naming the file; nothing written. */
        FILE_ERROR,
        /** Every line either succeeds or fails alone with its location; the bad value's column when it is one. */
        LINE_ERRORS,
        /** Every line succeeds (hostile in form only: BOM, mixed line endings). */
        ALL_SUCCEED
    }

    /**
     * One hostile file.
     *
     * @param name    what it is
     * @param content its bytes
     * @param expect  what the run must give
     * @param column  the 1-based column whose values are bad (per-line cases), or 0
     */
    public record Case(String name, byte[] content, Expect expect, int column) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String MB = "x".repeat(1 << 20);

    /** Bad values, tried in every column. */
    public static final List<String> BAD_VALUES = List.of(
            "", " ", "x".repeat(3), "x".repeat(16), "x".repeat(21), "x".repeat(31), "x".repeat(46), "x".repeat(51),
            "x".repeat(101), "x".repeat(121), "x".repeat(256), "x".repeat(1334), "x".repeat(70_000), MB,
            "é".repeat(101), "😀".repeat(60), "e\u0301".repeat(60),
            "a\u0000b", "\u0001", "tab\there", "del\u007f", "\u202Eevil", "\uFEFFbom", "\u00A0nbsp\u00A0",
            "'; DROP TABLE mdl_user; --", "\" OR 1=1 --", "\\", "\\'", "%_", "‘’“”", "<script>alert(1)</script>",
            "not-an-email", "a@b@c", "@example.org", "user@", "x@example.org\n",
            "-1", "0", "1", "2", "3", "99999999999999999999", "1e3", "0x10", "1.5", "１", "NaN",
            "2024-02-30", "31/12/1969", "-62135596800", "9999-12-31T23:59:59Z",
            "*NOPASS*", "$6$rounds=5000$salt$hash", "$2y$10$" + "a".repeat(53), "&#44", "&#44;x",
            "null", "NULL", "undefined", "#comment", "- dash", "/slash", "(paren", "[bracket");

    private HostileFiles() {
    }

    /** The whole-file cases of a kind's sample. */
    public static List<Case> wholeFile(Kinds.Kind kind) {
        if (kind.headerless()) {
            return headerless(kind);
        }
        String header = kind.header();
        List<String> columns = kind.columns();
        String good = String.join("\n", kind.lines()) + "\n";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty file", new byte[0], Expect.FILE_ERROR, 0));
        cases.add(new Case("only a byte order mark", bytes("\uFEFF"), Expect.FILE_ERROR, 0));
        cases.add(new Case("only blank and comment lines", bytes("\n   \n# comment\n\r\n"), Expect.FILE_ERROR, 0));
        cases.add(new Case("unknown column", bytes(header + ";nosuchcolumn\n" + good), Expect.FILE_ERROR, 0));
        cases.add(new Case("duplicated column", bytes(header + ";" + columns.get(0) + "\n" + good),
                Expect.FILE_ERROR, 0));
        cases.add(new Case("column in upper case", bytes(header.toUpperCase() + "\n" + good), Expect.FILE_ERROR, 0));
        cases.add(new Case("empty column name", bytes(header + ";\n" + good), Expect.FILE_ERROR, 0));
        if (columns.size() > 1) {
            cases.add(new Case("header with another separator", bytes(String.join(",", columns) + "\n" + good),
                    Expect.FILE_ERROR, 0));
        }
        cases.add(new Case("header only", bytes(header + "\n"), Expect.ALL_SUCCEED, 0));
        cases.add(new Case("UTF-16 with its byte order mark",
                concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, (header + "\n" + good).getBytes(StandardCharsets.UTF_16BE)),
                Expect.FILE_ERROR, 0));
        cases.add(new Case("UTF-8 byte order mark", bytes("\uFEFF" + header + "\n" + good), Expect.ALL_SUCCEED, 0));
        cases.add(new Case("mixed line endings", bytes(header + "\r\n" + mixedEndings(kind.lines())),
                Expect.ALL_SUCCEED, 0));
        cases.add(new Case("no line ending at the end", bytes(header + "\n" + good.stripTrailing()),
                Expect.ALL_SUCCEED, 0));
        cases.add(new Case("binary junk", junk(4096, 1), Expect.FILE_ERROR, 0));
        cases.add(new Case("header then binary junk", concat(bytes(header + "\n"), junk(4096, 2)),
                Expect.LINE_ERRORS, 0));
        cases.add(new Case("ISO-8859-1 bytes in a UTF-8 file",
                concat(bytes(header + "\n"), (kind.lines().get(0).replaceFirst(";", "é;") + "\n")
                        .getBytes(StandardCharsets.ISO_8859_1)), Expect.LINE_ERRORS, 0));
        cases.add(new Case("a 1 MB line of one value", bytes(header + "\n" + MB + "\n"), Expect.LINE_ERRORS, 0));
        cases.add(new Case("a line with too many values", bytes(header + "\n" + kind.lines().get(0) + ";extra;x\n"),
                Expect.LINE_ERRORS, 0));
        cases.add(new Case("a line with too few values", bytes(header + "\n" + columnsCut(kind.lines().get(0)) + "\n"),
                Expect.LINE_ERRORS, 0));
        return cases;
    }

    /** For every column: a file whose lines are the first sample line with one bad value in that column. */
    public static List<Case> perColumn(Kinds.Kind kind) {
        List<Case> cases = new ArrayList<>();
        List<String> columns = kind.columns();
        String[] first = kind.lines().get(0).split(";", -1);
        for (int c = 0; c < columns.size(); c++) {
            StringBuilder file = new StringBuilder(kind.headerless() ? "" : kind.header() + "\n");
            for (String bad : BAD_VALUES) {
                if (bad.contains("\n") || bad.contains(";")) {
                    continue; // these change the line's shape: the whole-file cases and the fuzz have them
                }
                String[] values = first.clone();
                values[c] = bad;
                file.append(String.join(";", values)).append('\n');
            }
            cases.add(new Case("bad values in column " + columns.get(c), bytes(file.toString()), Expect.LINE_ERRORS,
                    c + 1));
        }
        return cases;
    }

    /**
     * The whole-file cases of a file without header (its columns are fixed): no line is not an error there (nothing
     * to do), and what a header case would be is a line of its own.
     */
    private static List<Case> headerless(Kinds.Kind kind) {
        String good = String.join("\n", kind.lines()) + "\n";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty file", new byte[0], Expect.ALL_SUCCEED, 0));
        cases.add(new Case("only a byte order mark", bytes("\uFEFF"), Expect.ALL_SUCCEED, 0));
        cases.add(new Case("only blank and comment lines", bytes("\n   \n# comment\n\r\n"), Expect.ALL_SUCCEED, 0));
        cases.add(new Case("a header line", bytes(kind.header() + "\n" + good), Expect.LINE_ERRORS, 0));
        cases.add(new Case("UTF-16 with its byte order mark",
                concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, good.getBytes(StandardCharsets.UTF_16BE)),
                Expect.LINE_ERRORS, 0));
        cases.add(new Case("UTF-8 byte order mark", bytes("\uFEFF" + good), Expect.ALL_SUCCEED, 0));
        cases.add(new Case("mixed line endings", bytes(mixedEndings(kind.lines())), Expect.ALL_SUCCEED, 0));
        cases.add(new Case("no line ending at the end", bytes(good.stripTrailing()), Expect.ALL_SUCCEED, 0));
        cases.add(new Case("binary junk", junk(4096, 1), Expect.LINE_ERRORS, 0));
        cases.add(new Case("ISO-8859-1 bytes in a UTF-8 file", (kind.lines().get(0) + "é\n")
                .getBytes(StandardCharsets.ISO_8859_1), Expect.LINE_ERRORS, 0));
        cases.add(new Case("a 1 MB line of one value", bytes(MB + "\n"), Expect.LINE_ERRORS, 0));
        cases.add(new Case("a line with too many values", bytes(kind.lines().get(0) + ";extra;x;y\n"),
                Expect.LINE_ERRORS, 0));
        return cases;
    }

    private static String mixedEndings(List<String> lines) {
        String[] endings = {"\n", "\r\n", "\r"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(endings[i % 3]);
        }
        return sb.toString();
    }

    private static String columnsCut(String line) {
        int cut = line.lastIndexOf(';');
        return cut > 0 ? line.substring(0, cut) : line;
    }

    static byte[] junk(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
