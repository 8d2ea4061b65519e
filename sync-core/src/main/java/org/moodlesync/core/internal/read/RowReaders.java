package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens command files as {@link org.moodlesync.api.source.RowSource}s that stream their rows (see
 * {@link CsvRowSource} for line numbers, raw text and how errors are reported, and {@link CsvFormat} for the
 * dialects).
 *
 * <pre>{@code
 * try (CsvRowSource rows = RowReaders.open(Path.of("users.csv"), CsvFormat.toolSync())) {
 *     HeaderRules.create().required("username").allowed("email").check(rows);
 *     while (rows.hasNext()) {
 *         try {
 *             InputRow row = rows.next();
 *             ...
 *         } catch (InputFormatException lineError) {
 *             ... // record it for lineError.line(), then go on
 *         }
 *     }
 * }
 * }</pre>
 */
public final class RowReaders {

    private RowReaders() {
    }

    /**
     * Opens a file. Nothing is read yet: the header is read on the first call to {@code header()},
     * {@code hasNext()} or {@code next()}. The source's name is the file name (without its folder).
     *
     * @throws IllegalArgumentException when the format's options contradict each other (a required header and
     *                                  given columns, or neither)
     * @throws UncheckedIOException     when the file cannot be opened
     */
    public static CsvRowSource open(Path file, CsvFormat format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        format.checkConsistent();
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw org.moodlesync.api.IoFailures.unchecked("cannot open", file, e);
        }
        Path fileName = file.getFileName();
        return new CsvRowSource(in, fileName == null ? file.toString() : fileName.toString(), format);
    }

    /**
     * Reads a stream, for example an upload. The stream is read lazily and closed by
     * {@link CsvRowSource#close()}; {@code sourceName} names it in rows and errors.
     *
     * @throws IllegalArgumentException when the format's options contradict each other (the stream is then left
     *                                  open)
     */
    public static CsvRowSource open(InputStream in, String sourceName, CsvFormat format) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(format, "format");
        format.checkConsistent();
        return new CsvRowSource(in, sourceName, format);
    }
}
