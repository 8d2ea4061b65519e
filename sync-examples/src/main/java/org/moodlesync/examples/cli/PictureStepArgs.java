package org.moodlesync.examples.cli;

import java.nio.file.Path;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.core.PictureSync;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the picture archives of workspace runs ({@code process}, {@code schedule}): tool_sync's
 * {@code userpictures_userfield} and {@code userpictures_overwrite}, and the site's file store.
 */
public final class PictureStepArgs {

    @Option(names = "--dataroot", paramLabel = "DIR",
            description = "pictures: the site's dataroot ($CFG->dataroot), where the icons go (default: the dataroot"
                    + " of --moodle-config)")
    Path dataroot;

    @Option(names = {"--picture-user-by", "--picture-identify-by"}, paramLabel = "FIELD", defaultValue = "idnumber",
            description = "pictures: the user field image names hold: idnumber, username, email, id"
                    + " (tool_sync's userpictures_userfield; default: ${DEFAULT-VALUE}; --picture-identify-by is a"
                    + " deprecated alias)")
    String identifyBy;

    @Option(names = "--picture-no-overwrite",
            description = "pictures: keep the picture of users who already have one (userpictures_overwrite off)")
    boolean noOverwrite;

    @Mixin
    PictureDecodingArgs decoding;

    /** The field. */
    UserKey userField() {
        return UserKey.of(identifyBy);
    }

    /**
     * Checks the values before anything runs (a bad one would otherwise only show when an archive waits).
     *
     * @throws IllegalArgumentException naming the option and why
     */
    void check() {
        try {
            userField();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--picture-user-by: " + e.getMessage(), e);
        }
        decoding.check();
    }

    /**
     * Sets these options on a pictures run; {@code moodleConfig} (the database options' config.php, or null) gives
     * the file store when {@code --dataroot} does not, and also lets the run refuse an alternative file system.
     */
    void apply(PictureSync step, Path moodleConfig, boolean stopOnError) {
        step.userField(userField()).overwrite(!noOverwrite).retainFailuresOnly();
        applyStoreAndDecoding(step, dataroot, moodleConfig, decoding);
        if (stopOnError) {
            step.stopOnError();
        }
    }

    /**
     * Sets what the run and workspace commands' picture options have in common, each when given (not null): the
     * file store ({@code --dataroot}, the config.php of {@code --moodle-config}) and the decoding options.
     */
    static void applyStoreAndDecoding(PictureSync step, Path dataroot, Path moodleConfig,
                                      PictureDecodingArgs decoding) {
        if (dataroot != null) {
            step.dataroot(dataroot);
        }
        if (moodleConfig != null) {
            step.moodleConfig(moodleConfig);
        }
        decoding.apply(step);
    }
}
