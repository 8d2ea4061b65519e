package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.moodlesync.api.SyncKind;
import org.moodlesync.core.schedule.Schedule;
import org.moodlesync.core.schedule.SyncScheduler;
import org.moodlesync.core.workspace.WorkspaceRunner;
import org.moodlesync.jooq.JooqMoodle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code moodle-sync schedule --workspace DIR --cron users='0 *&#47;6 * * *' …}: keeps running, and runs the
 * workspace's files on their schedules until stopped (SIGTERM, Ctrl-C): the run under way then stops after the line
 * it is writing, its outputs are written, its marker cleared and its lock released.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Keep running and process the workspace's files on schedules (cron expressions or fixed"
                + " delays, per kind or for all kinds) until stopped by SIGTERM or Ctrl-C.")
public final class ScheduleCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cron", paramLabel = "KIND=EXPR",
            description = "run a kind on a Unix cron expression (minute hour day month weekday), e.g."
                    + " users='0 */6 * * *'; KIND may be 'all'")
    List<String> crons = new ArrayList<>();

    @Option(names = "--every", paramLabel = "KIND=DELAY",
            description = "run a kind again this long after each run ends, e.g. enrolments=30m; KIND may be 'all'")
    List<String> delays = new ArrayList<>();

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "5m",
            description = "how long a stop waits for the run under way to reach a line boundary (default: ${DEFAULT-VALUE})")
    String grace;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "lines",
            description = "auto, bar, lines or none (default: ${DEFAULT-VALUE})")
    ConsoleProgress.Mode progress;

    @Mixin
    WorkspaceRunnerArgs runnerArgs;

    @Override
    public Integer call() throws InterruptedException {
        if (crons.isEmpty() && delays.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one --cron or --every");
        }
        Duration graceTime = parseDelay(grace);
        runnerArgs.check(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch closed = new CountDownLatch(1);
        try (JooqMoodle moodle = runnerArgs.connect()) {
            WorkspaceRunner runner = runnerArgs.runner(moodle, err)
                    .listener(new ConsoleProgress(err, progress))
                    .listener(WorkspaceRunner.onNotice(n -> {
                        err.println("moodle-sync: notice: " + n);
                        err.flush();
                    }))
                    .build();
            SyncScheduler.Builder builder = SyncScheduler.builder(runner)
                    .onRuns(runs -> ProcessCommand.print(runs, out, true));
            for (String c : crons) {
                add(builder, c, "--cron", true);
            }
            for (String d : delays) {
                add(builder, d, "--every", false);
            }
            SyncScheduler scheduler = builder.build();
            Thread hook = new Thread(() -> {
                err.println("moodle-sync: stopping (the run under way ends after its current line)…");
                err.flush();
                boolean ended = scheduler.stop(graceTime);
                if (!ended) {
                    err.println("moodle-sync: the run did not end within " + graceTime + "; leaving");
                    err.flush();
                }
                try {
                    closed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "moodle-sync-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("moodle-sync schedule: workspace " + runner.workspace().root() + " (SIGTERM or Ctrl-C stops)");
            scheduler.describe().forEach(l -> out.println("  " + l));
            out.flush();
            scheduler.start();
            scheduler.awaitTermination();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for the close below
            }
        } finally {
            closed.countDown();
        }
        out.println("moodle-sync schedule: stopped");
        out.flush();
        return MoodleSyncCommand.OK;
    }

    private void add(SyncScheduler.Builder builder, String arg, String option, boolean cron) {
        int eq = arg.indexOf('=');
        if (eq < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " is KIND=" + (cron ? "EXPR"
                    : "DELAY") + ", not " + arg);
        }
        String k = arg.substring(0, eq).trim();
        String value = arg.substring(eq + 1).trim();
        Schedule schedule;
        try {
            schedule = cron ? Schedule.cron(value) : Schedule.every(parseDelay(value));
            if (k.equals("all")) {
                builder.scheduleAll(schedule);
            } else {
                builder.schedule(SyncKind.fromCliName(k), schedule);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + arg + ": " + e.getMessage());
        }
    }

    private static Duration parseDelay(String text) {
        Schedule s = Schedule.parse(text);
        if (s instanceof Schedule.FixedDelay d) {
            return d.delay();
        }
        throw new IllegalArgumentException("not a duration (30s, 15m, 6h, 1d): " + text);
    }
}
