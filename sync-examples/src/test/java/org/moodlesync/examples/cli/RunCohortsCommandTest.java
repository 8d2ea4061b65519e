package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code moodle-sync run cohorts|cohort-bindings FILE} on an embedded Moodle (H2). */
class RunCohortsCommandTest {

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void install() throws IOException {
        url = Cli.newH2Url();
        assertThat(Cli.run("install", "--db-url", url, "--db-user", "sa").exit()).isZero();
        Cli.Run users = run("users", file("users.csv", "username;idnumber;firstname;lastname;email",
                "u1;E1;Una;One;u1@example.org", "u2;E2;Dos;Two;u2@example.org"));
        assertThat(users.exit()).as(users.toString()).isZero();
    }

    @AfterEach
    void drop() {
        Cli.shutdownH2(url);
    }

    private Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private Cli.Run run(String kind, Path file, String... options) {
        List<String> args = new ArrayList<>(List.of("run", kind, file.toString(), "--db-url", url, "--db-user", "sa",
                "--report-dir", dir.resolve("reports").toString(), "--tryback-dir", dir.resolve("tryback").toString()));
        args.addAll(List.of(options));
        return Cli.run(args);
    }

    @Test
    void runsACohortsFileWithItsIdentifiers() throws Exception {
        Path cohorts = file("cohorts.csv", "cname;cidnumber;userid", "Staff;STAFF;u1", "Staff;STAFF;u2");

        Cli.Run run = run("cohorts", cohorts, "--cohort-by", "name", "--user-by", "username");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("cohorts cohorts.csv: COMPLETED", "read=2 created=1 updated=1");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(Cli.column(c, "select u.username from mdl_cohort_members m join mdl_user u on u.id = m.userid"
                    + " join mdl_cohort h on h.id = m.cohortid where h.idnumber = 'STAFF' order by u.username"))
                    .containsExactly("u1", "u2");
        }
        Cli.Run again = run("cohorts", cohorts, "--cohort-by", "name", "--identify-by", "username");
        assertThat(again.out()).contains("read=2 created=0 updated=0 unchanged=2");

        Cli.Run dry = run("cohorts", file("del.csv", "cmd;cidnumber", "del;STAFF"), "--dry-run");
        assertThat(dry.out()).contains("(dry run)", "deleted=1");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(Cli.count(c, "select count(*) from mdl_cohort")).isEqualTo(1);
        }
    }

    @Test
    void aBindingToAnUnknownCourseFailsItsLine() throws Exception {
        run("cohorts", file("cohorts.csv", "cidnumber;userid", "STAFF;E1"));

        Cli.Run run = run("cohort-bindings", file("bind.csv", "cohort;course;role", "STAFF;NOPE;"),
                "--course-by", "shortname");

        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        assertThat(run.out()).contains("FAILED bind.csv:2:2: [course] no course with shortname NOPE");
    }

    @Test
    void refusesBadIdentifiers() throws Exception {
        Path cohorts = file("cohorts.csv", "cidnumber", "STAFF");

        Cli.Run bad = run("cohorts", cohorts, "--cohort-by", "colour");
        assertThat(bad.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(bad.err()).contains("unknown cohort identifier: colour (id, idnumber or name)");
        assertThat(run("cohort-bindings", cohorts, "--time-zone", "Mars/Olympus").exit())
                .isEqualTo(MoodleSyncCommand.FATAL);
    }
}
