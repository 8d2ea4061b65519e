package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.workspace.WorkspaceRun;
import org.moodlesync.core.workspace.WorkspaceRunner;
import org.moodlesync.jooq.JooqMoodle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code moodle-sync process <kind>|all --workspace DIR [--file FILE]}: a workspace run by hand, as tool_sync's
 * manual pages: the file waiting in the workspace, or a file given directly, or every kind in tool_sync's order
 * (picture archives last, one run per archive).
 */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Run the command file waiting in a workspace for a kind (or for every kind: 'all'; for"
                + " pictures every userpictures_*.zip, one run each), with locking, drop-folder capture, report,"
                + " JSON report, tryback file, archive and cleanup.")
public final class ProcessCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "a kind (users, user-deletes, …) or 'all'")
    String kind;

    @Option(names = "--file", paramLabel = "FILE",
            description = "run this file (copied into the workspace as the kind's file) instead of the waiting one")
    Path file;

    @Option(names = "--dry-run", description = "write nothing; files are neither archived nor removed")
    boolean dryRun;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise), bar, lines or none (default: ${DEFAULT-VALUE})")
    ConsoleProgress.Mode progress;

    @Mixin
    WorkspaceRunnerArgs runnerArgs;

    @Override
    public Integer call() {
        boolean all = kind.equals("all");
        SyncKind syncKind = null;
        if (!all) {
            try {
                syncKind = SyncKind.fromCliName(kind);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (file != null && (all || !Files.isRegularFile(file))) {
            throw new CommandLine.ParameterException(spec.commandLine(), all ? "--file needs one kind, not 'all'"
                    : "no such file: " + file);
        }
        runnerArgs.check(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (JooqMoodle moodle = runnerArgs.connect()) {
            PrintWriter lockMessages = MoodleSyncCommand.quiet(spec) ? new PrintWriter(Writer.nullWriter()) : err;
            WorkspaceRunner runner = runnerArgs.runner(moodle, lockMessages)
                    .dryRun(dryRun)
                    .listener(new ConsoleProgress(err, progress))
                    .listener(WorkspaceRunner.onNotice(n -> {
                        if (!MoodleSyncCommand.quiet(spec)) {
                            err.println("moodle-sync: notice: " + n);
                            err.flush();
                        }
                    }))
                    .build();
            List<WorkspaceRun> runs = all ? runner.runAll()
                    : file != null ? runner.run(syncKind, file) : runner.run(syncKind);
            if (MoodleSyncCommand.quiet(spec)) {
                printErrors(runs, err);
            } else {
                print(runs, out, all);
            }
            return exitCode(runs);
        }
    }

    static void print(List<WorkspaceRun> runs, PrintWriter out, boolean quietWhenNothing) {
        for (WorkspaceRun r : runs) {
            boolean nothing = r.status() == WorkspaceRun.Status.NO_FILE && r.notices().isEmpty()
                    || r.status() == WorkspaceRun.Status.NOT_SUPPORTED && r.input() == null;
            if (quietWhenNothing && nothing) {
                continue;
            }
            if (r.result() != null) {
                RunSummary.print(r.result(), out);
            } else {
                out.println(r.summary());
            }
            if (r.jsonReport() != null) {
                out.println("  json:    " + r.jsonReport());
            }
            if (r.archive() != null) {
                out.println("  archive: " + r.archive());
            }
            if (r.setAside() != null) {
                out.println("  set aside: " + r.setAside());
            }
            if (r.result() == null) {
                r.notices().forEach(n -> out.println("  notice: " + n));
            }
        }
        out.flush();
    }

    /** With {@code --quiet}: one line on standard error per run that failed or was refused, nothing else. */
    static void printErrors(List<WorkspaceRun> runs, PrintWriter err) {
        for (WorkspaceRun r : runs) {
            if (r.status() == WorkspaceRun.Status.LOCKED) {
                err.println("moodle-sync: " + r.summary());
            } else if (r.result() != null && r.result().error() != null) {
                err.println("moodle-sync: " + r.result().kind().cliName() + " " + r.result().source() + ": "
                        + r.result().error());
            }
        }
        err.flush();
    }

    static int exitCode(List<WorkspaceRun> runs) {
        int code = MoodleSyncCommand.OK;
        for (WorkspaceRun r : runs) {
            int c;
            if (r.status() == WorkspaceRun.Status.LOCKED) {
                c = MoodleSyncCommand.LOCKED;
            } else if (r.result() != null && r.result().status() == RunStatus.FAILED) {
                c = MoodleSyncCommand.FATAL;
            } else if (r.result() != null && r.result().status() == RunStatus.REFUSED) {
                c = MoodleSyncCommand.REMOVALS_REFUSED;
            } else if (!r.succeeded()) {
                c = MoodleSyncCommand.LINES_FAILED;
            } else {
                c = MoodleSyncCommand.OK;
            }
            code = Math.max(code, c);
        }
        return code;
    }
}
