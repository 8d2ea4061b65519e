package org.moodlesync.core.internal.feed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.moodlesync.core.internal.report.OutputNames;
import org.moodlesync.core.internal.report.RunOutputs;

/**
 * The undo file of a full feed's run: a command file of the feed's kind whose lines put back what the run removed
 * (enrolments with their times and roles, suspended enrolments made active, group members added back, …), in the
 * dialect of the feed's file so that it reruns as it is: {@code moodle-sync run enrolments <undo file>}.
 */
public final class UndoFile implements AutoCloseable {

    private final Path dir;
    private final String inputName;
    private final Clock clock;
    private final char separator;
    private final boolean quoted;
    private final Charset encoding;
    private final List<String> header;
    private BufferedWriter out;
    private Path file;

    /**
     * An undo file to be written.
     *
     * @param dir       its directory
     * @param inputName the feed file's name (the undo file is {@code <base>_undo_<stamp>.<ext>})
     * @param clock     the run's clock
     * @param separator the feed file's separator
     * @param quoted    whether the dialect quotes values (RFC 4180) rather than tool_sync's plain values
     * @param encoding  the feed file's encoding
     * @param header    the undo file's columns
     */
    public UndoFile(Path dir, String inputName, Clock clock, char separator, boolean quoted, Charset encoding,
                    List<String> header) {
        this.header = List.copyOf(header);
        this.dir = dir;
        this.inputName = inputName;
        this.clock = clock;
        this.separator = separator;
        this.quoted = quoted;
        this.encoding = encoding;
    }

    /**
     * One line of the undo file, its values in the order of the file's columns.
     *
     * @param values the values (a null value is written empty)
     */
    public record Line(List<String> values) {

        /** @param values the values, copied (null becomes empty) */
        public Line {
            values = values.stream().map(v -> v == null ? "" : v).toList();
        }

        /**
         * A line of these values.
         *
         * @param values the values (null becomes empty)
         */
        public Line(String... values) {
            this(java.util.Arrays.asList(values));
        }
    }

    /**
     * Adds lines, creating the file ({@code rw-------}, never replacing one) with its header on the first call; the
     * lines are on disk when this returns, so that a run that breaks off later keeps the undo of what it did.
     *
     * @param lines the lines
     * @throws UncheckedIOException when the file cannot be written
     */
    public void append(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            if (out == null) {
                java.time.Instant now = clock.instant();
                RunOutputs.Unique u = RunOutputs.createUnique(dir,
                        attempt -> OutputNames.undo(inputName, now, clock.getZone(), attempt),
                        RunOutputs.REPORT_PERMISSIONS);
                file = u.file();
                out = new BufferedWriter(new OutputStreamWriter(u.out(), encoding));
                out.write(join(header));
                out.newLine();
            }
            for (Line line : lines) {
                out.write(join(line.values()));
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the undo file into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@return the file, once a line was written; else null} */
    public Path file() {
        return file;
    }

    /** Closes the file, if one was written. */
    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the undo file " + file + ": " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }

    private String join(List<String> values) {
        return values.stream().map(this::value).collect(Collectors.joining(String.valueOf(separator)));
    }

    private String value(String v) {
        String s = v == null ? "" : v;
        if (!quoted) {
            return s;
        }
        boolean quote = Stream.of(String.valueOf(separator), "\"", "\n", "\r").anyMatch(s::contains);
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
