package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.version.MoodleBranch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code moodle-sync install}: creates moodle-sync's embedded Moodle schema (4.5 by default, any branch from 4.1 to
 * 5.3 with {@code --moodle-version}) in an empty database.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Create the embedded Moodle schema (the tables moodle-sync writes) of a Moodle version in an"
                + " empty database and seed a fresh site: for trials and tests, never on a real Moodle.")
public final class InstallCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--admin-password", paramLabel = "PASSWORD", description = "password of the admin account")
    String adminPassword;

    @Option(names = "--moodle-version", paramLabel = "BRANCH", defaultValue = "4.5",
            description = "the Moodle branch whose tables and fresh-site rows to create: 4.1, 4.2, 4.3, 4.4, 4.5, 5.0,"
                    + " 5.1, 5.2 or 5.3 (default: ${DEFAULT-VALUE})")
    String moodleVersion;

    @Override
    public Integer call() {
        MoodleBranch branch;
        try {
            branch = MoodleBranch.ofLabel(moodleVersion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--moodle-version: " + e.getMessage());
        }
        try (MoodleDatabase db = database.open()) {
            MoodleSchemaInstaller installer = MoodleSchemaInstaller.on(db).moodleVersion(branch);
            if (adminPassword != null) {
                installer = installer.adminPassword(adminPassword);
            }
            installer.install();
            PrintWriter out = spec.commandLine().getOut();
            out.println("installed the Moodle " + branch.label() + " schema ("
                    + MoodleSchemaInstaller.tableNames(db.tablePrefix().value()).size() + " tables, prefix "
                    + db.tablePrefix() + ") and seeded a fresh site");
            out.flush();
        }
        return MoodleSyncCommand.OK;
    }
}
