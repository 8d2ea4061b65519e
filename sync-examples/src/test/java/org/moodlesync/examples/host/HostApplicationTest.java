package org.moodlesync.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.core.testkit.SyncAssertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.testkit.CommandFiles;
import org.moodlesync.jooq.testkit.TestMoodle;
import org.moodlesync.jooq.testkit.WithEmbeddedMoodle;

/**
 * What a host application's own test looks like: it uses only moodle-sync's public API (the engine, commands,
 * results, {@code JooqMoodle}) and the test kit (a fresh embedded Moodle per test, the result assertions), and
 * syncs every kind of file into the site, as CSV files in tool_sync's dialect or as commands built in code.
 *
 * <p>Runs on in-memory H2; with {@code -Dmoodlesync.testkit.url=jdbc:postgresql://127.0.0.1:5432/postgres} (or a
 * MariaDB server's URL) on that server.
 */
@WithEmbeddedMoodle
class HostApplicationTest {

    @TempDir
    Path dir;

    @Test
    void syncsEveryKindIntoAFreshSite(TestMoodle moodle) throws IOException {
        SyncEngine engine = SyncEngine.builder().moodle(moodle.backend()).build();

        // users: a file from the HR system, one line of which is wrong
        Path users = CommandFiles.write(dir, "userimport.csv",
                "username;idnumber;firstname;lastname;email;password;city;country;lang",
                "ada;E001;Ada;Lovelace;ada@example.org;Pw#1secret;London;GB;en",
                "alan;E002;Alan;Turing;alan@example.org;;Wilmslow;GB;en",
                "grace;E003;Grace;Hopper;grace@example.org;;New York;US;en",
                "emile;E004;Émile;Zola;emile@example.org;;Paris;FR;fr",
                "hedy;E005;Hedy;Lamarr;hedy@example.org;;Wien;AT;de",
                "ken;E006;Ken;Thompson;ken@example.org;;;US;en",
                "typo;E009;Type;Oh;not-an-email;;;;");
        RunResult userRun = engine.users().from(users).noOutputFiles().execute();
        assertThat(userRun).completedWithErrors().hasCounts(6, 0, 0, 0, 0, 1);
        assertThat(userRun).line(2).isCreated().hasEntity("user ada").changed("city", "London")
                .changed("password", "********");
        assertThat(userRun).line(8).failedOn("email").hasReasonContaining("well-formed");
        assertThatThrownBy(() -> assertThat(userRun).succeeded()).as("the message docs/test-kit.md shows")
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the run to succeed, but it ended COMPLETED_WITH_ERRORS")
                .hasMessageContaining("run of users from userimport.csv: COMPLETED_WITH_ERRORS, read=7 created=6")
                .hasMessageContaining("line 8 FAILED: userimport.csv:8:5: [email] must be a well-formed email address");
        assertThat(engine.users().from(users).noOutputFiles().execute()).as("the same file again")
                .hasCounts(0, 0, 6, 0, 0, 1);

        // users built in code: the fix of the wrong line, and a change
        RunResult inCode = engine.users().commands(List.of(
                        UserCommand.builder().username("typo").idnumber("E009").firstname("Type").lastname("Oh")
                                .email("typo@example.org").password(Password.plain("S3cret!x")).build(),
                        UserCommand.builder().username("alan").idnumber("E002").firstname("Alan").lastname("Turing")
                                .email("alan@example.org").city("Manchester").build()))
                .execute();
        assertThat(inCode).succeeded().hasCreated(1).hasUpdated(1);
        assertThat(inCode).line(2).isUpdated().changed("city", "Wilmslow", "Manchester");
        assertThat(moodle.count("user")).as("guest, admin and 7").isEqualTo(9);

        // courses, with their categories
        RunResult courses = engine.courses().from(CommandFiles.write(dir, "uploadcourses.csv",
                        "shortname;fullname;idnumber;category;summary;visible",
                        "C101;Chemistry 101;CI101;Science;<p>Atoms</p>;1",
                        "C102;Physics 201;CI102;Science/Physics;;1",
                        "C103;Sciences (meta);CI103;Science;;1",
                        "C104;To be deleted;CI104;;;0"))
                .noOutputFiles().execute();
        assertThat(courses).succeeded().hasCreated(4).hasNoticeContaining("categories created");
        assertThat(courses).line(3).isCreated().changed("category", "Science/Physics");

        // course existence checks (no header): one course exists, one does not
        RunResult checks = engine.courseChecks().from(CommandFiles.write(dir, "courses.csv",
                "C101;first course", "C999;unknown")).noOutputFiles().execute();
        assertThat(checks).succeeded().hasCounts(0, 0, 1, 0, 1, 0);
        assertThat(checks).line(1).isUnchanged().hasMessageContaining("exists");
        assertThat(checks).line(2).isSkipped();

        // enrolments: a file, then one built in code
        RunResult enrolments = engine.enrolments().from(CommandFiles.write(dir, "enrolments.csv",
                        "cmd;rolename;uid;cid;starttime",
                        "add;student;E003;C101;2024-09-01",
                        "add;editingteacher;E004;C101;",
                        "add;student;E005;C102;"))
                .noOutputFiles().execute();
        assertThat(enrolments).succeeded().hasCreated(3);
        RunResult enrolInCode = engine.enrolments().commands(List.of(EnrolCommand.builder().action(EnrolAction.ADD)
                .user("E003").course("C102").role("student").build())).execute();
        assertThat(enrolInCode).succeeded().hasCreated(1);
        assertThat(moodle.count("user_enrolments")).isEqualTo(4);

        // groups and their members
        RunResult groups = engine.groups().from(CommandFiles.write(dir, "groups.csv",
                        "courseid;name;idnumber;description",
                        "C101;Lab A;GA;Mornings",
                        "C102;Équipe 1;GE1;<b>Afternoons</b>"))
                .noOutputFiles().execute();
        assertThat(groups).succeeded().hasCreated(2);
        RunResult members = engine.groupMembers().from(CommandFiles.write(dir, "groupmembers.csv",
                        "cmd;courseid;groupid;userid",
                        "add;C101;Lab A;E003",
                        "add;C102;Équipe 1;E005",
                        "add;C101;Lab A;E001"))
                .noOutputFiles().execute();
        assertThat(members).completedWithErrors().hasCreated(2).hasFailed(1);
        assertThat(members).line(4).isFailed().hasReasonContaining("not enrolled");
        assertThat(moodle.count("groups_members")).isEqualTo(2);

        // cohorts and their members, and a cohort bound to a course
        RunResult cohorts = engine.cohorts().from(CommandFiles.write(dir, "cohorts.csv",
                        "cidnumber;cname;cdescription;userid",
                        "STAFF;Staff;All the staff;E001",
                        "STAFF;Staff;All the staff;E002",
                        "STUD;Étudiants;;E003"))
                .noOutputFiles().execute();
        assertThat(cohorts).succeeded().hasFailed(0);
        assertThat(moodle.count("cohort")).isEqualTo(2);
        assertThat(moodle.count("cohort_members")).isEqualTo(3);
        RunResult bindings = engine.cohortBindings().from(CommandFiles.write(dir, "cohortbindings.csv",
                        "cohort;course;role",
                        "STAFF;CI101;editingteacher"))
                .noOutputFiles().execute();
        assertThat(bindings).succeeded().hasCreated(1);
        assertThat(moodle.count("user_enrolments")).as("the staff enrolled in C101 through the cohort")
                .isEqualTo(6);

        // meta courses: refused until the site has the enrol_meta plugin enabled
        Path metas = CommandFiles.write(dir, "metacourses.csv", "master;meta;cmd", "C101;C103;add",
                "C102;C103;add");
        RunResult refused = engine.courseMetas().from(metas).noOutputFiles().execute();
        assertThat(refused).hasFailed(2);
        assertThat(refused).line(2).failedOn("meta").hasReasonContaining("enrol_meta");
        moodle.enablePlugin("enrol_meta");
        RunResult linked = engine.courseMetas().from(metas).noOutputFiles().execute();
        assertThat(linked).succeeded().hasCreated(2);
        assertThat(linked).line(2).isCreated().hasEntity("meta link C101 -> C103")
                .changed("meta link", "C101 -> C103")
                .changed("enrolments through the link");

        // a course reset: students unenrolled from C102, its group members removed
        RunResult reset = engine.courseResets().from(CommandFiles.write(dir, "resetcourses.csv",
                        "shortname;events;notes;roles;groups",
                        "C102;yes;yes;student;members"))
                .noOutputFiles().execute();
        assertThat(reset).succeeded().hasUpdated(1);
        assertThat(moodle.count("groups_members")).isEqualTo(1);

        // a course delete (no header)
        RunResult deleted = engine.courseDeletes().from(CommandFiles.write(dir, "deletecourses.csv", "C104", "C999"))
                .noOutputFiles().execute();
        assertThat(deleted).succeeded().hasDeleted(1).hasSkipped(1);
        assertThat(moodle.courseId("C104")).isNull();

        // user suspends and deletes
        RunResult suspended = engine.userSuspends().from(CommandFiles.write(dir, "suspendusers.csv",
                "idnumber", "E002")).noOutputFiles().execute();
        assertThat(suspended).succeeded().hasUpdated(1);
        assertThat(suspended).line(2).changed("suspended", "0", "1");
        RunResult userDeletes = engine.userDeletes().from(CommandFiles.write(dir, "deleteusers.csv",
                "idnumber", "E006", "E404")).noOutputFiles().execute();
        assertThat(userDeletes).succeeded().hasDeleted(1).hasSkipped(1);
        assertThat(moodle.userId("ken")).isNull();

        // pictures: a zip of images named by idnumber, into the site's file store
        Path zip = dir.resolve("pictures.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "E001.png", png(Color.BLUE));
            entry(out, "E404.png", png(Color.RED));
        }
        RunResult pictures = engine.pictures().from(zip).userField(UserKey.IDNUMBER).dataroot(moodle.dataroot())
                .noOutputFiles().execute();
        assertThat(pictures).completedWithErrors().hasFailed(1);
        assertThat(pictures).lineOf("user ada").isCreated();
        try (var files = Files.walk(moodle.dataroot().resolve("filedir"))) {
            assertThat(files.filter(Files::isRegularFile).count()).as("icons in the file pool").isPositive();
        }
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] png(Color colour) throws IOException {
        BufferedImage image = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 120, 120);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = bytes) {
            ImageIO.write(image, "png", out);
        }
        return bytes.toByteArray();
    }
}
