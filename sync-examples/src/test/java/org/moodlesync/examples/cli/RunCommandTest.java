package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code moodle-sync install} and {@code moodle-sync run} on an in-memory H2 Moodle: exit codes and effects. */
class RunCommandTest {

    static final String HEADER = "username;firstname;lastname;idnumber;email;password";

    @TempDir
    Path dir;

    private String url;
    private Path reports;
    private Path trybacks;

    @BeforeEach
    void installAMoodle() {
        url = Cli.newH2Url();
        reports = dir.resolve("reports-out");
        trybacks = dir.resolve("tryback-out");
        Cli.Run install = Cli.run("install", "--db-url", url, "--db-user", "sa");
        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.out()).contains("installed the Moodle 4.5 schema").contains("prefix mdl_");
    }

    @AfterEach
    void dropIt() {
        Cli.shutdownH2(url);
    }

    private Path file(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private Path cleanFile() throws IOException {
        return file("userimport.csv", HEADER,
                "jdoe;Jane;Doe;E001;jane@example.org;Pw#1secret",
                "bsmith;Bob;Smith;E002;bob@example.org;Pw#2secret");
    }

    private Cli.Run run(String kind, Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("run", kind, file.toString(), "--db-url", url, "--db-user", "sa",
                "--report-dir", reports.toString(), "--tryback-dir", trybacks.toString()));
        args.addAll(List.of(more));
        return Cli.run(args);
    }

    private long users() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return Cli.count(c, "select count(*) from mdl_user");
        }
    }

    private List<Path> trybackFiles() throws IOException {
        if (!Files.isDirectory(trybacks)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(trybacks)) {
            return files.toList();
        }
    }

    // ------------------------------------------------------------------------------------------------ exit 0 and 1

    @Test
    void aCleanFileExitsZero() throws Exception {
        assertThat(users()).as("guest and admin").isEqualTo(2);

        Cli.Run run = run("users", cleanFile());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("users userimport.csv: COMPLETED")
                .contains("read=2 created=2 updated=0 unchanged=0 deleted=0 skipped=0 failed=0");
        assertThat(run.err()).isEmpty();
        assertThat(users()).isEqualTo(4);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(Cli.column(c, "select idnumber from mdl_user where username in ('jdoe', 'bsmith')"
                    + " order by username")).containsExactly("E002", "E001");
        }
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files).singleElement()
                    .satisfies(p -> assertThat(p.getFileName().toString()).endsWith("_report_userimport.csv"));
        }
        assertThat(trybackFiles()).isEmpty();
    }

    @Test
    void aSecondRunOfTheSameFileChangesNothingAndExitsZero() throws Exception {
        Path file = cleanFile();
        assertThat(run("users", file).exit()).isZero();

        Cli.Run again = run("users", file);

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("created=0 updated=0 unchanged=2");
        assertThat(users()).isEqualTo(4);
    }

    @Test
    void aFailedLineExitsOneAndLandsInTheTrybackDirectory() throws Exception {
        Path file = file("userimport.csv", HEADER,
                "jdoe;Jane;Doe;E001;jane@example.org;Pw#1secret",
                "dlee;Dan;Lee;E004;not-an-email;Pw#4secret");

        Cli.Run run = run("users", file);

        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        assertThat(run.out()).contains("COMPLETED_WITH_ERRORS").contains("FAILED userimport.csv:3:5: [email]");
        assertThat(users()).isEqualTo(3);
        assertThat(trybackFiles()).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString()).startsWith("userimport_tryback_").endsWith(".csv");
            assertThat(Files.readAllLines(p)).containsExactly(HEADER, "dlee;Dan;Lee;E004;not-an-email;Pw#4secret");
        });
        assertThat(run.out()).contains("tryback: " + trybacks);
    }

    @Test
    void stopOnErrorExitsOneAndWritesNothingAfterTheFailedLine() throws Exception {
        Path file = file("userimport.csv", HEADER,
                "dlee;Dan;Lee;E004;not-an-email;Pw#4secret",
                "jdoe;Jane;Doe;E001;jane@example.org;Pw#1secret");

        Cli.Run run = run("users", file, "--stop-on-error");

        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        assertThat(run.out()).contains("STOPPED");
        assertThat(users()).isEqualTo(2);
        assertThat(trybackFiles()).singleElement().satisfies(p -> assertThat(Files.readAllLines(p))
                .containsExactly(HEADER, "dlee;Dan;Lee;E004;not-an-email;Pw#4secret",
                        "jdoe;Jane;Doe;E001;jane@example.org;Pw#1secret"));
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        List<Long> before = rowCounts();

        Cli.Run run = run("users", cleanFile(), "--dry-run");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("COMPLETED (dry run)").contains("created=2");
        assertThat(users()).isEqualTo(2);
        assertThat(rowCounts()).isEqualTo(before);
    }

    /** Rows of the user, context and user preference tables. */
    private List<Long> rowCounts() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return List.of(Cli.count(c, "select count(*) from mdl_user"),
                    Cli.count(c, "select count(*) from mdl_context"),
                    Cli.count(c, "select count(*) from mdl_user_preferences"));
        }
    }

    @Test
    void otherSeparatorAndRfc4180FormatAreHonoured() throws Exception {
        Path file = file("export.csv", "username,firstname,lastname,idnumber,email",
                "jdoe,\"Jane, Mary\",Doe,E001,jane@example.org");

        Cli.Run run = run("users", file, "--format", "rfc4180", "--separator", ",");

        assertThat(run.exit()).as(run.toString()).isZero();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(Cli.column(c, "select firstname from mdl_user where username = 'jdoe'"))
                    .containsExactly("Jane, Mary");
        }
    }

    // ------------------------------------------------------------------------------------------------ exit 2

    @Test
    void anUnknownKindExitsTwo() throws IOException {
        Cli.Run run = run("bogus", cleanFile());

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.err()).startsWith("moodle-sync: unknown kind of file: bogus");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingFileExitsTwo() throws Exception {
        Cli.Run run = run("users", dir.resolve("nowhere.csv"));

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.err()).startsWith("moodle-sync: no such file: ").contains("nowhere.csv");
        assertThat(users()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--user-by", "--identify-by"})
    void aBadUserFieldExitsTwoUnderEitherName(String option) throws Exception {
        Cli.Run run = run("users", cleanFile(), option, "nickname");

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("moodle-sync: ").contains("unknown user identifier: nickname");
        assertThat(users()).isEqualTo(2);
    }

    @Test
    void aBadFormatExitsTwo() throws Exception {
        Cli.Run run = run("users", cleanFile(), "--format", "excel");

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.err()).startsWith("moodle-sync: --format is toolsync or rfc4180, not excel");
        assertThat(users()).isEqualTo(2);
    }

    @Test
    void aBadHeaderExitsTwoAndWritesNothing() throws Exception {
        Path file = file("userimport.csv", "username;firstname;lastname;colour", "jdoe;Jane;Doe;blue");

        Cli.Run run = run("users", file);

        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.out()).contains("FAILED").contains("unknown column \"colour\"");
        assertThat(users()).isEqualTo(2);
        assertThat(trybackFiles()).isEmpty();
    }

    @Test
    void anUnreachableDatabaseExitsTwoWithAOneLineMessage() throws IOException {
        Cli.Run run = Cli.run("run", "users", cleanFile().toString(),
                "--db-url", "jdbc:postgresql://127.0.0.1:1/none", "--db-user", "nobody");

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.errLines()).singleElement().asString().startsWith("moodle-sync: ").contains("127.0.0.1:1");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void installOnAnUnreachableDatabaseExitsTwoWithAOneLineMessage() {
        Cli.Run run = Cli.run("install", "--db-url", "jdbc:postgresql://127.0.0.1:1/none");

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.errLines()).singleElement().asString().startsWith("moodle-sync: ");
    }

    @Test
    void aMissingDatabaseUrlExitsTwo() throws IOException {
        Cli.Run run = Cli.run("run", "users", cleanFile().toString());

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.err()).contains("--db-url");
    }

    @Test
    void anUnknownOptionExitsTwo() throws Exception {
        Cli.Run run = run("users", cleanFile(), "--colour");

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.err()).contains("--colour");
        assertThat(users()).isEqualTo(2);
    }
}
