package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads physical lines from a byte stream, decoding each byte once with a strict decoder.
 *
 * <p>Line endings are CR, LF and CRLF, also mixed in one file; a line has no length limit. A byte sequence that
 * is malformed (or unmappable) in the charset does not stop the reading: it is decoded as U+FFFD and the line
 * carrying it is flagged ({@link Line#malformedAt()}), so the caller can report that line and go on with the
 * next one. A U+FEFF at the very start of the text (a byte order mark decoded by the charset) is dropped; the
 * bytes {@code EF BB BF} at the start of a stream read with another charset than UTF-8 are refused with
 * {@link Utf8BomMismatch} (see {@link CsvFormat}).
 *
 * <p>Memory stays bounded by the longest line plus fixed buffers: the stream is never read as a whole.
 */
final class LineReader implements Closeable {

    /** A physical line: its 1-based number, its decoded text and the ending that followed it. */
    record Line(long number, String text, String terminator, int malformedAt, String malformedBytes) {

        /** True when the line holds a byte sequence that the charset cannot decode. */
        boolean malformed() {
            return malformedAt >= 0;
        }
    }

    /** The stream starts with a UTF-8 byte order mark but is read with another charset. */
    static final class Utf8BomMismatch extends IOException {
        Utf8BomMismatch(String message) {
            super(message);
        }
    }

    private static final int BYTE_BUFFER = 64 * 1024;
    private static final int CHAR_BUFFER = 64 * 1024;
    private static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER);
    private final CharBuffer chars = CharBuffer.allocate(CHAR_BUFFER);
    /** Absolute char offsets of replaced sequences, with their bytes, not yet reached by the line splitter. */
    private final Deque<Long> errorOffsets = new ArrayDeque<>();
    private final Deque<String> errorBytes = new ArrayDeque<>();

    private long charsProduced;
    private long charsConsumed;
    private boolean bytesEof;
    private boolean flushed;
    private boolean started;
    private long lineNumber;
    private boolean bomStripped;

    LineReader(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
        chars.flip();
    }

    /** True when a byte order mark was removed from the start of the stream. */
    boolean bomStripped() {
        return bomStripped;
    }

    /** Number of the last line returned (0 before the first). */
    long lineNumber() {
        return lineNumber;
    }

    /** The next physical line, or null at the end of the stream. */
    Line next() throws IOException {
        if (!started) {
            start();
        }
        StringBuilder text = null;
        int malformedAt = -1;
        String malformedBytes = null;
        while (true) {
            if (!fill()) {
                if (text == null) {
                    return null;
                }
                return new Line(++lineNumber, text.toString(), "", malformedAt, malformedBytes);
            }
            if (text == null) {
                text = new StringBuilder();
            }
            char[] array = chars.array();
            int start = chars.arrayOffset() + chars.position();
            int end = chars.arrayOffset() + chars.limit();
            int i = start;
            while (i < end && array[i] != '\n' && array[i] != '\r') {
                i++;
            }
            int runLength = i - start;
            while (!errorOffsets.isEmpty() && errorOffsets.peekFirst() < charsConsumed + runLength) {
                long offset = errorOffsets.pollFirst();
                String hex = errorBytes.pollFirst();
                if (malformedAt < 0) {
                    malformedAt = text.length() + (int) (offset - charsConsumed);
                    malformedBytes = hex;
                }
            }
            text.append(array, start, runLength);
            chars.position(chars.position() + runLength);
            charsConsumed += runLength;
            if (i == end) {
                continue;
            }
            char terminator = chars.get();
            charsConsumed++;
            String ending = "\n";
            if (terminator == '\r') {
                ending = "\r";
                // The LF of a CRLF may only be in the next buffer.
                if (fill() && chars.get(chars.position()) == '\n') {
                    chars.get();
                    charsConsumed++;
                    ending = "\r\n";
                }
            }
            return new Line(++lineNumber, text.toString(), ending, malformedAt, malformedBytes);
        }
    }

    private void start() throws IOException {
        started = true;
        // Look at the first bytes: a UTF-8 BOM is dropped (UTF-8) or refused (another charset).
        readBytes(3);
        if (bytes.remaining() >= 3 && (bytes.get(0) & 0xFF) == 0xEF && (bytes.get(1) & 0xFF) == 0xBB
                && (bytes.get(2) & 0xFF) == 0xBF) {
            if (!charset.equals(StandardCharsets.UTF_8)) {
                throw new Utf8BomMismatch("the file starts with a UTF-8 byte order mark but is read as "
                        + charset.name() + ": it is most likely UTF-8 encoded; read it with encoding UTF-8");
            }
            bytes.position(3);
            bomStripped = true;
        }
        if (!bomStripped && fill() && chars.get(chars.position()) == '\uFEFF') {
            // A BOM decoded by the charset itself (UTF-16 or UTF-32 without automatic BOM handling).
            chars.get();
            charsConsumed++;
            bomStripped = true;
        }
    }

    /** Reads until at least {@code min} bytes are buffered or the stream ends. */
    private void readBytes(int min) throws IOException {
        while (!bytesEof && bytes.remaining() < min) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) {
                bytesEof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    /** Decodes more chars into the (empty) char buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (chars.hasRemaining()) {
            return true;
        }
        if (flushed) {
            return false;
        }
        chars.clear();
        try {
            while (chars.position() == 0 && !flushed) {
                CoderResult result = decoder.decode(bytes, chars, bytesEof);
                if (result.isUnderflow()) {
                    if (bytesEof) {
                        decoder.flush(chars);
                        flushed = true;
                    } else if (chars.position() == 0) {
                        readBytes(bytes.remaining() + 1);
                    }
                } else if (result.isOverflow()) {
                    break;
                } else {
                    if (!chars.hasRemaining()) {
                        break;
                    }
                    StringBuilder hex = new StringBuilder();
                    for (int k = 0; k < result.length(); k++) {
                        if (k > 0) {
                            hex.append(' ');
                        }
                        hex.append(String.format("0x%02X", bytes.get(bytes.position() + k) & 0xFF));
                    }
                    errorOffsets.addLast(charsProduced + chars.position());
                    errorBytes.addLast(hex.toString());
                    bytes.position(bytes.position() + result.length());
                    chars.put(REPLACEMENT);
                }
            }
            return chars.position() > 0;
        } finally {
            chars.flip();
            charsProduced += chars.remaining();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
