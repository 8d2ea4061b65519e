package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * A site whose Moodle version moodle-sync does not know is refused before anything is written, with one sentence and
 * exit 2; {@code --allow-unknown-moodle-version} runs anyway and the run's notices say so.
 */
class MoodleVersionGateCliTest {

    @TempDir
    Path dir;

    private static List<String> connection(TestDatabase db) {
        String url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        return List.of("--db-url", url, "--db-user", db.server().user(), "--db-password", db.server().password());
    }

    private Cli.Run runUsers(TestDatabase db, String... more) throws Exception {
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, "username;firstname;lastname;email\njdoe;Jane;Doe;jane@example.org\n",
                StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("run", "users", file.toString()));
        args.addAll(connection(db));
        args.addAll(List.of("--report-dir", dir.resolve("reports").toString(),
                "--tryback-dir", dir.resolve("tryback").toString()));
        args.addAll(List.of(more));
        return Cli.run(args);
    }

    private static void installAs(TestDatabase db, String version, String release) throws Exception {
        List<String> install = new ArrayList<>(List.of("install"));
        install.addAll(connection(db));
        Cli.Run installed = Cli.run(install);
        assertThat(installed.exit()).as(installed.toString()).isZero();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("update mdl_config set " + valueColumn(db.server())
                     + " = ? where name = ?")) {
            s.setString(1, version);
            s.setString(2, "version");
            s.executeUpdate();
            s.setString(1, release);
            s.setString(2, "release");
            s.executeUpdate();
        }
    }

    /** {@code value} is a reserved word in H2. */
    private static String valueColumn(DatabaseServer server) {
        return switch (server) {
            case H2 -> "\"value\"";
            case MARIADB -> "`value`";
            default -> "value";
        };
    }

    private static long users(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            return Cli.count(c, "select count(*) from mdl_user");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void aNewerMoodleIsRefusedAndNothingIsWritten(DatabaseServer server) throws Exception {
        try (TestDatabase db = TestDatabase.empty(server)) {
            installAs(db, "2026120400.00", "6.0dev (Build: 20261204)");
            long before = users(db);

            Cli.Run run = runUsers(db);

            assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                    .startsWith("moodle-sync: ")
                    .contains("Moodle 6.0dev (Build: 20261204), version 2026120400.00")
                    .contains("does not know this version (newer, or a development build)")
                    .contains("writes into Moodle 4.1 to 5.3 only")
                    .contains("Nothing was written")
                    .contains("--allow-unknown-moodle-version");
            assertThat(run.err()).doesNotContain("\tat ");
            assertThat(users(db)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseServer.class, names = "H2")
    void anOlderOrADevelopmentVersionIsRefusedToo(DatabaseServer server) throws Exception {
        try (TestDatabase db = TestDatabase.empty(server)) {
            installAs(db, "2022041900.00", "4.0 (Build: 20220419)");
            Cli.Run older = runUsers(db);
            assertThat(older.exit()).as(older.toString()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(older.err()).contains("older than every version moodle-sync writes");
        }
        try (TestDatabase db = TestDatabase.empty(server)) {
            installAs(db, "2024121900.01", "5.0dev (Build: 20241219)");
            Cli.Run dev = runUsers(db);
            assertThat(dev.exit()).as(dev.toString()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(dev.err()).contains("does not know this version (newer, or a development build)");
            assertThat(users(db)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void theOverrideRunsAndTheRunSaysTheVersionWasUnknown(DatabaseServer server) throws Exception {
        try (TestDatabase db = TestDatabase.empty(server)) {
            installAs(db, "2026120400.00", "6.0dev (Build: 20261204)");
            long before = users(db);

            Cli.Run run = runUsers(db, "--allow-unknown-moodle-version");

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out()).contains("created=1")
                    .contains("a version moodle-sync does not know: the run went ahead because unknown Moodle"
                            + " versions were allowed");
            assertThat(users(db)).isEqualTo(before + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseServer.class, names = "H2")
    void aKnownVersionRunsWithoutNotice(DatabaseServer server) throws Exception {
        for (String[] version : new String[][] {{"2024100713.00", "4.5.13 (Build: 20260810)"},
                {"2022112814.00", "4.1.14 (Build: 20241007)"}, {"2026042002.00", "5.2.2 (Build: 20260810)"}}) {
            try (TestDatabase db = TestDatabase.empty(server)) {
                installAs(db, version[0], version[1]);
                Cli.Run run = runUsers(db);
                assertThat(run.exit()).as(run.toString()).isZero();
                assertThat(run.out()).contains("created=1").doesNotContain("does not know");
            }
        }
    }
}
