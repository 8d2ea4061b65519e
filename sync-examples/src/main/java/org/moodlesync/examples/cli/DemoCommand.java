package org.moodlesync.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.database.MoodleDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code moodle-sync demo}: a sample users file synchronised into an embedded H2 Moodle, twice — the first run
 * creates the users (and fails the bad lines, which land in the tryback file), the second changes nothing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Synchronise a sample users file into an embedded H2 Moodle and print the report.")
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "where the demo files go (default: a new temp dir)")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("moodle-sync-demo");
        Path file = work.resolve("userimport.csv");
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/userimport.csv")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (MoodleDatabase db = MoodleDatabase.h2InMemory("demo" + ProcessHandle.current().pid())) {
            MoodleSchemaInstaller.on(db).install();
            out.println("Embedded Moodle 4.5 schema installed in H2; synchronising " + file);
            SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();

            RunResult first = engine.users().from(file).identifyBy(UserKey.IDNUMBER).execute();
            out.println();
            out.println("== Report of the first run (" + first.reportFile().getFileName() + ")");
            out.println(Files.readString(first.reportFile(), StandardCharsets.UTF_8));
            RunSummary.print(first, out);
            if (first.trybackFile() != null) {
                out.println();
                out.println("== Tryback file (the failed lines, ready to fix and rerun)");
                out.println(Files.readString(first.trybackFile(), StandardCharsets.UTF_8));
            }

            RunResult second = engine.users().from(file).identifyBy(UserKey.IDNUMBER).noOutputFiles().execute();
            out.println("== Second run of the same file: nothing left to write");
            RunSummary.print(second, out);

            long users = db.dsl().fetchCount(org.moodlesync.jooq.schema.Tables.MDL_USER);
            out.println();
            out.println("The embedded Moodle now holds " + users + " users (guest and admin included).");
        }
        return MoodleSyncCommand.OK;
    }
}
