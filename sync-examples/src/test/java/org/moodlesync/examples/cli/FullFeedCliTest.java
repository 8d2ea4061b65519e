package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.moodlesync.jooq.internal.enrol.CourseFixture;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * {@code moodle-sync feed-table} and {@code run}/{@code process enrolments --full-feed} on each database engine: a
 * nightly snapshot applied, what it dropped unenrolled with an undo file, a truncated snapshot refused with exit
 * code 4 and nothing written, a dry run that prints the difference.
 */
class FullFeedCliTest {

    static final String HEADER = "cmd;rolename;uid;cid;enrol;starttime;endtime";

    @TempDir
    Path dir;

    private List<String> db(TestDatabase db) {
        String url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        return List.of("--db-url", url, "--db-user", db.server().user(), "--db-password", db.server().password());
    }

    private Cli.Run cli(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(db(db));
        return Cli.run(all);
    }

    private Path snapshot(String name, int users) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= users; i++) {
            sb.append("add;student;u").append(i).append(";CHEM101;manual;;\n");
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        return f;
    }

    private static long active(DSLContext dsl, long enrolId) {
        return dsl.fetchCount(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.ENROLID.eq(enrolId)
                .and(MDL_USER_ENROLMENTS.STATUS.eq(0L)));
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void aNightlySnapshotFromTheCommandLine(DatabaseServer server) throws IOException {
        try (TestDatabase db = TestDatabase.installed(server)) {
            DSLContext dsl = db.dsl();
            CourseFixture.Course chem = new CourseFixture(dsl, Instant.now().getEpochSecond()).create("CHEM101",
                    "C101");
            StringBuilder users = new StringBuilder("username;idnumber;firstname;lastname;email\n");
            for (int i = 1; i <= 20; i++) {
                users.append("u").append(i).append(";u").append(i).append(";U;").append(i).append(";u").append(i)
                        .append("@example.org\n");
            }
            Files.writeString(dir.resolve("users.csv"), users.toString(), StandardCharsets.UTF_8);
            assertThat(cli(db, "run", "users", dir.resolve("users.csv").toString()).exit()).isZero();

            Cli.Run missing = cli(db, "run", "enrolments", snapshot("monday.csv", 20).toString(),
                    "--full-feed", "courses-in-file", "--user-by", "username");
            assertThat(missing.exit()).as(missing.toString()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(missing.err()).contains("moodle-sync feed-table --create");
            assertThat(cli(db, "feed-table", "--create").out()).contains("created moodlesync_feed_item");

            Cli.Run monday = cli(db, "run", "enrolments", snapshot("monday.csv", 20).toString(),
                    "--full-feed", "courses-in-file", "--user-by", "username");
            assertThat(monday.exit()).as(monday.toString()).isZero();
            assertThat(monday.out()).contains("created=20");
            assertThat(cli(db, "feed-table", "--status").out()).contains("default: 20 enrolments");

            Cli.Run dry = cli(db, "run", "enrolments", snapshot("tuesday.csv", 19).toString(),
                    "--full-feed", "courses-in-file", "--user-by", "username", "--on-absent", "unenrol",
                    "--dry-run");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("(dry run)", "unchanged=19", "removed=1");
            assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS)).isEqualTo(20);

            Cli.Run tuesday = cli(db, "run", "enrolments", snapshot("tuesday.csv", 19).toString(),
                    "--full-feed", "courses-in-file", "--user-by", "username", "--on-absent", "unenrol");
            assertThat(tuesday.exit()).as(tuesday.toString()).isZero();
            assertThat(tuesday.out()).contains("removed=1", "undo:    ");
            assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS)).isEqualTo(19);
            Path undo;
            try (var files = Files.list(dir)) {
                undo = files.filter(p -> p.getFileName().toString().startsWith("tuesday_undo_")).findFirst()
                        .orElseThrow();
            }
            assertThat(Files.readString(undo)).contains("add;student;u20;CHEM101;manual;");

            Cli.Run truncated = cli(db, "run", "enrolments", snapshot("wednesday.csv", 10).toString(),
                    "--full-feed", "courses-in-file", "--user-by", "username", "--max-removal-share", "25%");
            assertThat(truncated.exit()).as(truncated.toString()).isEqualTo(MoodleSyncCommand.REMOVALS_REFUSED);
            assertThat(truncated.out()).contains("REFUSED", "would be SUSPENDED: enrolment u11 in CHEM101");
            assertThat(truncated.err()).contains("suspend 9 of the 19 enrolments", "at most 25 %");
            assertThat(active(dsl, chem.manualId())).isEqualTo(19);

            Cli.Run put = cli(db, "run", "enrolments", undo.toString(), "--user-by", "username");
            assertThat(put.exit()).as(put.toString()).isZero();
            assertThat(active(dsl, chem.manualId())).isEqualTo(20);

            Cli.Run usage = cli(db, "run", "enrolments", snapshot("x.csv", 1).toString(), "--on-absent", "keep");
            assertThat(usage.exit()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(usage.err()).contains("go with --full-feed SCOPE");
            Cli.Run groups = cli(db, "run", "groups", dir.resolve("users.csv").toString(), "--full-feed", "site");
            assertThat(groups.exit()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(groups.err()).contains("are for enrolment, group member, cohort and users files");
            Cli.Run groupsScope = cli(db, "run", "enrolments", snapshot("y.csv", 1).toString(), "--full-feed",
                    "groups-in-file");
            assertThat(groupsScope.exit()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(groupsScope.err()).contains("groups-in-file is not a scope of enrolment files");

            Path ws = dir.resolve("ws");
            Files.createDirectories(ws);
            Files.copy(snapshot("thursday.csv", 18), ws.resolve("enrols.csv"));
            Cli.Run process = cli(db, "process", "enrolments", "--workspace", ws.toString(), "--settle", "1ms",
                    "--progress", "none", "--full-feed", "courses-in-file",
                    "--max-removals", "5");
            assertThat(process.exit()).as(process.toString()).isZero();
            // u19 suspended; u20, put back by the undo file (an ordinary run), is not the feed's until it lists it
            assertThat(process.out()).contains("unchanged=18", "suspended=1", "archive: ");
            assertThat(active(dsl, chem.manualId())).isEqualTo(19);
            assertThat(dsl.fetchCount(MDL_USER_ENROLMENTS, MDL_USER_ENROLMENTS.STATUS.eq(1L))).isEqualTo(1);
        }
    }

    private Path write(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private static long members(DSLContext dsl) {
        return dsl.fetchCount(org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS);
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void aNightlySnapshotOfGroupMembersFromTheCommandLine(DatabaseServer server) throws IOException {
        try (TestDatabase db = TestDatabase.installed(server)) {
            DSLContext dsl = db.dsl();
            new CourseFixture(dsl, Instant.now().getEpochSecond()).create("CHEM101", "C101");
            StringBuilder users = new StringBuilder("username;idnumber;firstname;lastname;email\n");
            StringBuilder enrols = new StringBuilder("uid;cid\n");
            List<String> monday = new ArrayList<>(List.of("courseid;groupid;userid"));
            for (int i = 1; i <= 10; i++) {
                users.append("u").append(i).append(";u").append(i).append(";U;").append(i).append(";u").append(i)
                        .append("@example.org\n");
                enrols.append("u").append(i).append(";CHEM101\n");
                monday.add("CHEM101;" + (i <= 5 ? "Lab A" : "Lab B") + ";u" + i);
            }
            Files.writeString(dir.resolve("users.csv"), users.toString(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("enrols.csv"), enrols.toString(), StandardCharsets.UTF_8);
            assertThat(cli(db, "run", "users", dir.resolve("users.csv").toString()).exit()).isZero();
            assertThat(cli(db, "run", "enrolments", dir.resolve("enrols.csv").toString(), "--user-by", "username")
                    .exit()).isZero();
            assertThat(cli(db, "run", "groups", write("groups.csv", "courseid;name", "CHEM101;Lab A",
                    "CHEM101;Lab B").toString()).exit()).isZero();
            assertThat(cli(db, "feed-table", "--create").exit()).isZero();

            Cli.Run first = cli(db, "run", "group-members", write("monday.csv", monday.toArray(String[]::new))
                    .toString(), "--full-feed", "groups-in-file", "--user-by", "username");
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.out()).contains("created=10");
            assertThat(cli(db, "feed-table", "--status").out()).contains("default: 10 group-members");

            List<String> tuesday = new ArrayList<>(monday.subList(0, 10)); // u10 left Lab B
            Path tue = write("tuesday.csv", tuesday.toArray(String[]::new));
            Cli.Run dry = cli(db, "run", "group-members", tue.toString(), "--full-feed", "groups-in-file",
                    "--user-by", "username", "--dry-run");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("(dry run)", "unchanged=9", "removed=1");
            assertThat(members(dsl)).isEqualTo(10);

            Cli.Run keep = cli(db, "run", "group-members", tue.toString(), "--full-feed", "groups-in-file",
                    "--user-by", "username", "--on-absent", "keep");
            assertThat(keep.exit()).as(keep.toString()).isZero();
            assertThat(members(dsl)).isEqualTo(10);
            Cli.Run wrongAction = cli(db, "run", "group-members", tue.toString(), "--full-feed", "groups-in-file",
                    "--on-absent", "suspend");
            assertThat(wrongAction.exit()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(wrongAction.err()).contains("(remove or keep)");

            Cli.Run truncated = cli(db, "run", "group-members", write("wednesday.csv", monday.subList(0, 4)
                    .toArray(String[]::new)).toString(), "--full-feed", "groups-in-file", "--user-by", "username");
            assertThat(truncated.exit()).as(truncated.toString()).isEqualTo(MoodleSyncCommand.REMOVALS_REFUSED);
            assertThat(truncated.out()).contains("REFUSED", "would be REMOVED: member u4 of Lab A in CHEM101");
            assertThat(members(dsl)).isEqualTo(10);

            Path ws = dir.resolve("ws");
            Files.createDirectories(ws);
            Files.copy(tue, ws.resolve("groupmembers.csv"));
            Cli.Run process = cli(db, "process", "group-members", "--workspace", ws.toString(), "--settle", "1ms",
                    "--progress", "none", "--full-feed", "group-members=groups-in-file", "--user-by", "username");
            assertThat(process.exit()).as(process.toString()).isZero();
            assertThat(process.out()).contains("unchanged=9", "removed=1");
            assertThat(members(dsl)).isEqualTo(9);
            Path undo;
            try (var files = Files.walk(ws)) {
                undo = files.filter(p -> p.getFileName().toString().startsWith("groupmembers_undo_")).findFirst()
                        .orElseThrow();
            }
            assertThat(Files.readAllLines(undo)).containsExactly("cmd;courseid;groupid;userid",
                    "add;CHEM101;Lab B;u10");
            Cli.Run put = cli(db, "run", "group-members", undo.toString(), "--user-by", "username");
            assertThat(put.exit()).as(put.toString()).isZero();
            assertThat(members(dsl)).isEqualTo(10);

            // cohorts: the same options; cohorts-in-file is the cohort files' scope
            Path staff = write("staff.csv", "cmd;userid;cidnumber;cname", "add;u1;STAFF;Staff", "add;u2;STAFF;Staff",
                    "add;u3;STAFF;Staff");
            assertThat(cli(db, "run", "cohorts", staff.toString(), "--full-feed", "cohorts-in-file").exit())
                    .isZero();
            Cli.Run wrongScope = cli(db, "run", "cohorts", staff.toString(), "--full-feed", "courses-in-file");
            assertThat(wrongScope.exit()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(wrongScope.err()).contains("cohorts-in-file or site");
            Cli.Run cohorts = cli(db, "run", "cohorts", write("staff2.csv", "cmd;userid;cidnumber;cname",
                    "add;u1;STAFF;Staff", "add;u2;STAFF;Staff").toString(), "--full-feed", "cohorts-in-file",
                    "--max-removal-share", "50%");
            assertThat(cohorts.exit()).as(cohorts.toString()).isZero();
            assertThat(cohorts.out()).contains("removed=1");
            assertThat(dsl.fetchCount(org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void aNightlySnapshotOfUsersFromTheCommandLine(DatabaseServer server) throws IOException {
        try (TestDatabase db = TestDatabase.installed(server)) {
            DSLContext dsl = db.dsl();
            List<String> monday = new ArrayList<>(List.of("username;idnumber;firstname;lastname;email;auth"));
            for (int i = 1; i <= 10; i++) {
                monday.add("u" + i + ";E" + i + ";U;" + i + ";u" + i + "@example.org;manual");
            }
            assertThat(cli(db, "feed-table", "--create").exit()).isZero();
            Cli.Run first = cli(db, "run", "users", write("monday.csv", monday.toArray(String[]::new)).toString(),
                    "--full-feed", "auth:manual");
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(cli(db, "feed-table", "--status").out()).contains("default: 10 users");

            Path tue = write("tuesday.csv", monday.subList(0, 10).toArray(String[]::new)); // u10 left
            Cli.Run dry = cli(db, "run", "users", tue.toString(), "--full-feed", "auth:manual", "--dry-run");
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("(dry run)", "unchanged=9", "suspended=1");
            assertThat(suspended(dsl)).isZero();

            Cli.Run wrongScope = cli(db, "run", "users", tue.toString(), "--full-feed", "courses-in-file");
            assertThat(wrongScope.exit()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(wrongScope.err()).contains("auth:METHOD, profile:SHORTNAME=VALUE or site");
            Cli.Run wrongAction = cli(db, "run", "users", tue.toString(), "--full-feed", "site", "--on-absent",
                    "unenrol");
            assertThat(wrongAction.exit()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(wrongAction.err()).contains("(suspend, delete or keep)");
            Cli.Run deletes = cli(db, "run", "user-deletes", tue.toString(), "--full-feed", "site");
            assertThat(deletes.exit()).isEqualTo(MoodleSyncCommand.FATAL);

            Cli.Run truncated = cli(db, "run", "users", write("wednesday.csv", monday.subList(0, 4)
                    .toArray(String[]::new)).toString(), "--full-feed", "auth:manual");
            assertThat(truncated.exit()).as(truncated.toString()).isEqualTo(MoodleSyncCommand.REMOVALS_REFUSED);
            assertThat(truncated.out()).contains("REFUSED", "would be SUSPENDED: user u4");
            assertThat(suspended(dsl)).isZero();

            Path ws = dir.resolve("users-ws");
            Files.createDirectories(ws);
            Files.copy(tue, ws.resolve("userimport.csv"));
            Cli.Run process = cli(db, "process", "users", "--workspace", ws.toString(), "--settle", "1ms",
                    "--progress", "none", "--full-feed", "users=auth:manual");
            assertThat(process.exit()).as(process.toString()).isZero();
            assertThat(process.out()).contains("unchanged=9", "suspended=1");
            assertThat(suspended(dsl)).isEqualTo(1);
            Path undo;
            try (var files = Files.walk(ws)) {
                undo = files.filter(p -> p.getFileName().toString().contains("_undo_")).findFirst().orElseThrow();
            }
            assertThat(Files.readAllLines(undo)).containsExactly("username;firstname;lastname;idnumber;suspended",
                    "u10;U;10;E10;0");
            Cli.Run put = cli(db, "run", "users", undo.toString());
            assertThat(put.exit()).as(put.toString()).isZero();
            assertThat(suspended(dsl)).isZero();

            Cli.Run delete = cli(db, "run", "users", tue.toString(), "--full-feed", "auth:manual", "--on-absent",
                    "delete");
            assertThat(delete.exit()).as(delete.toString()).isZero();
            assertThat(delete.out()).contains("removed=1", "deleted users cannot be put back");
            assertThat(dsl.fetchCount(org.moodlesync.jooq.schema.Tables.MDL_USER,
                    org.moodlesync.jooq.schema.Tables.MDL_USER.DELETED.eq((short) 1))).isEqualTo(1);
        }
    }

    private static int suspended(DSLContext dsl) {
        return dsl.fetchCount(org.moodlesync.jooq.schema.Tables.MDL_USER,
                org.moodlesync.jooq.schema.Tables.MDL_USER.SUSPENDED.eq((short) 1));
    }

    @org.junit.jupiter.api.Test
    void theHelpDescribesTheFeedOptions() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream traced = new java.io.ByteArrayOutputStream();
        Cli.Run help;
        System.setErr(new java.io.PrintStream(traced, true, StandardCharsets.UTF_8));
        try {
            help = Cli.run("run", "--help");
        } finally {
            System.setErr(stderr);
        }
        assertThat(help.out()).contains("--full-feed=[KIND=]SCOPE", "groups-in-file", "--max-removal-share=PERCENT", "e.g. 5% (default: 10%;");
        assertThat(traced.toString(StandardCharsets.UTF_8) + help.err()).as("picocli's own warnings")
                .doesNotContain("Could not format");
    }
}
