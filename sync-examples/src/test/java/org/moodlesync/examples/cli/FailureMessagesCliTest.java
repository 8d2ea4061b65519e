package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fatal error is one sentence that names its cause, says the path once and never echoes a password. */
class FailureMessagesCliTest {

    @TempDir
    Path dir;

    private Path usersFile() throws IOException {
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, "username;firstname;lastname;email\njdoe;Jane;Doe;jane@example.org\n",
                StandardCharsets.UTF_8);
        return file;
    }

    private Cli.Run runUsers(Path file, String url, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "users", file.toString(),
                "--db-url", url, "--report-dir", dir.resolve("reports").toString(),
                "--tryback-dir", dir.resolve("tryback").toString()));
        args.addAll(java.util.List.of(more));
        return Cli.run(args);
    }

    private static void assertOneSentence(Cli.Run run) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString().startsWith("moodle-sync: ");
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aMissingCommandFileSaysNoSuchFileAndNamesItOnce() {
        String url = Cli.newH2Url();
        Cli.Run install = Cli.run("install", "--db-url", url, "--db-user", "sa");
        assertThat(install.exit()).as(install.toString()).isZero();
        Path missing = dir.resolve("nope.csv");

        Cli.Run run = runUsers(missing, url, "--db-user", "sa");
        Cli.shutdownH2(url);

        String all = run.out() + run.err();
        assertThat(all).contains("nope.csv").contains("no such file");
        assertThat(all.split("nope\\.csv", -1)).as(all).hasSizeLessThanOrEqualTo(3);
        assertThat(all).doesNotContain(missing + ": " + missing);
    }

    @Test
    void anUnreadableCommandFileSaysPermissionDenied() throws IOException {
        Path file = usersFile();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable");
        String url = Cli.newH2Url();
        Cli.run("install", "--db-url", url, "--db-user", "sa");

        Cli.Run run = runUsers(file, url, "--db-user", "sa");
        Cli.shutdownH2(url);

        assertThat(run.out() + run.err()).contains("permission denied");
    }

    @Test
    void aMissingConfigPhpSaysNoSuchFile() throws IOException {
        Cli.Run run = Cli.run("run", "users", usersFile().toString(), "--moodle-config", "/nonexistent/config.php");

        assertOneSentence(run);
        assertThat(run.err()).contains("/nonexistent/config.php: no such file")
                .doesNotContain("config.php: /nonexistent/config.php");
    }

    @Test
    void aUrlOfAnotherKindSaysWhichUrlsWork() throws IOException {
        Cli.Run run = runUsers(usersFile(), "notaurl");

        assertOneSentence(run);
        assertThat(run.err()).contains("jdbc:postgresql://").doesNotContain("Failed to get driver instance");
    }

    @Test
    void aPasswordInAMalformedUrlIsNotEchoed() throws IOException {
        Cli.Run run = runUsers(usersFile(), "jdbc:mariadb://u:Secret@host:xx/db");

        assertOneSentence(run);
        assertThat(run.err()).doesNotContain("Secret");
    }

    @Test
    void aPasswordOptionIsNotEchoed() throws IOException {
        Cli.Run run = runUsers(usersFile(), "jdbc:postgresql://127.0.0.1:1/db?password=Secret2", "--db-password",
                "Secret3");

        assertOneSentence(run);
        assertThat(run.err()).doesNotContain("Secret2").doesNotContain("Secret3");
    }

    @Test
    void anUnknownHostSaysSo() throws IOException {
        Cli.Run run = runUsers(usersFile(), "jdbc:postgresql://no-such-host.invalid:5432/moodle", "--db-timeout", "5");

        assertOneSentence(run);
        assertThat(run.err()).contains("unknown host").contains("no-such-host.invalid");
    }

    @Test
    void aRefusedPortAsksWhetherTheServerRuns() throws IOException {
        Cli.Run run = runUsers(usersFile(), "jdbc:mariadb://127.0.0.1:1/moodle", "--db-user", "root");

        assertOneSentence(run);
        assertThat(run.err()).contains("connection refused").contains("127.0.0.1:1");
    }

    @Test
    void aWrongPasswordOnMariaDbSaysAuthenticationFailed() throws IOException {
        Cli.Run run = runUsers(usersFile(), "jdbc:mariadb://127.0.0.1:3306/mysql", "--db-user", "root",
                "--db-password", "WrongPw9");

        assertOneSentence(run);
        assertThat(run.err()).contains("authentication failed").doesNotContain("WrongPw9");
    }

    /**
     * The local PostgreSQL trusts every local login, so a wrong password cannot be refused there: an unknown role is
     * the login PostgreSQL refuses (SQLState 28000, as for a wrong password under md5/scram).
     */
    @Test
    void aLoginRefusedByPostgresqlSaysAuthenticationFailed() throws IOException {
        Cli.Run run = runUsers(usersFile(), "jdbc:postgresql://127.0.0.1:5432/postgres", "--db-user",
                "no_such_role_" + System.nanoTime(), "--db-password", "WrongPw9");

        assertOneSentence(run);
        assertThat(run.err()).contains("refused the login").doesNotContain("WrongPw9");
    }

    @Test
    void anUnknownDatabaseOnPostgresqlSaysSo() throws IOException {
        Cli.Run run = runUsers(usersFile(), "jdbc:postgresql://127.0.0.1:5432/no_such_db_" + System.nanoTime(),
                "--db-user", "postgres");

        assertOneSentence(run);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void anUnknownDatabaseOnMariaDbSaysSo() throws IOException {
        Cli.Run run = runUsers(usersFile(), "jdbc:mariadb://127.0.0.1:3306/no_such_db_" + System.nanoTime(),
                "--db-user", "root");

        assertOneSentence(run);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void aWrongPrefixSaysThereIsNoConfigTable() throws IOException {
        String url = Cli.newH2Url();
        Cli.Run install = Cli.run("install", "--db-url", url, "--db-user", "sa");
        assertThat(install.exit()).as(install.toString()).isZero();

        Cli.Run run = runUsers(usersFile(), url, "--db-user", "sa", "--prefix", "xyz_");
        Cli.shutdownH2(url);

        assertOneSentence(run);
        assertThat(run.err()).contains("no table xyz_config").contains("prefix");
    }

    @Test
    void anEmptyPostgresqlDatabaseIsNotAMoodle() throws IOException {
        try (org.moodlesync.jooq.testing.TestDatabase db = org.moodlesync.jooq.testing.TestDatabase.empty(
                org.moodlesync.jooq.testing.DatabaseServer.POSTGRESQL)) {
            String url = ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl();
            Cli.Run run = runUsers(usersFile(), url, "--db-user", db.server().user());

            assertOneSentence(run);
            assertThat(run.err()).contains("no table mdl_config");
        }
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Cli.Run run = Cli.run("run", "users", usersFile().toString(), "--moodle-config", "/nonexistent/config.php",
                "--verbose");

        assertThat(run.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.err()).contains("\tat ").contains("NoSuchFileException");
        assertThat(run.errLines().get(run.errLines().size() - 1)).startsWith("moodle-sync: ");
    }
}
