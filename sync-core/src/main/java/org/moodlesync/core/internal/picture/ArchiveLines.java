package org.moodlesync.core.internal.picture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureIcons;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.api.command.picture.SourceImage;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.pipeline.SourceLine;

/**
 * The entries of a zip archive of pictures as lines, read from the stream with {@link ZipInputStream}: nothing is
 * extracted to disk, every entry is decoded in memory, and bytes are counted while they are read (the sizes an
 * archive declares are never trusted).
 *
 * <p>A line is an entry; its number is the entry's position in the archive (directories count but make no line).
 * An entry whose name escapes its folder (zip-slip), that is over {@link PictureLimits#maxEntryBytes()}, or that is
 * not an image Moodle accepts fails alone. An archive with more than {@link PictureLimits#maxEntries()} entries,
 * whose entries together exceed {@link PictureLimits#maxArchiveBytes()}, holding an entry whose compression ratio
 * betrays a decompression bomb, or that is corrupt, ends with one failed line saying so: the entries after it are
 * not read. The iterator never throws for the archive's content.
 *
 * <p>Entries are read on the caller's thread; each line comes as the work that makes it (decoding and scaling the
 * image), so that {@link Prefetch} can run that work on other threads.
 */
final class ArchiveLines implements Iterator<Callable<SourceLine<PictureCommand>>>, AutoCloseable {

    /** The compression ratio is judged once an entry has given this many bytes (small entries cannot harm). */
    static final long RATIO_FLOOR = 1L << 20;

    private final String source;
    private final PictureLimits limits;
    private final IconMaker icons;
    private final boolean dryRun;
    private final CountingInputStream counted;
    private final ZipInputStream zip;
    private final byte[] buffer = new byte[64 * 1024];
    private int entries;
    private long total;
    private boolean finished;
    private Callable<SourceLine<PictureCommand>> next;

    /**
     * @param in     the archive (closed by {@link #close()})
     * @param source the archive's name, for results
     * @param names  the charset of entry names not flagged as UTF-8 (Windows tools write CP437 or the local code
     *               page)
     * @param limits the bounds
     * @param icons  the icon maker
     * @param dryRun whether the run is a dry run (for skipped lines)
     */
    ArchiveLines(InputStream in, String source, Charset names, PictureLimits limits, IconMaker icons,
                 boolean dryRun) {
        this.source = source;
        this.limits = limits;
        this.icons = icons;
        this.dryRun = dryRun;
        this.counted = new CountingInputStream(in);
        this.zip = new ZipInputStream(counted, names);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Callable<SourceLine<PictureCommand>> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Callable<SourceLine<PictureCommand>> line = next;
        next = null;
        return line;
    }

    /** Entries seen so far (directories included). */
    int entries() {
        return entries;
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Callable<SourceLine<PictureCommand>> advance() {
        while (!finished) {
            ZipEntry entry;
            try {
                entry = zip.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                return ready(last(entries + 1, null, "the archive cannot be read after entry " + entries + " ("
                        + reasonOf(e) + "): the rest of the archive was not read"));
            }
            if (entry == null) {
                finished = true;
                return null;
            }
            entries++;
            String name = entry.getName();
            if (entries > limits.maxEntries()) {
                return ready(last(entries, name, "the archive holds more than " + limits.maxEntries()
                        + " entries: this entry and the rest were not read"));
            }
            String escape = EntryNames.escapeReason(name);
            boolean keep = escape == null && !EntryNames.isDirectory(name) && !EntryNames.isMacMetadata(name);
            Content content = read(keep);
            if (content.fatal() != null) {
                return ready(last(entries, name, content.fatal()));
            }
            if (EntryNames.isDirectory(name) && escape == null) {
                continue;
            }
            LineRef ref = new LineRef(source, entries, null);
            if (escape != null) {
                return ready(failed(ref, name, escape));
            }
            if (EntryNames.isMacMetadata(name)) {
                return ready(SourceLine.done(LineResult.of(ref, "entry " + name, Outcome.SKIPPED, dryRun, List.of(),
                        List.of("macOS metadata, not a picture: ignored"))));
            }
            if (content.problem() != null) {
                return ready(failed(ref, name, content.problem()));
            }
            byte[] bytes = content.bytes();
            return () -> picture(ref, name, bytes);
        }
        return null;
    }

    private static Callable<SourceLine<PictureCommand>> ready(SourceLine<PictureCommand> line) {
        return () -> line;
    }

    private SourceLine<PictureCommand> picture(LineRef ref, String name, byte[] bytes) {
        String user = SourceImage.userOf(name);
        PictureIcons made;
        try {
            made = icons.make(bytes);
        } catch (LineFailure f) {
            return failed(ref, name, f.reason());
        }
        return SourceLine.of(new CommandLine<>(ref, PictureCommand.set(user, made, name)));
    }

    /** Reads the current entry to its end, keeping its bytes if asked and within the limits. */
    private Content read(boolean keep) {
        long compressedStart = counted.count();
        long produced = 0;
        ByteArrayOutputStream out = keep ? new ByteArrayOutputStream() : null;
        boolean tooBig = false;
        try {
            int n;
            while ((n = zip.read(buffer)) > 0) {
                produced += n;
                total += n;
                if (out != null) {
                    if (produced > limits.maxEntryBytes()) {
                        tooBig = true;
                        out = null;
                    } else {
                        out.write(buffer, 0, n);
                    }
                }
                long compressed = Math.max(1, counted.count() - compressedStart);
                if (produced > RATIO_FLOOR && produced / compressed >= limits.maxCompressionRatio()) {
                    return Content.fatal("decompression bomb: " + produced + " bytes came out of about "
                            + compressed + " compressed bytes (ratio over " + limits.maxCompressionRatio()
                            + ":1); the rest of the archive was not read");
                }
                if (total > limits.maxArchiveBytes()) {
                    return Content.fatal("the archive's entries together exceed " + limits.maxArchiveBytes()
                            + " bytes: this entry and the rest were not read");
                }
            }
        } catch (IOException e) {
            return Content.fatal("the entry cannot be read (" + reasonOf(e) + "): the rest of the archive was not "
                    + "read");
        }
        if (tooBig) {
            return Content.problem("the entry is " + produced + " bytes, over the limit of "
                    + limits.maxEntryBytes() + " bytes for one image");
        }
        if (keep && produced == 0) {
            return Content.problem("the entry is empty");
        }
        return new Content(out == null ? null : out.toByteArray(), null, null);
    }

    private SourceLine<PictureCommand> last(long line, String name, String reason) {
        finished = true;
        return failed(new LineRef(source, line, null), name, reason);
    }

    private SourceLine<PictureCommand> failed(LineRef ref, String name, String reason) {
        String entity = name == null ? null : "entry " + name;
        String where = name == null ? "" : "entry " + name + ": ";
        return SourceLine.done(LineResult.failed(ref, entity,
                new LineError(ref.source(), ref.line(), 0, null, where + reason)));
    }

    private static String reasonOf(Exception e) {
        String m = e.getMessage();
        if (e instanceof IllegalArgumentException) {
            return "an entry name is not valid in the names' charset; give the charset the archive was made with";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** An entry's bytes, or why it cannot be used (this entry only), or why the archive ends here. */
    private record Content(byte[] bytes, String problem, String fatal) {
        static Content problem(String reason) {
            return new Content(null, reason, null);
        }

        static Content fatal(String reason) {
            return new Content(null, null, reason);
        }
    }
}
