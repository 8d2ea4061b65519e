package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.source.InputRow;

/** Large inputs are read as a stream: rows come out while most of the input has not been produced yet. */
class StreamingTest {

    private static final int LINES = 200_000;

    /** Generates a users file line by line as it is read; never holds more than one line. */
    static final class GeneratedUsers extends InputStream {
        private final int lines;
        private final boolean rfc;
        private int next = -1;
        private byte[] current = new byte[0];
        private int at;
        long delivered;

        GeneratedUsers(int lines, boolean rfc) {
            this.lines = lines;
            this.rfc = rfc;
        }

        private boolean advance() {
            if (at < current.length) {
                return true;
            }
            if (next >= lines) {
                return false;
            }
            String line;
            if (next < 0) {
                line = rfc ? "username,firstname,description\r\n" : "username;firstname;lastname\n";
            } else if (rfc) {
                line = "user" + next + ",\"First, " + next + "\",\"two\r\nlines\"\r\n";
            } else {
                line = "user" + next + ";First" + next + ";Last" + next + "\n";
            }
            next++;
            current = line.getBytes(StandardCharsets.UTF_8);
            at = 0;
            return true;
        }

        @Override
        public int read() {
            if (!advance()) {
                return -1;
            }
            delivered++;
            return current[at++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len && advance()) {
                int chunk = Math.min(len - n, current.length - at);
                System.arraycopy(current, at, b, off + n, chunk);
                at += chunk;
                n += chunk;
            }
            delivered += n;
            return n == 0 ? -1 : n;
        }
    }

    @Test
    void twoHundredThousandToolSyncLinesAreStreamed() {
        GeneratedUsers in = new GeneratedUsers(LINES, false);
        try (CsvRowSource source = RowReaders.open(in, "big.csv", CsvFormat.toolSync())) {
            InputRow first = source.next();
            assertThat(first.values()).containsExactly("user0", "First0", "Last0");
            // Roughly 5.8 MB are generated in all; the first row must not need more than the first buffers.
            assertThat(in.delivered).isLessThan(256 * 1024);
            long count = 1;
            InputRow last = first;
            while (source.hasNext()) {
                last = source.next();
                count++;
            }
            assertThat(count).isEqualTo(LINES);
            assertThat(last.lineNumber()).isEqualTo(LINES + 1);
            assertThat(last.values()).containsExactly("user199999", "First199999", "Last199999");
            assertThat(in.delivered).isGreaterThan(5_000_000);
        }
    }

    @Test
    void twoHundredThousandMultiLineRfc4180RecordsAreStreamed() {
        GeneratedUsers in = new GeneratedUsers(LINES, true);
        try (CsvRowSource source = RowReaders.open(in, "big.csv", CsvFormat.rfc4180())) {
            InputRow first = source.next();
            assertThat(first.values()).containsExactly("user0", "First, 0", "two\r\nlines");
            assertThat(in.delivered).isLessThan(256 * 1024);
            long count = 1;
            InputRow last = first;
            while (source.hasNext()) {
                last = source.next();
                count++;
            }
            assertThat(count).isEqualTo(LINES);
            // Each record takes two physical lines after the one-line header.
            assertThat(last.lineNumber()).isEqualTo(2L * (LINES - 1) + 2);
            assertThat(last.rawText()).isEqualTo("user199999,\"First, 199999\",\"two\r\nlines\"");
        }
    }
}
