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
                LockTableCommand.class, FeedTableCommand.class, InstallCommand.class})
public final class MoodleSyncCommand implements Runnable {

    /** Every line succeeded. */
    public static final int OK = 0;
    /** Some lines failed (see the report and the tryback file). */
    public static final int LINES_FAILED = 1;
    /** Bad usage or a fatal error. */
    public static final int FATAL = 2;
    /** Refused: another run of the same kind holds the lock (try again later). */
    public static final int LOCKED = 3;
    /**
     * Refused: a full feed would have removed more than its removal limit allows; nothing was written (the report
     * lists what it would have removed).
     */
    public static final int REMOVALS_REFUSED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    boolean verbose;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "on a fatal error, print its stack trace; let the pool's warnings through")
    void verbose(boolean on) {
        verbose = on;
    }

    boolean quiet;

    @CommandLine.Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
            description = "print only errors: no summary, no notices, no warnings (the exit code says how it went)")
    void quiet(boolean on) {
        // the log level is also read by main() before logging starts (see logLevels)
        quiet = on;
    }

    /** True when the command line asked for {@code --quiet}. */
    static boolean quiet(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof MoodleSyncCommand top && top.quiet;
    }

    /** Standard output, or a sink with {@code --quiet}. */
    static PrintWriter out(CommandLine.Model.CommandSpec spec) {
        return quiet(spec) ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.setProperty("org.jboss.logging.provider", "slf4j");
        logLevels(args);
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with these streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        MoodleSyncCommand top = new MoodleSyncCommand();
        CommandLine cli = new CommandLine(top);
        cli.getSubcommands().get("run").getCommandSpec().usageMessage().description(RunCommand.description());
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
        String[] passwords = passwordsIn(args);
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (top.verbose) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(FailureMessages.scrub(trace.toString(), passwords));
            }
            err.println("moodle-sync: " + FailureMessages.sentence(e, option(args, "--db-url"), passwords));
            return FATAL;
        });
        return cli.execute(args);
    }

    /** The value of an option in the arguments, {@code null} when absent. */
    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The values of {@code --db-password} in the arguments, never to be echoed. */
    private static String[] passwordsIn(String[] args) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--db-password") && i + 1 < args.length) {
                found.add(args[i + 1]);
            } else if (args[i].startsWith("--db-password=")) {
                found.add(args[i].substring("--db-password=".length()));
            }
        }
        found.addAll(FailureMessages.passwordsInUrl(option(args, "--db-url")));
        return found.toArray(String[]::new);
    }

    /**
     * The console's log levels, set before the first logger: HikariCP's pool warnings (and their stack traces) only
     * with {@code --verbose}; {@code --quiet} logs only errors.
     */
    static void logLevels(String[] args) {
        java.util.List<String> list = java.util.List.of(args);
        if (list.contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        } else if (list.contains("--quiet")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
    }
}
