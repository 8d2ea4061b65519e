package org.moodlesync.examples.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.notify.MailNotifier;
import org.moodlesync.core.notify.MailSettings;
import org.moodlesync.core.schedule.Schedule;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;

/**
 * A host application that only syncs users: {@link UsersOnlyHostTest} runs it in a class loader holding sync-api,
 * sync-core, sync-jooq, their required dependencies and H2 only. It uses the JDK's types in its signature, so the
 * test (in another class loader) can call it.
 */
public final class UsersOnlyHost {

    private UsersOnlyHost() {
    }

    /**
     * Syncs two users into a fresh embedded Moodle, then tries each optional feature.
     *
     * @return {@code created=N}, then per feature the message it failed with or {@code ok}
     */
    public static List<String> run(String databaseName) {
        List<String> seen = new ArrayList<>();
        registerOwnH2Driver();
        try (MoodleDatabase db = MoodleDatabase.h2InMemory(databaseName);
             JooqMoodle moodle = JooqMoodle.on(db)) {
            MoodleSchemaInstaller.on(db).install();
            SyncEngine engine = SyncEngine.builder().moodle(moodle).build();
            RunResult run = engine.users().commands(List.of(
                    UserCommand.builder().username("jdoe").idnumber("E001").firstname("Jane").lastname("Doe")
                            .email("jane@example.org").password(Password.plain("S3cret!x")).build(),
                    UserCommand.builder().username("rroe").idnumber("E002").firstname("Richard").lastname("Roe")
                            .email("richard@example.org").build()))
                    .noOutputFiles()
                    .execute();
            seen.add("created=" + run.counts().created() + " failed=" + run.counts().failed());
            seen.add("delay: " + attempt(() -> Schedule.every(Duration.ofMinutes(5))));
            seen.add("cron: " + attempt(() -> Schedule.cron("0 */6 * * *")));
            seen.add("mail: " + attempt(() -> new MailNotifier(MailSettings.smtp("localhost", 25,
                    "moodle-sync@example.org", List.of("admin@example.org")))));
            seen.add("locks: " + attempt(moodle::runLocks));
        }
        return seen;
    }

    private static String attempt(Runnable feature) {
        try {
            feature.run();
            return "ok";
        } catch (RuntimeException | LinkageError e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * Loads H2's driver in this host's class loader, which registers it with {@link java.sql.DriverManager}. An
     * application's loader does this when DriverManager first starts; in a test JVM DriverManager has usually met H2
     * through the test's own class loader already, and does not hand that copy to classes of another loader.
     */
    private static void registerOwnH2Driver() {
        try {
            Class.forName("org.h2.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a users-only host needs its JDBC driver (H2 here)", e);
        }
    }
}
