package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code moodle-sync} command line: {@code demo}, {@code run <kind> FILE}, {@code process <kind>|all} (workspace
 * runs), {@code schedule} (scheduled workspace runs until stopped), {@code lock-table} and {@code install}.
 *
 * <p>Exit codes: 0 every line succeeded, 1 some lines failed, 2 bad usage or a fatal error (one-line message), 3 refused
 * because another run of the same kind holds the lock.
 */
@Command(name = "moodle-sync", mixinStandardHelpOptions = true, version = "moodle-sync 0.1.0",
        description = "Synchronise a Moodle site from flat command files.",
        subcommands = {DemoCommand.class, RunCommand.class, ProcessCommand.class, ScheduleCommand.class,
                LockTableCommand.class, InstallCommand.class})
public final class MoodleSyncCommand implements Runnable {

    /** Every line succeeded. */
    public static final int OK = 0;
    /** Some lines failed (see the report and the tryback file). */
    public static final int LINES_FAILED = 1;
    /** Bad usage or a fatal error. */
    public static final int FATAL = 2;
    /** Refused: another run of the same kind holds the lock (try again later). */
    public static final int LOCKED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with these streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new MoodleSyncCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> FATAL);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("moodle-sync: " + e.getMessage());
            err.println("Try 'moodle-sync " + (e.getCommandLine().getCommandName().equals("moodle-sync") ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help'.");
            return FATAL;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.println("moodle-sync: " + oneLine(e));
            return FATAL;
        });
        return cli.execute(args);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }
}
