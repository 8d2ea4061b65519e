package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.core.internal.read.Reads.bytes;
import static org.moodlesync.core.internal.read.Reads.concat;
import static org.moodlesync.core.internal.read.Reads.utf8;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.read.Reads.Drained;

class Rfc4180DialectTest {

    private static final CsvFormat RFC = CsvFormat.rfc4180();

    @Test
    void quotedValuesMayHoldTheSeparatorAndEscapedQuotes() {
        Drained read = Reads.readAll("name,desc,empty\n\"Doe, John\",\"a \"\"quoted\"\" word\",\"\"\n", RFC);
        assertThat(read.errors()).isEmpty();
        InputRow row = read.row(0);
        assertThat(row.values()).containsExactly("Doe, John", "a \"quoted\" word", "");
        assertThat(row.rawText()).isEqualTo("\"Doe, John\",\"a \"\"quoted\"\" word\",\"\"");
        assertThat(row.lineNumber()).isEqualTo(2);
    }

    @Test
    void aQuoteOnlyOpensAQuotedValueAtTheStartOfAValue() {
        Drained read = Reads.readAll("a,b\n5\" screen,\"\"\"\"\n", RFC);
        assertThat(read.row(0).values()).containsExactly("5\" screen", "\"");
    }

    @Test
    void aRecordMaySpanLinesAndKeepsItsStartLineAndOriginalText() {
        String text = "id,comment\n"          // 1
                + "1,\"first line\n"         // 2
                + "# not a comment\n"        // 3 inside quotes
                + "\n"                       // 4 inside quotes
                + "last line\"\n"            // 5
                + "\n"                       // 6 empty, skipped
                + "2,plain\n";               // 7
        Drained read = Reads.readAll(text, RFC.commentMarker('#'));
        assertThat(read.errors()).isEmpty();
        assertThat(read.rows()).hasSize(2);
        InputRow multi = read.row(0);
        assertThat(multi.lineNumber()).isEqualTo(2);
        assertThat(multi.values()).containsExactly("1", "first line\n# not a comment\n\nlast line");
        assertThat(multi.rawText()).isEqualTo("1,\"first line\n# not a comment\n\nlast line\"");
        assertThat(read.row(1).lineNumber()).isEqualTo(7);
        assertThat(read.row(1).values()).containsExactly("2", "plain");
    }

    @Test
    void embeddedLineEndingsAreKeptAsWritten() {
        Drained read = Reads.readAll("a,b\r\n1,\"x\r\ny\rz\"\r\n2,w\r\n", RFC);
        assertThat(read.row(0).values()).containsExactly("1", "x\r\ny\rz");
        assertThat(read.row(0).rawText()).isEqualTo("1,\"x\r\ny\rz\"");
        assertThat(read.row(1).lineNumber()).isEqualTo(5);
        assertThat(read.row(1).rawText()).isEqualTo("2,w");
    }

    @Test
    void fileFromDisk() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/read/courses-rfc4180.csv").toURI());
        try (CsvRowSource source = RowReaders.open(file, RFC)) {
            assertThat(source.header()).containsExactly("shortname", "fullname", "summary");
            Drained read = Reads.drain(source);
            assertThat(read.row(0).asMap()).containsEntry("fullname", "Chemistry, level 1")
                    .containsEntry("summary", "Atoms\r\nand \"molecules\"");
            assertThat(read.row(1).lineNumber()).isEqualTo(4);
            assertThat(read.row(1).values()).containsExactly("PHYS101", "Physics", "Forces");
        }
    }

    @Test
    void otherSeparators() {
        Drained semicolon = Reads.readAll("a;b\n\"x;y\";z,w\n", RFC.separator(';'));
        assertThat(semicolon.row(0).values()).containsExactly("x;y", "z,w");
        Drained tab = Reads.readAll("a\tb\n\"x\ty\"\tz\n", RFC.separator('\t'));
        assertThat(tab.row(0).values()).containsExactly("x\ty", "z");
    }

    @Test
    void headerFromTheFirstRecordQuotedOrNotAndTrimmed() {
        try (CsvRowSource source = Reads.open("\"user name\", email ,\"a,b\"\n1,2,3\n", RFC)) {
            assertThat(source.header()).containsExactly("user name", "email", "a,b");
            assertThat(source.headerLine()).isEqualTo(1);
            assertThat(source.headerText()).isEqualTo("\"user name\", email ,\"a,b\"");
        }
    }

    @Test
    void commentLinesOnlyWithACommentMarker() {
        String text = "a,b\n# note\n1,2\n";
        assertThat(Reads.readAll(text, RFC).rows()).extracting(r -> r.values().get(0)).containsExactly("# note", "1");
        assertThat(Reads.readAll(text, RFC.commentMarker('#')).rows()).extracting(InputRow::lineNumber)
                .containsExactly(3L);
    }

    @Test
    void emptyLinesAreIgnoredButCounted() {
        Drained read = Reads.readAll("\n\na,b\n\n1,2\n\n\n3,4", RFC);
        assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(5L, 8L);
    }

    @Test
    void byteOrderMarkIsStripped() {
        byte[] file = concat(bytes(0xEF, 0xBB, 0xBF), utf8("\"a\",b\n1,2\n"));
        try (CsvRowSource source = Reads.open(file, RFC)) {
            assertThat(source.header()).containsExactly("a", "b");
            assertThat(source.bomStripped()).isTrue();
        }
    }

    @Test
    void trimOption() {
        String text = "a,b,c\n  x , \"y\"  ,\" z \"\n";
        // Untrimmed, a quote after a space is an ordinary character (as in Commons CSV).
        assertThat(Reads.readAll(text, RFC).row(0).values()).containsExactly("  x ", " \"y\"  ", " z ");
        assertThat(Reads.readAll(text, RFC.trimValues(true)).row(0).values()).containsExactly("x", "y", "z");
    }

    @Test
    void withTrimmingASpaceBeforeAQuoteStillOpensAMultiLineValue() {
        String text = "a,b\n1, \"x\ny\"\n2,z\n";
        Drained trimmed = Reads.readAll(text, RFC.trimValues(true));
        assertThat(trimmed.rows()).extracting(InputRow::lineNumber).containsExactly(2L, 4L);
        assertThat(trimmed.row(0).values()).containsExactly("1", "x\ny");
        Drained untrimmed = Reads.readAll(text, RFC);
        assertThat(untrimmed.rows()).extracting(InputRow::lineNumber).containsExactly(2L, 3L, 4L);
        assertThat(untrimmed.row(0).values()).containsExactly("1", " \"x");
    }

    @Test
    void widerRowsAreDeliveredAsTheyAre() {
        InputRow row = Reads.readAll("a,b\n1,2,\"3\"\n", RFC).row(0);
        assertThat(row.values()).containsExactly("1", "2", "3");
        assertThat(row.values().size()).isGreaterThan(row.header().size());
    }

    @Test
    void textAfterAClosingQuoteFailsOnlyThatRecord() {
        Drained read = Reads.readAll("a,b\n1,\"x\"y\n3,4\n", RFC);
        assertThat(read.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(2);
            assertThat(e.rawText()).isEqualTo("1,\"x\"y");
            assertThat(e.getMessage()).startsWith("test.csv:2:2: text after the closing quote");
        });
        assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(3L);
    }

    @Test
    void aQuoteLeftOpenAtTheEndOfTheFileFailsThatRecord() {
        try (CsvRowSource source = Reads.open("a,b\n1,2\n3,\"open\n4,5\n", RFC)) {
            assertThat(source.next().values()).containsExactly("1", "2");
            assertThatThrownBy(source::next).isInstanceOfSatisfying(InputFormatException.class, e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.column()).isEqualTo(2);
                assertThat(e.rawText()).isEqualTo("3,\"open\n4,5");
                assertThat(e.getMessage()).contains("not closed at the end of the file");
            });
            assertThat(source.hasNext()).isFalse();
        }
    }

    @Test
    void malformedBytesOnTheSecondLineOfARecordFailThatRecord() {
        byte[] file = concat(utf8("a,b\n1,\"x\ny"), bytes(0xFF), utf8("\"\n2,ok\n"));
        Drained read = Reads.readAll(file, RFC);
        assertThat(read.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(2);
            assertThat(e.rawText()).isEqualTo("1,\"x\ny\uFFFD\"");
            assertThat(e.getMessage()).contains("(0xFF) at character 2 of line 3");
        });
        assertThat(read.rows()).extracting(InputRow::lineNumber).containsExactly(4L);
    }

    @Test
    void separatorEscapeAndStripQuotesAreOffButAvailable() {
        assertThat(Reads.readAll("a\nx&#44y\n", RFC).row(0).values()).containsExactly("x&#44y");
        assertThat(Reads.readAll("a\nx&#44y\n", RFC.separatorEscape("&#44")).row(0).values())
                .containsExactly("x,y");
    }

    @Test
    void emptyFileAndHeaderOnly() {
        try (CsvRowSource source = Reads.open("\n\n", RFC)) {
            assertThatThrownBy(source::header).hasMessageContaining("no header line");
        }
        try (CsvRowSource source = Reads.open("a,b\r\n", RFC)) {
            assertThat(source.header()).containsExactly("a", "b");
            assertThat(source.hasNext()).isFalse();
        }
    }
}
