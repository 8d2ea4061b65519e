package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.feed.FeedTable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moodle-sync feed-table --create|--drop|--status}: the installer step of full feeds' ownership records. */
@Command(name = "feed-table", mixinStandardHelpOptions = true,
        description = "Create, drop or show moodle-sync's table moodlesync_feed_item in the Moodle database: the"
                + " records of what each full feed owns (a full feed only removes what it listed).")
public final class FeedTableCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--create", description = "create the table (nothing happens when it exists)")
        boolean create;

        @Option(names = "--drop", description = "drop the table: every feed forgets what it owns")
        boolean drop;

        @Option(names = "--status", description = "say whether it exists and how many rows each feed owns")
        boolean status;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String table = FeedTable.TABLE;
        try (JooqMoodle moodle = database.connect()) {
            if (action.create) {
                out.println(FeedTable.create(moodle.database()) ? "created " + table : table + " already exists");
            } else if (action.drop) {
                out.println(FeedTable.drop(moodle.database()) ? "dropped " + table : table + " does not exist");
            } else if (!FeedTable.exists(moodle.database())) {
                out.println(table + " does not exist");
            } else {
                out.println(table + " exists");
                FeedTable.describe(moodle.database()).forEach(l -> out.println("  " + l));
            }
            out.flush();
        }
        return MoodleSyncCommand.OK;
    }
}
