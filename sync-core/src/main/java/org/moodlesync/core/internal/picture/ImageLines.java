package org.moodlesync.core.internal.picture;

import java.util.Iterator;
import java.util.concurrent.Callable;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureIcons;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.api.command.picture.SourceImage;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.pipeline.SourceLine;

/**
 * Images handed over by the host application as lines (numbered from 1): read on the caller's thread, each line
 * comes as the work that converts its image (see {@link Prefetch}).
 */
final class ImageLines implements Iterator<Callable<SourceLine<PictureCommand>>> {

    private final Iterator<SourceImage> images;
    private final String source;
    private final PictureLimits limits;
    private final IconMaker icons;
    private long line;

    ImageLines(Iterator<SourceImage> images, String source, PictureLimits limits, IconMaker icons) {
        this.images = images;
        this.source = source;
        this.limits = limits;
        this.icons = icons;
    }

    @Override
    public boolean hasNext() {
        return images.hasNext();
    }

    @Override
    public Callable<SourceLine<PictureCommand>> next() {
        SourceImage image = images.next();
        LineRef ref = new LineRef(source, ++line, null);
        if (image.length() > limits.maxEntryBytes()) {
            SourceLine<PictureCommand> tooBig = failed(ref, image, "the image is " + image.length()
                    + " bytes, over the limit of " + limits.maxEntryBytes() + " bytes");
            return () -> tooBig;
        }
        return () -> convert(ref, image);
    }

    private SourceLine<PictureCommand> convert(LineRef ref, SourceImage image) {
        PictureIcons made;
        try {
            made = icons.make(image.bytes());
        } catch (LineFailure f) {
            return failed(ref, image, f.reason());
        }
        return SourceLine.of(new CommandLine<>(ref, PictureCommand.set(image.user(), made, image.name())));
    }

    private static SourceLine<PictureCommand> failed(LineRef ref, SourceImage image, String reason) {
        return SourceLine.done(LineResult.failed(ref, "user " + image.user(),
                new LineError(ref.source(), ref.line(), 0, null, "image " + image.name() + ": " + reason)));
    }
}
