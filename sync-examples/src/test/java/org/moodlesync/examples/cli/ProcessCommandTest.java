package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/** {@code moodle-sync lock-table} and {@code process} against a PostgreSQL Moodle named by its config.php. */
class ProcessCommandTest {

    @TempDir
    Path dir;

    @Test
    void aWorkspaceRunFromConfigPhpWithDatabaseLocks() throws IOException {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.POSTGRESQL)) {
            Path config = CliTesting.configPhp(db, dir);
            Path inbox = dir.resolve("moodledata/sync");
            Files.createDirectories(inbox);
            Files.writeString(inbox.resolve("userimport.csv"), "username;firstname;lastname;email\n"
                    + "cli1;Ann;One;ann@example.org\ncli2;Ben;Two;not-a-mail\n", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(inbox.resolve("userimport.csv"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

            CliTesting.Outcome created = CliTesting.cli("lock-table", "--create", "--moodle-config", config.toString());
            assertThat(created.exitCode()).isZero();
            assertThat(created.out()).contains("created moodlesync_lock");

            CliTesting.Outcome run = CliTesting.cli("process", "users", "--workspace", dir.resolve("ws").toString(),
                    "--moodle-config", config.toString(), "--inbox", "dataroot", "--settle", "10ms",
                    "--lock", "db", "--progress", "none");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
            assertThat(run.out()).contains("users userimport.csv: COMPLETED_WITH_ERRORS",
                    "FAILED userimport.csv:3:4: [email]", "archive: ");
            assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.eq("cli1"))).isEqualTo(1);
            assertThat(inbox.resolve("userimport.csv")).doesNotExist();

            // another machine holds the users lock: the run is refused with exit code 3
            long now = System.currentTimeMillis();
            db.dsl().update(table(name("moodlesync_lock")))
                    .set(field(name("lock_until"), Long.class), now + 600_000)
                    .set(field(name("locked_by"), String.class), "other-host (pid 42)")
                    .where(field(name("name"), String.class).eq("moodle-sync:users"))
                    .and(field(name("tableprefix"), String.class).eq("mdl_")).execute();
            Files.writeString(dir.resolve("ws/userimport.csv"), "username;firstname;lastname;email\n"
                    + "cli3;Cy;Three;cy@example.org\n", StandardCharsets.UTF_8);
            CliTesting.Outcome refused = CliTesting.cli("process", "users", "--workspace",
                    dir.resolve("ws").toString(), "--moodle-config", config.toString(), "--progress", "none");
            assertThat(refused.exitCode()).isEqualTo(MoodleSyncCommand.LOCKED);
            assertThat(refused.out()).contains("users: refused (another run holds the lock)");
            assertThat(refused.err()).contains("held by other-host (pid 42)");
            CliTesting.Outcome direct = CliTesting.cli("run", "users", dir.resolve("ws/userimport.csv").toString(),
                    "--moodle-config", config.toString());
            assertThat(direct.exitCode()).isEqualTo(MoodleSyncCommand.LOCKED);
            assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.eq("cli3"))).isZero();

            CliTesting.Outcome status = CliTesting.cli("lock-table", "--status", "--moodle-config", config.toString());
            assertThat(status.out()).contains("moodle-sync:users: HELD by other-host (pid 42)");
        }
    }

    @Test
    void theDatabaseMustBeNamed() {
        CliTesting.Outcome o = CliTesting.cli("process", "users", "--workspace", dir.toString());
        assertThat(o.exitCode()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(o.err()).contains("give --db-url URL or --moodle-config");
    }
}
