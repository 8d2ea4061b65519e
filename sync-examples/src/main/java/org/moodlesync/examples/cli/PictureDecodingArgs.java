package org.moodlesync.examples.cli;

import java.nio.charset.Charset;
import org.moodlesync.core.PictureSync;
import picocli.CommandLine.Option;

/** How picture archives are decoded, for {@code run pictures} and the workspace runs alike. */
final class PictureDecodingArgs {

    @Option(names = "--picture-threads", paramLabel = "N",
            description = "pictures: threads decoding and scaling images (default: processors, at most 4)")
    Integer threads;

    @Option(names = "--entry-charset", paramLabel = "CHARSET",
            description = "pictures: charset of entry names not marked UTF-8 (default UTF-8; Windows tools: CP437)")
    String entryCharset;

    /**
     * Checks the values before anything runs.
     *
     * @throws IllegalArgumentException naming the option and why
     */
    void check() {
        if (entryCharset != null) {
            try {
                Charset.forName(entryCharset);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--entry-charset: unknown charset " + entryCharset, e);
            }
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--picture-threads must be at least 1");
        }
    }

    /** Sets the values given on a pictures run. */
    void apply(PictureSync step) {
        if (threads != null) {
            step.threads(threads);
        }
        if (entryCharset != null) {
            step.entryNameCharset(Charset.forName(entryCharset));
        }
    }
}
