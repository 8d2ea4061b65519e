package org.moodlesync.examples.cli;

import java.nio.file.Path;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.core.PictureSync;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code moodle-sync run pictures ARCHIVE.zip}. */
public final class PictureOptions {

    @Option(names = "--dataroot", paramLabel = "DIR",
            description = "pictures: the site's dataroot ($CFG->dataroot); the icons go into its filedir/")
    Path dataroot;

    @Option(names = "--no-overwrite", description = "pictures: keep the picture of users who already have one")
    boolean noOverwrite;

    @Option(names = "--delete",
            description = "pictures: FILE is a removal list (one column named after the user field, e.g. idnumber); "
                    + "each line removes that user's picture")
    boolean delete;

    @Option(names = "--archive-dir", paramLabel = "DIR",
            description = "pictures: copy the processed archive to DIR/<YYYYMMDD-HHMM>_<name>")
    Path archiveDir;

    @Option(names = "--max-entries", paramLabel = "N", description = "pictures: entries an archive may hold "
            + "(default 10000)")
    Integer maxEntries;

    @Option(names = "--max-image-mb", paramLabel = "MB", description = "pictures: size of one image (default 20)")
    Integer maxImageMb;

    @Option(names = "--max-archive-mb", paramLabel = "MB",
            description = "pictures: uncompressed size of all entries together (default 2048)")
    Integer maxArchiveMb;

    @Mixin
    PictureDecodingArgs decoding;

    /**
     * The pictures step of the run command: its input ({@code FILE}, an archive or with {@code --delete} a removal
     * list) and these options; the options every kind shares are the run command's.
     */
    PictureSync step(RunCommand run, PictureSync sync) {
        // --moodle-config (shared with the database options) also gives pictures the dataroot and file store
        Path moodleConfig = run.database.moodleConfig;
        if (delete) {
            sync.deleteList(run.file).deleteListFormat(run.format());
        } else {
            sync.from(run.file);
        }
        sync.userField(run.userKey())
                .overwrite(!noOverwrite);
        if (dataroot == null && moodleConfig == null) {
            throw new CommandLine.ParameterException(run.spec.commandLine(),
                    "pictures need the site's file store: give --dataroot DIR or --moodle-config PATH");
        }
        if (archiveDir != null) {
            sync.archiveTo(archiveDir);
        }
        PictureLimits limits = PictureLimits.defaults();
        if (maxEntries != null) {
            limits = limits.withMaxEntries(maxEntries);
        }
        if (maxImageMb != null) {
            limits = limits.withMaxEntryBytes((long) maxImageMb << 20);
        }
        if (maxArchiveMb != null) {
            limits = limits.withMaxArchiveBytes((long) maxArchiveMb << 20);
        }
        sync.limits(limits);
        PictureStepArgs.applyStoreAndDecoding(sync, dataroot, moodleConfig, decoding);
        return sync;
    }
}
