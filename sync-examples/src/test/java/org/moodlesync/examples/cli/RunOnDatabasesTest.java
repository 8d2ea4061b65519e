package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * The same users file through {@code moodle-sync install} and {@code moodle-sync run users} on each database engine:
 * a database of its own per test (created and dropped by the sync-jooq test fixtures).
 */
class RunOnDatabasesTest {

    static final String HEADER = "username;firstname;lastname;idnumber;email;password;city;country";

    @TempDir
    Path dir;

    private Path usersFile() throws IOException {
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, String.join("\n", HEADER,
                "jdoe;Jane;Doe;E001;jane@example.org;Pw#1secret;Lyon;fr",
                "bsmith;Bob;Smith;E002;bob@example.org;Pw#2secret;Leeds;GB",
                "cmartin;Chloé;Martin;E003;chloe@example.org;Pw#3secret;Paris;FR") + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> connection(TestDatabase db) {
        String url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        return List.of("--db-url", url, "--db-user", db.server().user(), "--db-password", db.server().password());
    }

    private Cli.Run run(TestDatabase db, Path file) {
        List<String> args = new ArrayList<>(List.of("run", "users", file.toString()));
        args.addAll(connection(db));
        args.addAll(List.of("--report-dir", dir.resolve("reports").toString(),
                "--tryback-dir", dir.resolve("tryback").toString()));
        return Cli.run(args);
    }

    /** A user row as read back: username, idnumber, firstname, password, city, country, mnethostid, deleted. */
    private record UserRow(long id, String idnumber, String firstname, String password, String city, String country,
                           long mnethostid, int deleted, long timecreated) {
    }

    private static UserRow user(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select id, idnumber, firstname, password, city, country,"
                + " mnethostid, deleted, timecreated from mdl_user where username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("user " + username + " exists").isTrue();
                return new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getInt(8), rs.getLong(9));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void installThenRunTheUsersFile(DatabaseServer server) throws Exception {
        try (TestDatabase db = TestDatabase.empty(server)) {
            List<String> install = new ArrayList<>(List.of("install"));
            install.addAll(connection(db));
            Cli.Run installed = Cli.run(install);
            assertThat(installed.exit()).as(installed.toString()).isZero();

            Path file = usersFile();
            Cli.Run first = run(db, file);

            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.out()).contains("read=3 created=3 updated=0 unchanged=0 deleted=0 skipped=0 failed=0");
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(Cli.count(c, "select count(*) from mdl_user")).isEqualTo(5);
                for (String username : List.of("jdoe", "bsmith", "cmartin")) {
                    UserRow u = user(c, username);
                    assertThat(u.password()).as(username).startsWith("$6$rounds=10000$").hasSize(16 + 17 + 86);
                    assertThat(u.mnethostid()).isEqualTo(1);
                    assertThat(u.deleted()).isZero();
                    assertThat(u.timecreated()).isPositive();
                    assertUserContext(c, u.id());
                }
                UserRow jdoe = user(c, "jdoe");
                assertThat(jdoe.idnumber()).isEqualTo("E001");
                assertThat(jdoe.country()).isEqualTo("FR");
                assertThat(jdoe.city()).isEqualTo("Lyon");
                assertThat(user(c, "cmartin").firstname()).as("UTF-8 kept").isEqualTo("Chloé");
                assertThat(user(c, "bsmith").password()).isNotEqualTo(jdoe.password());
            }

            Cli.Run second = run(db, file);

            assertThat(second.exit()).as(second.toString()).isZero();
            assertThat(second.out()).contains("read=3 created=0 updated=0 unchanged=3");
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(Cli.count(c, "select count(*) from mdl_user")).isEqualTo(5);
                assertThat(Cli.count(c, "select count(*) from mdl_context where contextlevel = 30"
                        + " and instanceid in (select id from mdl_user where username in ('jdoe','bsmith','cmartin'))"))
                        .as("one context per user, not one per run").isEqualTo(3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseServer.class, names = {"POSTGRESQL", "MARIADB"})
    void aFailingLineExitsOneOnEveryEngine(DatabaseServer server) throws Exception {
        try (TestDatabase db = TestDatabase.empty(server)) {
            List<String> install = new ArrayList<>(List.of("install"));
            install.addAll(connection(db));
            assertThat(Cli.run(install).exit()).isZero();
            Path file = dir.resolve("userimport.csv");
            Files.writeString(file, HEADER + "\n"
                    + "jdoe;Jane;Doe;E001;jane@example.org;Pw#1secret;Lyon;FR\n"
                    + "jdup;Jim;Dup;E009;jane@example.org;Pw#9secret;Lyon;FR\n", StandardCharsets.UTF_8);

            Cli.Run run = run(db, file);

            assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
            assertThat(run.out()).contains("FAILED userimport.csv:3:5: [email] email collision");
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(Cli.column(c, "select username from mdl_user where idnumber <> '' order by username"))
                        .containsExactly("jdoe");
            }
            try (var files = Files.list(dir.resolve("tryback"))) {
                assertThat(files).singleElement().satisfies(p -> assertThat(Files.readAllLines(p))
                        .containsExactly(HEADER, "jdup;Jim;Dup;E009;jane@example.org;Pw#9secret;Lyon;FR"));
            }
        }
    }

    private static void assertUserContext(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select id, path, depth from mdl_context where contextlevel = 30 and instanceid = ?")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("user " + userId + " has a context").isTrue();
                long contextId = rs.getLong(1);
                assertThat(rs.getString(2)).isEqualTo("/1/" + contextId);
                assertThat(rs.getInt(3)).isEqualTo(2);
                assertThat(rs.next()).as("one context only").isFalse();
            }
        }
    }
}
