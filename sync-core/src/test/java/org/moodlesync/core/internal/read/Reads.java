package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.source.InputRow;

/** Test helpers: open text or bytes, and drain a source into rows and line errors. */
final class Reads {

    private Reads() {
    }

    static CsvRowSource open(String utf8Text, CsvFormat format) {
        return open(utf8Text.getBytes(StandardCharsets.UTF_8), format);
    }

    static CsvRowSource open(byte[] bytes, CsvFormat format) {
        return RowReaders.open(new ByteArrayInputStream(bytes), "test.csv", format);
    }

    /** Everything a source delivers: rows and the line-level errors thrown between them, in order. */
    record Drained(List<InputRow> rows, List<InputFormatException> errors, List<Object> sequence) {

        InputRow row(int index) {
            return rows.get(index);
        }
    }

    static Drained drain(CsvRowSource source) {
        List<InputRow> rows = new ArrayList<>();
        List<InputFormatException> errors = new ArrayList<>();
        List<Object> sequence = new ArrayList<>();
        while (source.hasNext()) {
            try {
                InputRow row = source.next();
                rows.add(row);
                sequence.add(row);
            } catch (InputFormatException e) {
                errors.add(e);
                sequence.add(e);
            }
        }
        return new Drained(rows, errors, sequence);
    }

    static Drained readAll(String utf8Text, CsvFormat format) {
        try (CsvRowSource source = open(utf8Text, format)) {
            return drain(source);
        }
    }

    static Drained readAll(byte[] bytes, CsvFormat format) {
        try (CsvRowSource source = open(bytes, format)) {
            return drain(source);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** Hands out one byte per read, so that every character boundary is also a buffer boundary. */
    static final class Trickle extends FilterInputStream {

        Trickle(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    /** Records whether it was closed. */
    static final class CloseTracking extends FilterInputStream {
        boolean closed;

        CloseTracking(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
