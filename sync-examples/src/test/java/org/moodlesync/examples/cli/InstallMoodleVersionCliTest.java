package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code moodle-sync install --moodle-version}: another branch's schema, then a run into it. */
class InstallMoodleVersionCliTest {

    @TempDir
    Path dir;

    private final String url = Cli.newH2Url();

    @AfterEach
    void dropIt() {
        Cli.shutdownH2(url);
    }

    private String config(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select \"value\" from \"mdl_config\" where \"name\" = '"
                     + name + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void installsMoodle53AndAUsersRunWritesIntoIt() throws IOException, SQLException {
        Cli.Run install = Cli.run("install", "--moodle-version", "5.3", "--db-url", url, "--db-user", "sa");
        Path users = dir.resolve("userimport.csv");
        Files.writeString(users, "username;firstname;lastname;email;auth\nu53;Ann;One;ann@example.org;manual\n"
                + "cas1;Cy;Cas;cy@example.org;cas\n", StandardCharsets.UTF_8);

        Cli.Run run = Cli.run("run", "users", users.toString(), "--db-url", url, "--db-user", "sa",
                "--report-dir", dir.resolve("reports").toString(), "--tryback-dir", dir.resolve("tryback").toString());

        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.out()).contains("installed the Moodle 5.3 schema");
        assertThat(config("version")).isEqualTo("2026100500.00");
        assertThat(config("branch")).isEqualTo("503");
        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        assertThat(run.out()).contains("created=1", "failed=1")
                .contains("the auth plugin 'cas' was removed from Moodle in 5.0, and the site runs Moodle 5.3");
    }

    @Test
    void anUnknownBranchIsAUsageError() {
        Cli.Run install = Cli.run("install", "--moodle-version", "3.9", "--db-url", url, "--db-user", "sa");

        assertThat(install.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(install.err()).contains("--moodle-version: unknown Moodle branch '3.9'; known: 4.1, 4.2, 4.3, 4.4,"
                + " 4.5, 5.0, 5.1, 5.2, 5.3");
    }
}
