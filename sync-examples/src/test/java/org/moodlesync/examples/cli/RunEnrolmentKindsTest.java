package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
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

/** {@code moodle-sync run enrolments|groups|group-members} on each database engine: exit codes, rows, options. */
class RunEnrolmentKindsTest {

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private Cli.Run run(TestDatabase db, String kind, Path file, String... options) {
        String url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        List<String> args = new ArrayList<>(List.of("run", kind, file.toString(), "--db-url", url, "--db-user",
                db.server().user(), "--db-password", db.server().password()));
        args.addAll(List.of(options));
        return Cli.run(args);
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void theEnrolmentAndGroupKindsRunFromTheCommandLine(DatabaseServer server) throws IOException {
        try (TestDatabase db = TestDatabase.installed(server)) {
            DSLContext dsl = db.dsl();
            CourseFixture.Course chem = new CourseFixture(dsl, Instant.now().getEpochSecond()).create("CHEM101",
                    "C101");

            Cli.Run users = run(db, "users", file("users.csv", "username;firstname;lastname;email;course1;group1",
                    "jdoe;Jane;Doe;jane@example.org;C101;Lab A", "bsmith;Bob;Smith;bob@example.org;;"),
                    "--course-by", "idnumber");
            assertThat(users.exit()).as(users.toString()).isZero();
            assertThat(users.out()).contains("purge");

            Cli.Run groups = run(db, "groups", file("groups.csv", "courseid;name;idnumber", "CHEM101;Lab B;B"));
            assertThat(groups.exit()).as(groups.toString()).isZero();

            Cli.Run enrols = run(db, "enrolments", file("enrols.csv", "cmd;rolename;uid;cid;starttime",
                    "add;student;bsmith;CHEM101;2024-09-01", "add;student;nobody;CHEM101;"),
                    "--user-by", "username", "--time-zone", "UTC");
            assertThat(enrols.exit()).as(enrols.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
            assertThat(enrols.out()).contains("no user with username nobody");
            assertThat(dsl.select(MDL_USER_ENROLMENTS.TIMESTART).from(MDL_USER_ENROLMENTS)
                    .where(MDL_USER_ENROLMENTS.ENROLID.eq(chem.manualId())).fetch(MDL_USER_ENROLMENTS.TIMESTART))
                    .contains(1_725_148_800L);
            assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("enrols_tryback_"));

            Cli.Run members = run(db, "group-members", file("members.csv", "cmd;courseid;groupid;userid",
                    "shift;CHEM101;B;jdoe", "add;CHEM101;B;bsmith"), "--identify-by", "username",
                    "--group-identifier", "idnumber");
            assertThat(members.exit()).as(members.toString()).isZero();
            assertThat(dsl.fetchCount(MDL_GROUPS_MEMBERS.join(MDL_GROUPS).on(MDL_GROUPS.ID.eq(
                    MDL_GROUPS_MEMBERS.GROUPID)), MDL_GROUPS.IDNUMBER.eq("B"))).isEqualTo(2);
            assertThat(dsl.fetchCount(MDL_GROUPS_MEMBERS)).as("jdoe left Lab A").isEqualTo(2);

            Cli.Run bad = run(db, "enrolments", file("bad.csv", "uid;cid;g10", "x;y;z"));
            assertThat(bad.exit()).isEqualTo(MoodleSyncCommand.FATAL);
            assertThat(bad.err()).contains("unknown column \"g10\"");

            Cli.Run badOption = run(db, "groups", file("g.csv", "courseid;name", "CHEM101;X"),
                    "--course-identifier", "fullname");
            assertThat(badOption.exit()).as("the former name still works, and is checked").isEqualTo(
                    MoodleSyncCommand.FATAL);
            assertThat(badOption.err()).contains("unknown course identifier: fullname");
        }
    }
}
