package org.moodlesync.examples.cli;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.UserSync;
import org.moodlesync.core.workspace.WorkspaceRunner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of each kind's step for workspace runs ({@code process}, {@code schedule}): the file format for all,
 * then each kind's own (a kind added to moodle-sync adds its options here, in {@link #apply}).
 */
public final class StepOptions implements WorkspaceRunner.StepOptions {

    @Mixin
    FileFormatArgs fileFormat;

    @Option(names = "--chunk-size", paramLabel = "N",
            description = "lines per transaction (default: 1000)")
    Integer chunkSize;

    @Option(names = "--stop-on-error", description = "stop a file at its first failed line")
    boolean stopOnError;

    @Option(names = {"--user-by", "--identify-by"}, paramLabel = "FIELD", defaultValue = "idnumber",
            description = "users: field matching lines to users: username, idnumber, email, id (default: ${DEFAULT-VALUE});"
                    + " --identify-by is its former name")
    String identifyBy;

    @Mixin
    UserArgs users;

    @Option(names = "--allow-unknown-columns", description = "ignore unknown columns instead of refusing the file")
    boolean allowUnknownColumns;

    @Mixin
    FullFeedArgs fullFeed;

    @Override
    public void apply(SyncKind kind, FileSync<?, ?> step) {
        step.format(fileFormat.csvFormat()).retainFailuresOnly();
        if (chunkSize != null) {
            step.chunkSize(chunkSize);
        }
        if (stopOnError) {
            step.stopOnError();
        }
        fullFeed.applyTo(step, null);
        if (step instanceof UserSync userStep) {
            users.applyTo(userStep.identifyBy(UserKey.of(identifyBy))).allowUnknownColumns(allowUnknownColumns);
        }
    }
}
