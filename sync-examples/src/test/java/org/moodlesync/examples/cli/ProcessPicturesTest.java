package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code moodle-sync process all} on a workspace holding a users file and two picture archives (one dropped in the
 * inbox), against an embedded H2 Moodle: users first, then each archive a run of its own, archived and removed, its
 * report named as tool_sync names it.
 */
class ProcessPicturesTest {

    private static final String STAMP = "\\d{8}-\\d{6}";

    @TempDir
    Path dir;

    private String url;
    private Path dataroot;

    @BeforeEach
    void installAMoodle() throws IOException {
        url = Cli.newH2Url();
        Cli.Run install = Cli.run("install", "--db-url", url, "--db-user", "sa");
        assertThat(install.exit()).as(install.toString()).isZero();
        dataroot = dir.resolve("moodledata");
        Files.createDirectories(dataroot.resolve("filedir"));
    }

    @AfterEach
    void dropIt() {
        Cli.shutdownH2(url);
    }

    private static byte[] image(String format, Color colour, int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, side, side);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static Path zip(Path file, Object... nameThenContent) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < nameThenContent.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameThenContent[i]));
                zip.write((byte[]) nameThenContent[i + 1]);
                zip.closeEntry();
            }
        }
        return file;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void processAllRunsTheUsersThenEachPictureArchive() throws IOException, SQLException {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("userimport.csv"), "username;firstname;lastname;idnumber;email\n"
                + "jdoe;Jane;Doe;E001;jane@example.org\nbsmith;Bob;Smith;E002;bob@example.org\n"
                + "cwu;Chen;Wu;E003;chen@example.org\n", StandardCharsets.UTF_8);
        zip(ws.resolve("userpictures_1.zip"), "E001.jpg", image("jpg", Color.MAGENTA, 120),
                "E404.jpg", image("jpg", Color.CYAN, 80));
        Path inbox = dir.resolve("inbox");
        Path dropped = zip(inbox.resolve("userpictures_2.zip"), "photos/E002.png", image("png", Color.ORANGE, 90),
                "E003.jpg", image("jpg", Color.GREEN, 60));
        Files.setLastModifiedTime(dropped, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        zip(ws.resolve("other.zip"), "E003.jpg", image("jpg", Color.RED, 60));

        Cli.Run run = Cli.run("process", "all", "--workspace", ws.toString(), "--inbox", inbox.toString(),
                "--settle", "10ms", "--db-url", url, "--db-user", "sa", "--dataroot", dataroot.toString(),
                "--progress", "none");

        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        String out = run.out();
        assertThat(out).contains("users userimport.csv: COMPLETED", "created=3",
                "pictures userpictures_1.zip: COMPLETED_WITH_ERRORS", "no user with idnumber 'E404'",
                "pictures userpictures_2.zip: COMPLETED").doesNotContain("skipped (", "cannot process");
        assertThat(out.indexOf("users userimport.csv")).isLessThan(out.indexOf("pictures userpictures_1.zip"));
        assertThat(out.indexOf("pictures userpictures_1.zip")).isLessThan(out.indexOf("pictures userpictures_2.zip"));
        assertThat(run.err()).doesNotContain("skipped", "cannot process");

        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (String user : List.of("jdoe", "bsmith", "cwu")) {
                long picture = Cli.count(c, "select picture from mdl_user where username = '" + user + "'");
                assertThat(picture).as(user + "'s picture").isPositive();
                long contextId = Cli.count(c, "select x.id from mdl_context x join mdl_user u on u.id = x.instanceid"
                        + " and x.contextlevel = 30 where u.username = '" + user + "'");
                assertThat(Cli.column(c, "select filename from mdl_files where contextid = " + contextId
                        + " and component = 'user' and filearea = 'icon' order by filename"))
                        .as(user + "'s icon area").hasSize(4).first().isEqualTo(".");
                String format = user.equals("bsmith") ? "png" : "jpg"; // Moodle keeps PNG sources as PNG
                assertThat(Cli.column(c, "select filename from mdl_files where contextid = " + contextId
                        + " and filearea = 'icon' and filename <> '.' order by filename"))
                        .containsExactly("f1." + format, "f2." + format, "f3." + format);
                assertThat(Cli.count(c, "select id from mdl_files where contextid = " + contextId
                        + " and filearea = 'icon' and filename = 'f1." + format + "'")).isEqualTo(picture);
                for (String hash : Cli.column(c, "select contenthash from mdl_files where contextid = "
                        + contextId + " and filearea = 'icon' and filename <> '.'")) {
                    assertThat(dataroot.resolve("filedir").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4))
                            .resolve(hash)).as("content of " + user + "'s icon").isRegularFile();
                }
            }
            assertThat(Cli.count(c, "select count(*) from mdl_user where idnumber = 'E404'")).isZero();
        }

        // each archive archived and removed, its own report, named as tool_sync names them; no tryback file
        assertThat(names(ws)).containsExactly(".locks", ".moodlesync", "archives", "other.zip", "reports");
        try (Stream<Path> state = Files.walk(ws.resolve(".moodlesync"))) {
            assertThat(state.filter(Files::isRegularFile).toList()).as("no marker, nothing in processing").isEmpty();
        }
        assertThat(names(inbox)).isEmpty();
        assertThat(names(ws.resolve("archives"))).hasSize(3)
                .anySatisfy(n -> assertThat(n).matches(STAMP + "_userimport\\.csv"))
                .anySatisfy(n -> assertThat(n).matches(STAMP + "_userpictures_1\\.zip"))
                .anySatisfy(n -> assertThat(n).matches(STAMP + "_userpictures_2\\.zip"));
        List<String> reports = names(ws.resolve("reports"));
        assertThat(reports).hasSize(6)
                .anySatisfy(n -> assertThat(n).matches(STAMP + "_report_userimport\\.csv"))
                .anySatisfy(n -> assertThat(n).matches(STAMP + "_report_userpictures_1\\.zip"))
                .anySatisfy(n -> assertThat(n).matches(STAMP + "_report_userpictures_1\\.zip\\.json"))
                .anySatisfy(n -> assertThat(n).matches(STAMP + "_report_userpictures_2\\.zip"))
                .anySatisfy(n -> assertThat(n).matches(STAMP + "_report_userpictures_2\\.zip\\.json"));
        String first = reports.stream().filter(n -> n.endsWith("_report_userpictures_1.zip")).findFirst()
                .orElseThrow();
        assertThat(Files.readString(ws.resolve("reports").resolve(first))).contains("E404");

        // a second run: nothing waits (other.zip is not a picture archive of the prefix)
        Cli.Run again = Cli.run("process", "pictures", "--workspace", ws.toString(), "--db-url", url,
                "--db-user", "sa", "--dataroot", dataroot.toString(), "--progress", "none");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("pictures: no file");
    }

    @Test
    void withoutFileStoreTheArchivesStayAndTheRunIsFatal() throws IOException {
        Path ws = dir.resolve("ws");
        Path archive = zip(ws.resolve("userpictures_1.zip"), "E001.jpg", image("jpg", Color.MAGENTA, 40));

        Cli.Run run = Cli.run("process", "all", "--workspace", ws.toString(), "--db-url", url, "--db-user", "sa",
                "--progress", "none");

        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.out()).contains("pictures userpictures_1.zip: FAILED", "--dataroot");
        assertThat(run.err()).contains("it stays for the next run");
        assertThat(archive).exists();
    }

    @Test
    void badPictureOptionsAreRefusedBeforeAnythingRuns() throws IOException {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        Path users = Files.writeString(ws.resolve("userimport.csv"), "username;firstname;lastname\njdoe;Jane;Doe\n");

        Cli.Run field = Cli.run("process", "all", "--workspace", ws.toString(), "--db-url", url, "--db-user", "sa",
                "--picture-identify-by", "shoesize");
        Cli.Run charset = Cli.run("process", "all", "--workspace", ws.toString(), "--db-url", url, "--db-user", "sa",
                "--entry-charset", "no-such-charset");

        assertThat(field.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(field.err()).contains("--picture-user-by").contains("shoesize");
        assertThat(charset.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(charset.err()).contains("--entry-charset");
        assertThat(users).as("nothing ran").exists();
    }

    @Test
    void theDatabaseLockOfPicturesRefusesWorkspaceAndDirectRuns() throws IOException, SQLException {
        Cli.Run created = Cli.run("lock-table", "--create", "--db-url", url, "--db-user", "sa");
        assertThat(created.exit()).as(created.toString()).isZero();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             java.sql.PreparedStatement held = c.prepareStatement("insert into moodlesync_lock"
                     + " (tableprefix, name, lock_until, locked_at, locked_by) values (?, ?, ?, ?, ?)")) {
            long now = System.currentTimeMillis();
            held.setString(1, "mdl_");
            held.setString(2, "moodle-sync:pictures");
            held.setLong(3, now + 600_000);
            held.setLong(4, now);
            held.setString(5, "other-host (pid 42)");
            held.executeUpdate();
        }
        Path ws = dir.resolve("ws");
        Path archive = zip(ws.resolve("userpictures_1.zip"), "E001.jpg", image("jpg", Color.MAGENTA, 40));

        Cli.Run refused = Cli.run("process", "all", "--workspace", ws.toString(), "--db-url", url, "--db-user", "sa",
                "--dataroot", dataroot.toString(), "--lock", "db", "--progress", "none");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(MoodleSyncCommand.LOCKED);
        assertThat(refused.out()).contains("pictures: refused (another run holds the lock)");
        assertThat(refused.err()).contains("held by other-host (pid 42)");
        assertThat(archive).as("a refused run leaves the archive").exists();

        Cli.Run direct = Cli.run("run", "pictures", archive.toString(), "--db-url", url, "--db-user", "sa",
                "--dataroot", dataroot.toString(), "--lock", "db");
        assertThat(direct.exit()).as(direct.toString()).isEqualTo(MoodleSyncCommand.LOCKED);
        assertThat(direct.err()).contains("moodle-sync:pictures");
    }

    @Test
    void quietProcessPrintsOnlyTheRunThatFailed() throws IOException {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("userimport.csv"), "username;nosuchcolumn\njdoe;x\n", StandardCharsets.UTF_8);
        Files.writeString(ws.resolve("enrolments.csv"), "nothing;here\n", StandardCharsets.UTF_8);

        Cli.Run run = Cli.run("process", "users", "--workspace", ws.toString(), "--db-url", url, "--db-user", "sa",
                "--progress", "none", "--quiet");

        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.out()).as(run.toString()).isEmpty();
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("moodle-sync: users userimport.csv: ").contains("nosuchcolumn");
    }
}
