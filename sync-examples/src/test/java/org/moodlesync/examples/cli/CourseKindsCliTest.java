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

/** {@code moodle-sync run courses|course-checks|course-deletes|course-resets|course-metas} on each engine. */
class CourseKindsCliTest {

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private Cli.Run run(TestDatabase db, String kind, Path file, String... options) {
        List<String> args = new ArrayList<>(List.of("run", kind, file.toString(), "--db-url",
                ((HikariDataSource) db.dataSource()).getJdbcUrl(), "--db-user", db.server().user(), "--db-password",
                db.server().password(), "--report-dir", dir.resolve("reports").toString(), "--tryback-dir",
                dir.resolve("tryback").toString()));
        args.addAll(List.of(options));
        return Cli.run(args);
    }

    private static long count(TestDatabase db, String sql, String value) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void runsTheCourseKinds(DatabaseServer server) throws Exception {
        try (TestDatabase db = TestDatabase.installed(server)) {
            Cli.Run created = run(db, "courses", file("uploadcourses.csv", "shortname;fullname;idnumber;category",
                    "C1;One;I1;Science/Chemistry", "C2;Two;I2;Science"));
            assertThat(created.exit()).as(created.toString()).isZero();
            assertThat(created.out()).contains("created=2").contains("categories created");
            assertThat(count(db, "select count(*) from mdl_course where category in (select id from"
                    + " mdl_course_categories where name = ?)", "Chemistry")).isEqualTo(1);

            Cli.Run moved = run(db, "courses", file("move.csv", "idnumber;category", "I1;Science"),
                    "--course-by", "idnumber", "--protect-category");
            assertThat(moved.exit()).as(moved.toString()).isZero();
            assertThat(moved.out()).contains("unchanged=1");

            Cli.Run checked = run(db, "course-checks", file("courses.csv", "I1", "NOPE"), "--identify-by",
                    "idnumber");
            assertThat(checked.exit()).as(checked.toString()).isZero();
            assertThat(checked.out()).contains("2 courses checked: 1 exist, 1 do not");

            Cli.Run reset = run(db, "course-resets", file("resetcourses.csv", "shortname;events;forum_all",
                    "C1;yes;1"));
            assertThat(reset.exit()).as(reset.toString()).isZero();
            assertThat(reset.out()).contains("reset options NOT DONE").contains("forum_all");

            Cli.Run meta = run(db, "course-metas", file("metacourses.csv", "master;meta", "C1;C2"));
            assertThat(meta.exit()).as("enrol_meta is disabled on a fresh site: the line fails").isEqualTo(1);

            Cli.Run dry = run(db, "course-deletes", file("deletecourses.csv", "C1"), "--dry-run");
            assertThat(dry.exit()).isZero();
            assertThat(count(db, "select count(*) from mdl_course where shortname = ?", "C1")).isEqualTo(1);

            Cli.Run deleted = run(db, "course-deletes", file("deletecourses.csv", "C1", "C2"));
            assertThat(deleted.exit()).as(deleted.toString()).isZero();
            assertThat(count(db, "select count(*) from mdl_course where shortname like ?", "C%")).isZero();
        }
    }
}
