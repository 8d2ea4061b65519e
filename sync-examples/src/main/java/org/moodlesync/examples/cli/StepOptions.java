package org.moodlesync.examples.cli;

import java.nio.charset.Charset;
import java.util.Locale;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.user.UserKey;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.UserSync;
import org.moodlesync.core.read.CsvFormat;
import org.moodlesync.core.workspace.WorkspaceRunner;
import picocli.CommandLine.Option;

/**
 * The options of each kind's step for workspace runs ({@code process}, {@code schedule}): the file format for all,
 * then each kind's own (a kind added to moodle-sync adds its options here, in {@link #apply}).
 */
public final class StepOptions implements WorkspaceRunner.StepOptions {

    @Option(names = "--separator", paramLabel = "CHAR", defaultValue = ";",
            description = "field separator (default: ${DEFAULT-VALUE}); 'tab' for a tab")
    String separator;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "file encoding, e.g. UTF-8 or ISO-8859-1 (default: ${DEFAULT-VALUE})")
    String encoding;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "toolsync",
            description = "toolsync or rfc4180 (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--chunk-size", paramLabel = "N",
            description = "lines per transaction (default: 1000)")
    Integer chunkSize;

    @Option(names = "--stop-on-error", description = "stop a file at its first failed line")
    boolean stopOnError;

    @Option(names = "--identify-by", paramLabel = "FIELD", defaultValue = "idnumber",
            description = "users: field matching lines to users: username, idnumber, email, id (default: ${DEFAULT-VALUE})")
    String identifyBy;

    @Option(names = "--allow-rename", description = "users: honour the oldusername column")
    boolean allowRename;

    @Option(names = "--protect-emails", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "users: never change existing users' e-mails (default: on)")
    boolean protectEmails;

    @Option(names = "--create-passwords", description = "users: new users without a password get one from Moodle's cron")
    boolean createPasswords;

    @Option(names = "--fast-hash", description = "users: hash passwords with rounds=5000")
    boolean fastHash;

    @Option(names = "--allow-unknown-columns", description = "ignore unknown columns instead of refusing the file")
    boolean allowUnknownColumns;

    /** The file format of these options. */
    CsvFormat csvFormat() {
        char sep = "tab".equalsIgnoreCase(separator) || "\\t".equals(separator) ? '\t' : separator.charAt(0);
        if (separator.length() != 1 && sep != '\t') {
            throw new IllegalArgumentException("--separator takes one character");
        }
        CsvFormat base = switch (format.toLowerCase(Locale.ROOT)) {
            case "toolsync", "tool_sync" -> CsvFormat.toolSync();
            case "rfc4180", "csv" -> CsvFormat.rfc4180();
            default -> throw new IllegalArgumentException("--format is toolsync or rfc4180, not " + format);
        };
        return base.separator(sep).encoding(Charset.forName(encoding));
    }

    @Override
    public void apply(SyncKind kind, FileSync<?, ?> step) {
        step.format(csvFormat()).retainFailuresOnly();
        if (chunkSize != null) {
            step.chunkSize(chunkSize);
        }
        if (stopOnError) {
            step.stopOnError();
        }
        if (step instanceof UserSync users) {
            users.identifyBy(UserKey.of(identifyBy))
                    .allowRename(allowRename)
                    .protectEmails(protectEmails)
                    .createPasswords(createPasswords)
                    .fastHash(fastHash)
                    .allowUnknownColumns(allowUnknownColumns);
        }
    }
}
