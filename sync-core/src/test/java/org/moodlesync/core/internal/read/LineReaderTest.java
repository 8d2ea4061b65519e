package org.moodlesync.core.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.core.internal.read.Reads.bytes;
import static org.moodlesync.core.internal.read.Reads.concat;
import static org.moodlesync.core.internal.read.Reads.utf8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<LineReader.Line> lines(InputStream in, Charset charset) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(in, charset)) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void lineEndingsAreReportedExactlyEvenWhenSplitAcrossReads() throws IOException {
        byte[] text = utf8("a\r\nb\rc\n\r\nd");
        for (InputStream in : List.of(new ByteArrayInputStream(text), new Reads.Trickle(text))) {
            List<LineReader.Line> lines = lines(in, StandardCharsets.UTF_8);
            assertThat(lines).extracting(LineReader.Line::text).containsExactly("a", "b", "c", "", "d");
            assertThat(lines).extracting(LineReader.Line::terminator).containsExactly("\r\n", "\r", "\n", "\r\n", "");
            assertThat(lines).extracting(LineReader.Line::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aCrlfOnTheBoundaryOfTheCharBuffer() throws IOException {
        // 65,535 chars then CR: the CR is the last char of the first 64K buffer, its LF the first of the next.
        byte[] text = concat(utf8("x".repeat(64 * 1024 - 1)), utf8("\r\nnext\n"));
        List<LineReader.Line> lines = lines(new ByteArrayInputStream(text), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).terminator()).isEqualTo("\r\n");
        assertThat(lines.get(1).text()).isEqualTo("next");
        assertThat(lines.get(1).number()).isEqualTo(2);
    }

    @Test
    void multiByteCharactersSplitAcrossReadsDecodeOnce() throws IOException {
        byte[] text = utf8("é;ü;€;😀\n");
        List<LineReader.Line> lines = lines(new Reads.Trickle(text), StandardCharsets.UTF_8);
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.text()).isEqualTo("é;ü;€;😀");
            assertThat(l.malformed()).isFalse();
        });
    }

    @Test
    void malformedSequencesAreFlaggedOnTheirLineWithTheirPosition() throws IOException {
        byte[] text = concat(utf8("ok\nab"), bytes(0xC3, 0x28), utf8("c"), bytes(0xFF), utf8("\nfine\n"));
        for (InputStream in : List.of(new ByteArrayInputStream(text), new Reads.Trickle(text))) {
            List<LineReader.Line> lines = lines(in, StandardCharsets.UTF_8);
            assertThat(lines).extracting(LineReader.Line::malformed).containsExactly(false, true, false);
            LineReader.Line bad = lines.get(1);
            assertThat(bad.text()).isEqualTo("ab\uFFFD(c\uFFFD");
            assertThat(bad.malformedAt()).isEqualTo(2);
            assertThat(bad.malformedBytes()).isEqualTo("0xC3");
            assertThat(lines.get(2).text()).isEqualTo("fine");
        }
    }

    @Test
    void malformedSequenceAfterTheFirstBufferIsOnTheRightLine() throws IOException {
        byte[] text = concat(utf8(("y".repeat(99) + "\n").repeat(1000)), bytes(0x80), utf8("\nlast\n"));
        List<LineReader.Line> lines = lines(new ByteArrayInputStream(text), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1002);
        assertThat(lines.stream().filter(LineReader.Line::malformed)).singleElement()
                .satisfies(l -> {
                    assertThat(l.number()).isEqualTo(1001);
                    assertThat(l.malformedAt()).isZero();
                });
    }

    @Test
    void iso88591NeverFails() throws IOException {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) (i == '\n' || i == '\r' ? ' ' : i);
        }
        List<LineReader.Line> lines = lines(new ByteArrayInputStream(all), StandardCharsets.ISO_8859_1);
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.malformed()).isFalse();
            assertThat(l.text()).hasSize(256);
            assertThat(l.text().charAt(0xE9)).isEqualTo('é');
        });
    }

    @Test
    void byteOrderMarks() throws IOException {
        try (LineReader utf8 = new LineReader(new ByteArrayInputStream(concat(bytes(0xEF, 0xBB, 0xBF),
                utf8("a\n"))), StandardCharsets.UTF_8)) {
            assertThat(utf8.next().text()).isEqualTo("a");
            assertThat(utf8.bomStripped()).isTrue();
        }
        byte[] utf16 = concat(bytes(0xFF, 0xFE), "a;b\n".getBytes(StandardCharsets.UTF_16LE));
        try (LineReader reader = new LineReader(new ByteArrayInputStream(utf16), StandardCharsets.UTF_16LE)) {
            assertThat(reader.next().text()).isEqualTo("a;b");
            assertThat(reader.bomStripped()).isTrue();
        }
        try (LineReader latin = new LineReader(new ByteArrayInputStream(concat(bytes(0xEF, 0xBB, 0xBF),
                utf8("a\n"))), StandardCharsets.ISO_8859_1)) {
            assertThatThrownBy(latin::next).isInstanceOf(LineReader.Utf8BomMismatch.class);
        }
        try (LineReader none = new LineReader(new ByteArrayInputStream(utf8("\u00EFa\n")),
                StandardCharsets.UTF_8)) {
            assertThat(none.next().text()).isEqualTo("\u00EFa");
            assertThat(none.bomStripped()).isFalse();
        }
    }

    @Test
    void emptyStreamAndFinalLineWithoutEnding() throws IOException {
        assertThat(lines(new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_8)).isEmpty();
        assertThat(lines(new ByteArrayInputStream(utf8("\n")), StandardCharsets.UTF_8))
                .extracting(LineReader.Line::text).containsExactly("");
        assertThat(lines(new ByteArrayInputStream(utf8("a\nb")), StandardCharsets.UTF_8))
                .extracting(LineReader.Line::text).containsExactly("a", "b");
    }
}
