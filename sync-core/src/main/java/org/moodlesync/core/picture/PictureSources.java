package org.moodlesync.core.picture;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.api.command.picture.SourceImage;
import org.moodlesync.core.pipeline.SourceLine;

/** The line sources of a pictures run: the entries of a zip archive, or images handed over by the host. */
public final class PictureSources {

    private PictureSources() {
    }

    /** The lines of an archive, lazily (see {@link ArchiveLines}); close it to close the stream. */
    public static Archive archive(InputStream zip, String name, Charset entryNames, PictureLimits limits,
                                  IconMaker icons, boolean dryRun) {
        return new Archive(new ArchiveLines(zip, name, entryNames, limits, icons, dryRun));
    }

    /** The lines of images handed over by the host, lazily. */
    public static Iterator<SourceLine<PictureCommand>> images(Iterator<SourceImage> images, String name,
                                                              PictureLimits limits, IconMaker icons) {
        return new ImageLines(images, name, limits, icons);
    }

    /** The lines of an archive, to close at the end of the run. */
    public static final class Archive implements Iterator<SourceLine<PictureCommand>>, AutoCloseable {
        private final ArchiveLines lines;

        private Archive(ArchiveLines lines) {
            this.lines = lines;
        }

        @Override
        public boolean hasNext() {
            return lines.hasNext();
        }

        @Override
        public SourceLine<PictureCommand> next() {
            return lines.next();
        }

        /** Entries read so far, directories included. */
        public int entries() {
            return lines.entries();
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
