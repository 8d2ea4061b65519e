package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.core.internal.read.Reads.bytes;
import static org.moodlesync.core.internal.read.Reads.concat;
import static org.moodlesync.core.internal.read.Reads.utf8;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.read.Reads.Drained;

class ToolSyncDialectTest {

    private static final CsvFormat TOOL_SYNC = CsvFormat.toolSync();

    @Test
    void readsSemicolonSeparatedLinesWithTheirLineNumbersAndRawText() {
        try (CsvRowSource source = Reads.open("username;firstname;lastname\njdoe;John;Doe\nasmith;Ann;Smith\n",
                TOOL_SYNC)) {
            assertThat(source.header()).containsExactly("username", "firstname", "lastname");
            assertThat(source.headerLine()).isEqualTo(1);
            assertThat(source.separator()).isEqualTo(';');
            assertThat(source.name()).isEqualTo("test.csv");
            Drained read = Reads.drain(source);
            assertThat(read.rows()).hasSize(2);
            InputRow first = read.row(0);
            assertThat(first.source()).isEqualTo("test.csv");
            assertThat(first.lineNumber()).isEqualTo(2);
            assertThat(first.rawText()).isEqualTo("jdoe;John;Doe");
            assertThat(first.values()).containsExactly("jdoe", "John", "Doe");
            assertThat(first.header()).containsExactly("username", "firstname", "lastname");
            assertThat(read.row(1).lineNumber()).isEqualTo(3);
            assertThat(read.row(1).value("lastname")).contains("Smith");
        }
    }

    @Test
    void commaSeparator() {
        Drained read = Reads.readAll("username,firstname\njdoe,John;Paul\n", TOOL_SYNC.separator(','));
        assertThat(read.row(0).values()).containsExactly("jdoe", "John;Paul");
    }

    @Test
    void tabSeparatorKeepsSpacesInsideValues() {
        try (CsvRowSource source = Reads.open("username\tfirstname\njdoe\t John Paul \n", TOOL_SYNC.separator('\t'))) {
            assertThat(source.header()).containsExactly("username", "firstname");
            assertThat(source.separator()).isEqualTo('\t');
            assertThat(Reads.drain(source).row(0).values()).containsExactly("jdoe", "John Paul");
        }
    }

    @Test
    void skipsCommentAndEmptyLinesExactlyLikeToolSync() {
        String text = String.join("\n",
                "# a comment",          // 1
                "(a note)",             // 2
                "",                     // 3
                "username;idnumber",    // 4 header
                "[section]",            // 5
                "jdoe;E1",              // 6
                "-jdoe2;E2",            // 7 skipped: tool_sync's rule, data or not
                "/jdoe3;E3",            // 8
                " jdoe4;E4",            // 9
                "\tjdoe5;E5",           // 10 a tab is not a comment character: data, trimmed
                "*jdoe6;E6",            // 11 data
                "jdoe7;E7") + "\n";     // 12
        try (CsvRowSource source = Reads.open(text, TOOL_SYNC)) {
            assertThat(source.header()).containsExactly("username", "idnumber");
            assertThat(source.headerLine()).isEqualTo(4);
            assertThat(source.headerText()).isEqualTo("username;idnumber");
            Drained read = Reads.drain(source);
            assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(6L, 10L, 11L, 12L);
            assertThat(read.rows()).extracting(r -> r.values().get(0))
                    .containsExactly("jdoe", "jdoe5", "*jdoe6", "jdoe7");
        }
    }

    @Test
    void skipsLinesOfOnlyWhitespace() {
        Drained read = Reads.readAll("a;b\n\t\n \t \n1;2\n", TOOL_SYNC);
        assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(4L);
        assertThat(read.errors()).isEmpty();
    }

    @Test
    void commentPrefixesCanBeChangedOrRemoved() {
        String text = "a;b\n//x;1\n/y;2\n#z;3\n";
        Drained custom = Reads.readAll(text, TOOL_SYNC.commentPrefixes("//"));
        assertThat(custom.rows()).extracting(r -> r.values().get(0)).containsExactly("/y", "#z");
        Drained none = Reads.readAll(text, TOOL_SYNC.noComments());
        assertThat(none.rows()).extracting(r -> r.values().get(0)).containsExactly("//x", "/y", "#z");
    }

    @Test
    void stripsAUtf8ByteOrderMark() {
        byte[] file = concat(bytes(0xEF, 0xBB, 0xBF), utf8("username;firstname\njdoe;Zoë\n"));
        try (CsvRowSource source = Reads.open(file, TOOL_SYNC)) {
            assertThat(source.header()).containsExactly("username", "firstname");
            assertThat(source.header().get(0)).hasSize(8);
            assertThat(source.bomStripped()).isTrue();
            assertThat(Reads.drain(source).row(0).values()).containsExactly("jdoe", "Zoë");
        }
    }

    @Test
    void aByteOrderMarkBeforeACommentLineIsStrippedToo() {
        byte[] file = concat(bytes(0xEF, 0xBB, 0xBF), utf8("# comment\nusername\njdoe\n"));
        try (CsvRowSource source = Reads.open(file, TOOL_SYNC)) {
            assertThat(source.header()).containsExactly("username");
            assertThat(source.headerLine()).isEqualTo(2);
        }
    }

    @Test
    void aUtf8ByteOrderMarkInAFileReadAsIso88591FailsTheFileClearly() {
        byte[] file = concat(bytes(0xEF, 0xBB, 0xBF), utf8("username\njdoe\n"));
        try (CsvRowSource source = Reads.open(file, TOOL_SYNC.encoding(StandardCharsets.ISO_8859_1))) {
            assertThatThrownBy(source::header)
                    .isInstanceOf(InputFormatException.class)
                    .hasMessageContaining("UTF-8 byte order mark")
                    .hasMessageContaining("ISO-8859-1");
            assertThatThrownBy(source::hasNext).isInstanceOf(InputFormatException.class);
            assertThatThrownBy(source::next).isInstanceOf(InputFormatException.class);
        }
    }

    @ParameterizedTest(name = "line ending {0}")
    @ValueSource(strings = {"LF", "CRLF", "CR"})
    void everyLineEndingWorks(String ending) {
        String eol = switch (ending) {
            case "LF" -> "\n";
            case "CRLF" -> "\r\n";
            default -> "\r";
        };
        String text = "a;b" + eol + "1;2" + eol + eol + "3;4" + eol;
        Drained read = Reads.readAll(text, TOOL_SYNC);
        assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(2L, 4L);
        assertThat(read.rows()).extracting(InputRow::rawText).containsExactly("1;2", "3;4");
        assertThat(read.row(1).values()).containsExactly("3", "4");
    }

    @Test
    void mixedLineEndingsInOneFile() {
        Drained read = Reads.readAll("a;b\r\n1;2\n3;4\r5;6\r\n\n7;8", TOOL_SYNC);
        assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(2L, 3L, 4L, 6L);
        assertThat(read.rows()).extracting(InputRow::rawText).containsExactly("1;2", "3;4", "5;6", "7;8");
    }

    @Test
    void iso88591IsDecodedOnceOnly() {
        byte[] file = "username;firstname;department\njdoe;René;Biologie végétale\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(file).hasSize(58); // one byte per accented letter: really ISO-8859-1 (UTF-8: 61)
        Drained read = Reads.readAll(file, TOOL_SYNC.encoding(StandardCharsets.ISO_8859_1));
        assertThat(read.row(0).values()).containsExactly("jdoe", "René", "Biologie végétale");
        assertThat(read.row(0).rawText()).isEqualTo("jdoe;René;Biologie végétale");
    }

    @Test
    void iso88591FileFromDisk() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/read/users-iso-8859-1.csv").toURI());
        try (CsvRowSource source = RowReaders.open(file, TOOL_SYNC.encoding(StandardCharsets.ISO_8859_1))) {
            assertThat(source.name()).isEqualTo("users-iso-8859-1.csv");
            assertThat(source.headerLine()).isEqualTo(2);
            InputRow row = Reads.drain(source).row(0);
            assertThat(row.asMap()).containsEntry("firstname", "René").containsEntry("lastname", "Müller")
                    .containsEntry("department", "Biologie végétale");
            assertThat(row.lineNumber()).isEqualTo(3);
        }
    }

    @Test
    void utf8FileWithByteOrderMarkAndCrlfFromDisk() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/read/users-utf8-bom-crlf.csv").toURI());
        try (CsvRowSource source = RowReaders.open(file, TOOL_SYNC)) {
            assertThat(source.header()).containsExactly("username", "firstname", "lastname", "department");
            InputRow row = Reads.drain(source).row(0);
            assertThat(row.values()).containsExactly("jdoe", "René", "Müller", "Biologie végétale");
            assertThat(row.rawText()).doesNotContain("\r");
        }
    }

    @Test
    void utf8WithCharactersOfEverySize() {
        Drained read = Reads.readAll("name;city;note\nZoë;Zürich €;李 😀\n", TOOL_SYNC);
        assertThat(read.row(0).values()).containsExactly("Zoë", "Zürich €", "李 😀");
    }

    @Test
    void aOneMegabyteLineIsOneLine() {
        String big = "x".repeat(1024 * 1024);
        Drained read = Reads.readAll("description;code\n" + big + ";end\nsmall;2\n", TOOL_SYNC);
        assertThat(read.rows()).hasSize(2);
        assertThat(read.row(0).values().get(0)).hasSize(1024 * 1024);
        assertThat(read.row(0).values().get(1)).isEqualTo("end");
        assertThat(read.row(1).lineNumber()).isEqualTo(3);
        assertThat(read.row(1).values()).containsExactly("small", "2");
    }

    @Test
    void theSeparatorEscapeStandsForTheSeparator() {
        Drained semicolon = Reads.readAll("name;address\njdoe;1&#44 Main Street&#44\n", TOOL_SYNC);
        assertThat(semicolon.row(0).values()).containsExactly("jdoe", "1; Main Street;");
        Drained comma = Reads.readAll("name,address\njdoe,1&#44 Main Street\n", TOOL_SYNC.separator(','));
        assertThat(comma.row(0).values()).containsExactly("jdoe", "1, Main Street");
        Drained off = Reads.readAll("name;address\njdoe;1&#44 Main Street\n", TOOL_SYNC.separatorEscape(null));
        assertThat(off.row(0).values()).containsExactly("jdoe", "1&#44 Main Street");
        Drained other = Reads.readAll("name;address\njdoe;a&#59b\n", TOOL_SYNC.separatorEscape("&#59"));
        assertThat(other.row(0).values()).containsExactly("jdoe", "a;b");
    }

    @Test
    void theSeparatorEscapeDoesNotTouchTheHeader() {
        try (CsvRowSource source = Reads.open("a&#44b;c\n1;2\n", TOOL_SYNC)) {
            assertThat(source.header()).containsExactly("a&#44b", "c");
        }
    }

    @Test
    void stripQuotesRemovesOneLeadingAndOneTrailingQuoteAfterTrimming() {
        String text = "\"shortname\";fullname\n\t\"CHEM101\" ;\"\"Chem\"\"\n";
        Drained kept = Reads.readAll(text, TOOL_SYNC);
        assertThat(kept.row(0).values()).containsExactly("\"CHEM101\"", "\"\"Chem\"\"");
        try (CsvRowSource source = Reads.open(text, TOOL_SYNC.stripQuotes(true))) {
            assertThat(source.header()).containsExactly("shortname", "fullname");
            assertThat(Reads.drain(source).row(0).values()).containsExactly("CHEM101", "\"Chem\"");
        }
    }

    @Test
    void valuesAreTrimmedLikePhpUnlessAskedNot() {
        // (A line starting with a space would be a comment line: the first value starts with a tab.)
        String text = "a;b\n\t 1 ;  2\u000B\n";
        assertThat(Reads.readAll(text, TOOL_SYNC).row(0).values()).containsExactly("1", "2");
        assertThat(Reads.readAll(text, TOOL_SYNC.trimValues(false)).row(0).values())
                .containsExactly("\t 1 ", "  2\u000B");
        // A non-breaking space is not whitespace to PHP's trim.
        assertThat(Reads.readAll("a\n\u00A0x\u00A0\n", TOOL_SYNC).row(0).values()).containsExactly("\u00A0x\u00A0");
    }

    @Test
    void headerNamesAreTrimmed() {
        try (CsvRowSource source = Reads.open("\tusername ; firstname\t;lastname \n", TOOL_SYNC)) {
            assertThat(source.header()).containsExactly("username", "firstname", "lastname");
        }
    }

    @Test
    void emptyValuesAreKeptAlsoAtTheEndAndWiderRowsAreDeliveredAsTheyAre() {
        Drained read = Reads.readAll("a;b\n1;\n;\n1;2;3;\nonly\n", TOOL_SYNC);
        assertThat(read.errors()).isEmpty();
        assertThat(read.row(0).values()).containsExactly("1", "");
        assertThat(read.row(1).values()).containsExactly("", "");
        InputRow wide = read.row(2);
        assertThat(wide.values()).containsExactly("1", "2", "3", "");
        assertThat(wide.values().size()).isGreaterThan(wide.header().size());
        InputRow narrow = read.row(3);
        assertThat(narrow.values()).containsExactly("only");
        assertThat(narrow.value("b")).isEmpty();
    }

    @Test
    void aMalformedByteSequenceFailsOnlyItsLine() {
        byte[] file = concat(
                utf8("username;firstname\n"),          // 1
                utf8("jdoe;John\n"),                   // 2
                utf8("bad;Ren"), bytes(0xE9), utf8("e\n"), // 3: ISO-8859-1 'é' in a UTF-8 file
                utf8("next;Ann\n"),                    // 4
                utf8("last;Bob\n"));                   // 5
        try (CsvRowSource source = Reads.open(file, TOOL_SYNC)) {
            assertThat(source.next().lineNumber()).isEqualTo(2);
            assertThat(source.hasNext()).isTrue();
            assertThatThrownBy(source::next)
                    .isInstanceOfSatisfying(InputFormatException.class, e -> {
                        assertThat(e.source()).isEqualTo("test.csv");
                        assertThat(e.line()).isEqualTo(3);
                        assertThat(e.column()).isEqualTo(2);
                        assertThat(e.rawText()).isEqualTo("bad;Ren\uFFFDe");
                        assertThat(e.getMessage()).startsWith("test.csv:3:2: malformed UTF-8 byte sequence (0xE9)")
                                .contains("character 8");
                    });
            Drained rest = Reads.drain(source);
            assertThat(rest.errors()).isEmpty();
            assertThat(rest.rows()).extracting(InputRow::lineNumber).containsExactly(4L, 5L);
            assertThat(rest.row(0).values()).containsExactly("next", "Ann");
        }
    }

    @Test
    void aTruncatedSequenceAtTheEndOfTheFileFailsTheLastLine() {
        byte[] file = concat(utf8("a\nok\nbad"), bytes(0xC3));
        Drained read = Reads.readAll(file, TOOL_SYNC);
        assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(2L);
        assertThat(read.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).contains("0xC3");
        });
    }

    @Test
    void malformedBytesInACommentLineDoNoHarm() {
        byte[] file = concat(utf8("a\n# caf"), bytes(0xE9), utf8("\nx\n"));
        Drained read = Reads.readAll(file, TOOL_SYNC);
        assertThat(read.errors()).isEmpty();
        assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(3L);
    }

    @Test
    void malformedBytesInTheHeaderFailTheFile() {
        byte[] file = concat(utf8("# c\nuser"), bytes(0xFF), utf8("name\nx\n"));
        try (CsvRowSource source = Reads.open(file, TOOL_SYNC)) {
            assertThatThrownBy(source::header)
                    .isInstanceOfSatisfying(InputFormatException.class, e -> {
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.getMessage()).contains("header line: malformed UTF-8");
                    });
            assertThatThrownBy(source::hasNext).isInstanceOf(InputFormatException.class);
        }
    }

    @Test
    void anEmptyFileHasNoHeader() {
        try (CsvRowSource source = Reads.open("", TOOL_SYNC)) {
            assertThatThrownBy(source::header)
                    .isInstanceOfSatisfying(InputFormatException.class, e -> {
                        assertThat(e.line()).isZero();
                        assertThat(e.getMessage()).isEqualTo("test.csv: file is empty (no header line)");
                    });
            assertThatThrownBy(source::hasNext).isInstanceOf(InputFormatException.class)
                    .hasMessageContaining("file is empty");
        }
    }

    @Test
    void aFileOfOnlyAByteOrderMarkIsEmpty() {
        try (CsvRowSource source = Reads.open(bytes(0xEF, 0xBB, 0xBF), TOOL_SYNC)) {
            assertThatThrownBy(source::header).hasMessageContaining("file is empty (no header line)");
        }
    }

    @Test
    void aFileOfOnlyCommentsHasNoHeader() {
        try (CsvRowSource source = Reads.open("# nothing here\n\n", TOOL_SYNC)) {
            assertThatThrownBy(source::header).isInstanceOf(InputFormatException.class)
                    .hasMessageContaining("no header line (only empty or comment lines)");
        }
    }

    @Test
    void aHeaderWithoutDataGivesNoRows() {
        try (CsvRowSource source = Reads.open("username;firstname\n# end\n", TOOL_SYNC)) {
            assertThat(source.hasNext()).isFalse();
            assertThat(source.header()).containsExactly("username", "firstname");
            assertThatThrownBy(source::next).isInstanceOf(NoSuchElementException.class);
        }
        try (CsvRowSource source = Reads.open("username", TOOL_SYNC)) {
            assertThat(source.header()).containsExactly("username");
            assertThat(source.hasNext()).isFalse();
        }
    }

    @Test
    void filesWithoutHeaderLineUseTheGivenColumns() {
        CsvFormat check = TOOL_SYNC.headerRequired(false).columns("shortname", "description");
        try (CsvRowSource source = Reads.open("CHEM101\n# comment\nPHYS101;Physics\n", check)) {
            assertThat(source.header()).containsExactly("shortname", "description");
            assertThat(source.headerLine()).isZero();
            assertThat(source.headerText()).isNull();
            Drained read = Reads.drain(source);
            assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(1L, 3L);
            assertThat(read.row(0).asMap()).containsExactly(java.util.Map.entry("shortname", "CHEM101"));
            assertThat(read.row(1).value("description")).contains("Physics");
        }
        assertThat(Reads.readAll("", check).rows()).isEmpty();
    }

    @Test
    void inconsistentHeaderOptionsAreRefusedWhenOpening() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]);
        assertThatThrownBy(() -> RowReaders.open(in, "x", TOOL_SYNC.headerRequired(false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns(...)");
        assertThatThrownBy(() -> RowReaders.open(in, "x", TOOL_SYNC.columns("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("headerRequired(false)");
    }

    @Test
    void theSeparatorCanBeGuessedFromTheHeader() {
        try (CsvRowSource source = Reads.open("username,firstname\njdoe,John&#44 Jr\n", TOOL_SYNC.autoSeparator())) {
            assertThat(source.separator()).isEqualTo(',');
            assertThat(source.header()).containsExactly("username", "firstname");
            assertThat(Reads.drain(source).row(0).values()).containsExactly("jdoe", "John, Jr");
        }
        try (CsvRowSource source = Reads.open("a\tb\tc\n", TOOL_SYNC.autoSeparator())) {
            assertThat(source.header()).containsExactly("a", "b", "c");
        }
        try (CsvRowSource source = Reads.open("username\njdoe\n", TOOL_SYNC.autoSeparator())) {
            assertThat(source.separator()).isEqualTo(';');
        }
        try (CsvRowSource source = Reads.open("a;b,c\n", TOOL_SYNC.autoSeparator())) {
            assertThat(source.separator()).as("tie: the configured separator wins").isEqualTo(';');
        }
    }

    @Test
    void closeClosesTheStreamAndEndsTheRows() {
        Reads.CloseTracking in = new Reads.CloseTracking(new ByteArrayInputStream(utf8("a\n1\n2\n")));
        CsvRowSource source = RowReaders.open(in, "s", TOOL_SYNC);
        assertThat(source.next().values()).containsExactly("1");
        source.close();
        assertThat(in.closed).isTrue();
        assertThat(source.hasNext()).isFalse();
        source.close();
    }

    @Test
    void aMissingFileFailsWhenOpening() {
        assertThatThrownBy(() -> RowReaders.open(Path.of("/nonexistent/users.csv"), TOOL_SYNC))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("users.csv");
    }

    @Test
    void rowsAreTheSameWhetherReadAtOnceOrOneByteAtATime() {
        byte[] file = concat(utf8("a;b\r\n1;é\r"), bytes(0xE9), utf8("\r\n3;ü\n\r\n4;€"));
        List<Object> whole = Reads.readAll(file, TOOL_SYNC).sequence();
        List<Object> trickled = Reads.drain(RowReaders.open(new Reads.Trickle(file), "test.csv", TOOL_SYNC))
                .sequence();
        assertThat(trickled).hasSize(4);
        assertThat(trickled).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            if (whole.get(i) instanceof InputRow row) {
                assertThat(trickled.get(i)).isEqualTo(row);
            } else {
                InputFormatException e = (InputFormatException) whole.get(i);
                assertThat(trickled.get(i)).isInstanceOfSatisfying(InputFormatException.class,
                        t -> assertThat(t.getMessage()).isEqualTo(e.getMessage()));
            }
        }
        assertThat(whole.get(1)).isInstanceOfSatisfying(InputFormatException.class,
                e -> assertThat(e.line()).isEqualTo(3));
        assertThat(((InputRow) whole.get(2)).lineNumber()).isEqualTo(4);
        assertThat(((InputRow) whole.get(3)).lineNumber()).isEqualTo(6);
    }
}
