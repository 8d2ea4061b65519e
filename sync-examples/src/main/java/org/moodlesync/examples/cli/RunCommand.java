package org.moodlesync.examples.cli;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.user.UserKey;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.UserSync;
import org.moodlesync.core.read.CsvFormat;
import org.moodlesync.jooq.JooqMoodle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code moodle-sync run <kind> FILE …}: one command file into a Moodle database. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Synchronise one command file into a Moodle database.%n"
                + "Kinds: users, user-deletes, user-suspends.")
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "kind of file: users, user-deletes, user-suspends")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "the command file")
    Path file;

    @Mixin
    DatabaseOptions database;

    @Mixin
    LockArgs lockArgs;

    @Option(names = "--identify-by", paramLabel = "FIELD", defaultValue = "idnumber",
            description = "user field matching lines to users: username, idnumber, email, id (default: ${DEFAULT-VALUE})")
    String identifyBy;

    @Option(names = "--separator", paramLabel = "CHAR", defaultValue = ";",
            description = "field separator (default: ${DEFAULT-VALUE}); 'tab' for a tab")
    String separator;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "file encoding, e.g. UTF-8 or ISO-8859-1 (default: ${DEFAULT-VALUE})")
    String encoding;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "toolsync",
            description = "toolsync (tool_sync's dialect, no quoting) or rfc4180 (quoted CSV) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--dry-run", description = "write nothing; the report says what would happen")
    boolean dryRun;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "where the report goes (default: reports/ beside the file)")
    Path reportDir;

    @Option(names = "--tryback-dir", paramLabel = "DIR",
            description = "where the tryback file of failed lines goes (default: beside the file)")
    Path trybackDir;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "500",
            description = "lines per transaction (default: ${DEFAULT-VALUE})")
    int chunkSize;

    @Option(names = "--stop-on-error", description = "stop at the first failed line")
    boolean stopOnError;

    @Option(names = "--allow-rename", description = "honour the oldusername column")
    boolean allowRename;

    @Option(names = "--protect-emails", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "never change existing users' e-mails (default: on; --no-protect-emails to allow)")
    boolean protectEmails;

    @Option(names = "--create-passwords", description = "new users without a password get one from Moodle's cron")
    boolean createPasswords;

    @Option(names = "--fast-hash", description = "hash passwords with rounds=5000 like Moodle's bulk upload")
    boolean fastHash;

    @Option(names = "--allow-unknown-columns", description = "ignore unknown columns instead of refusing the file")
    boolean allowUnknownColumns;

    @Override
    public Integer call() {
        SyncKind syncKind;
        try {
            syncKind = SyncKind.fromCliName(kind);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage()
                    + " (users, user-deletes, user-suspends)");
        }
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
        }
        try (JooqMoodle moodle = database.connect()) {
            SyncEngine engine = SyncEngine.builder().moodle(moodle)
                    .locks(lockArgs.locks(moodle, spec.commandLine().getErr(), false)).build();
            UserSync sync = switch (syncKind) {
                case USERS -> engine.users();
                case USER_DELETES -> engine.userDeletes();
                case USER_SUSPENDS -> engine.userSuspends();
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "kind " + kind + " is not available yet");
            };
            sync.from(file)
                    .format(format())
                    .identifyBy(UserKey.of(identifyBy))
                    .allowRename(allowRename)
                    .protectEmails(protectEmails)
                    .createPasswords(createPasswords)
                    .fastHash(fastHash)
                    .allowUnknownColumns(allowUnknownColumns)
                    .dryRun(dryRun)
                    .chunkSize(chunkSize)
                    .retainFailuresOnly()
                    .listener(new ConsoleProgress(spec.commandLine().getErr()));
            Path dir = file.toAbsolutePath().getParent();
            sync.reportTo(reportDir != null ? reportDir : dir.resolve("reports"));
            sync.trybackTo(trybackDir != null ? trybackDir : dir);
            if (stopOnError) {
                sync.stopOnError();
            }
            RunResult result;
            try {
                result = sync.execute();
            } catch (RunLockedException e) {
                spec.commandLine().getErr().println("moodle-sync: " + e.getMessage());
                return MoodleSyncCommand.LOCKED;
            }
            RunSummary.print(result, spec.commandLine().getOut());
            if (result.error() != null) {
                spec.commandLine().getErr().println("moodle-sync: " + result.error());
            }
            return switch (result.status()) {
                case COMPLETED -> MoodleSyncCommand.OK;
                case COMPLETED_WITH_ERRORS, STOPPED -> MoodleSyncCommand.LINES_FAILED;
                case FAILED -> MoodleSyncCommand.FATAL;
            };
        }
    }

    private CsvFormat format() {
        boolean tab = "tab".equalsIgnoreCase(separator) || "\\t".equals(separator);
        if (!tab && separator.length() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--separator takes one character");
        }
        CsvFormat base = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "toolsync", "tool_sync" -> CsvFormat.toolSync();
            case "rfc4180", "csv" -> CsvFormat.rfc4180();
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format is toolsync or rfc4180, not " + format);
        };
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --encoding " + encoding);
        }
        return base.separator(tab ? '\t' : separator.charAt(0)).encoding(charset);
    }
}
