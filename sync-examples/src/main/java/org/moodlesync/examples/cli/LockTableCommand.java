package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.lock.LockTable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moodle-sync lock-table --create|--drop|--status}: the installer step of the run-lock table. */
@Command(name = "lock-table", mixinStandardHelpOptions = true,
        description = "Create, drop or show moodle-sync's run-lock table moodlesync_lock in the Moodle"
                + " database (one run per kind at a time across processes and machines).")
public final class LockTableCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--create", description = "create the table (nothing happens when it exists)")
        boolean create;

        @Option(names = "--drop", description = "drop the table")
        boolean drop;

        @Option(names = "--status", description = "say whether it exists and who holds which lock")
        boolean status;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (JooqMoodle moodle = database.connect()) {
            String table = LockTable.tableName(moodle.database());
            if (action.create) {
                out.println(LockTable.create(moodle.database()) ? "created " + table : table + " already exists");
            } else if (action.drop) {
                out.println(LockTable.drop(moodle.database()) ? "dropped " + table : table + " does not exist");
            } else if (!LockTable.exists(moodle.database())) {
                out.println(table + " does not exist");
            } else {
                out.println(table + " exists");
                LockTable.describe(moodle.database()).forEach(l -> out.println("  " + l));
            }
            out.flush();
        }
        return MoodleSyncCommand.OK;
    }
}
