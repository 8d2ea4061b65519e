package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.database.MoodleDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moodle-sync install}: creates moodle-sync's embedded Moodle 4.5 schema in an empty database. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Create the embedded Moodle 4.5 schema (the tables moodle-sync writes) in an empty database"
                + " and seed a fresh site: for trials and tests, never on a real Moodle.")
public final class InstallCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--admin-password", paramLabel = "PASSWORD", description = "password of the admin account")
    String adminPassword;

    @Override
    public Integer call() {
        try (MoodleDatabase db = database.open()) {
            MoodleSchemaInstaller installer = MoodleSchemaInstaller.on(db);
            if (adminPassword != null) {
                installer = installer.adminPassword(adminPassword);
            }
            installer.install();
            PrintWriter out = spec.commandLine().getOut();
            out.println("installed the Moodle schema (" + MoodleSchemaInstaller.tableNames(db.tablePrefix().value()).size()
                    + " tables, prefix " + db.tablePrefix() + ") and seeded a fresh site");
            out.flush();
        }
        return MoodleSyncCommand.OK;
    }
}
