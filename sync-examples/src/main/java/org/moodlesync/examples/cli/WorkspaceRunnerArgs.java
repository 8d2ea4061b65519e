package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.notify.MailNotifier;
import org.moodlesync.core.workspace.WorkspaceRunner;
import org.moodlesync.jooq.JooqMoodle;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The options {@code process} and {@code schedule} share: the database, the locks, the workspace, each kind's step
 * options, the pictures' options and the mail notices, and the workspace runner they make together.
 */
final class WorkspaceRunnerArgs {

    @Mixin
    DatabaseOptions database;

    @Mixin
    LockArgs lockArgs;

    @Mixin
    WorkspaceArgs workspace;

    @Mixin
    StepOptions stepOptions;

    @Mixin
    PictureStepArgs pictureArgs;

    @Mixin
    MailArgs mail;

    /** Refuses options that do not go together, as a usage error of {@code spec}'s command. */
    void check(CommandLine.Model.CommandSpec spec) {
        try {
            pictureArgs.check();
            stepOptions.fullFeed.check(null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Connects to the site the database options name. */
    JooqMoodle connect() {
        return database.connect();
    }

    /**
     * A runner over the workspace with these options, its engine taking its locks from the lock options (what they
     * say goes to {@code lockMessages}) and sending mail notices when they are set up; the caller adds the dry run
     * and the listeners.
     */
    WorkspaceRunner.Builder runner(JooqMoodle moodle, PrintWriter lockMessages) {
        SyncEngine.Builder engine = SyncEngine.builder().moodle(moodle)
                .locks(lockArgs.locks(moodle, lockMessages, workspace.dir.resolve(".locks")));
        MailNotifier notifier = mail.notifier();
        if (notifier != null) {
            engine.listener(notifier);
        }
        return WorkspaceRunner.builder(engine.build(), workspace.workspace(database.config()))
                .options(workspace.options())
                .stepOptions(stepOptions)
                .pictureOptions(step -> pictureArgs.apply(step, database.moodleConfig, stepOptions.stopOnError));
    }
}
