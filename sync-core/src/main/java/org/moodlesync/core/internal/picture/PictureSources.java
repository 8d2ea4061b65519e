package org.moodlesync.core.internal.picture;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.api.command.picture.SourceImage;
import org.moodlesync.core.internal.pipeline.SourceLine;

/**
 * The line sources of a pictures run: the entries of a zip archive, or images handed over by the host. Images are
 * converted on {@code threads} worker threads (1: on the caller's thread), a few lines ahead of the writer, and come
 * out in source order.
 */
public final class PictureSources {

    private PictureSources() {
    }

    /** The lines of an archive, lazily (see {@link ArchiveLines}); close it to close the stream and the workers. */
    public static Lines archive(InputStream zip, String name, Charset entryNames, PictureLimits limits,
                                IconMaker icons, boolean dryRun, int threads) {
        ArchiveLines lines = new ArchiveLines(zip, name, entryNames, limits, icons, dryRun);
        return new Lines(lines, lines, threads);
    }

    /** The lines of images handed over by the host, lazily; close it to stop the workers. */
    public static Lines images(Iterator<SourceImage> images, String name, PictureLimits limits, IconMaker icons,
                               int threads) {
        return new Lines(new ImageLines(images, name, limits, icons), null, threads);
    }

    /** Lines of pictures, in source order, to close at the end of the run. */
    public static final class Lines implements Iterator<SourceLine<PictureCommand>>, AutoCloseable {
        private static final AtomicInteger RUNS = new AtomicInteger();

        private final ArchiveLines archive;
        private final ExecutorService workers;
        private final Prefetch<SourceLine<PictureCommand>> prefetch;

        private Lines(Iterator<java.util.concurrent.Callable<SourceLine<PictureCommand>>> source,
                      ArchiveLines archive, int threads) {
            this.archive = archive;
            this.workers = threads > 1 ? Executors.newFixedThreadPool(threads, daemons()) : null;
            this.prefetch = new Prefetch<>(source, workers, threads > 1 ? 2 * threads : 1);
        }

        private static ThreadFactory daemons() {
            int run = RUNS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "moodle-sync-pictures-" + run + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        @Override
        public boolean hasNext() {
            return prefetch.hasNext();
        }

        @Override
        public SourceLine<PictureCommand> next() {
            return prefetch.next();
        }

        /** Archive entries read so far, directories included (0 for images). */
        public int entries() {
            return archive == null ? 0 : archive.entries();
        }

        @Override
        public void close() {
            try {
                prefetch.cancel();
                if (workers != null) {
                    workers.shutdownNow();
                }
            } finally {
                if (archive != null) {
                    archive.close();
                }
            }
        }
    }
}
