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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code moodle-sync run pictures} on an in-memory H2 Moodle: exit codes, messages, effects. */
class PicturesCommandTest {

    @TempDir
    Path dir;

    private String url;
    private Path dataroot;

    @BeforeEach
    void installAMoodleWithUsers() throws IOException {
        url = Cli.newH2Url();
        Cli.Run install = Cli.run("install", "--db-url", url, "--db-user", "sa");
        assertThat(install.exit()).as(install.toString()).isZero();
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "username;firstname;lastname;idnumber;email\njdoe;Jane;Doe;E001;jane@example.org\n"
                + "bsmith;Bob;Smith;E002;bob@example.org\n", StandardCharsets.UTF_8);
        Cli.Run created = Cli.run("run", "users", users.toString(), "--db-url", url, "--db-user", "sa");
        assertThat(created.exit()).as(created.toString()).isZero();
        dataroot = dir.resolve("moodledata");
        Files.createDirectories(dataroot.resolve("filedir"));
    }

    @AfterEach
    void dropIt() {
        Cli.shutdownH2(url);
    }

    private static byte[] jpeg(int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(0, 0, side, side);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private Path zip(String name, Object... nameThenContent) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < nameThenContent.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameThenContent[i]));
                zip.write((byte[]) nameThenContent[i + 1]);
                zip.closeEntry();
            }
        }
        return file;
    }

    private Cli.Run pictures(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "pictures", file.toString(), "--db-url", url,
                "--db-user", "sa"));
        args.addAll(List.of(more));
        return Cli.run(args);
    }

    private long picture(String username) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return Cli.count(c, "select picture from mdl_user where username = '" + username + "'");
        }
    }

    @Test
    void anArchiveSetsPicturesAndExitsByItsFailures() throws Exception {
        Path clean = zip("clean.zip", "E001.jpg", jpeg(120));
        Cli.Run ok = pictures(clean, "--dataroot", dataroot.toString());
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("pictures clean.zip: COMPLETED").contains("created=1");
        assertThat(picture("jdoe")).isPositive();

        Path mixed = zip("mixed.zip", "E002.jpg", jpeg(80), "E404.jpg", jpeg(80), "../E001.jpg", jpeg(80));
        Cli.Run some = pictures(mixed, "--dataroot", dataroot.toString(), "--archive-dir",
                dir.resolve("archives").toString());
        assertThat(some.exit()).as(some.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        assertThat(some.out()).contains("no user with idnumber 'E404'").contains("zip-slip")
                .contains("pictures have no tryback file");
        assertThat(picture("bsmith")).isPositive();
        try (var archived = Files.list(dir.resolve("archives"))) {
            assertThat(archived.toList()).hasSize(1);
        }
        try (var reports = Files.list(dir.resolve("reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.endsWith("_report_mixed.zip"));
        }

        Path list = dir.resolve("nopictures.csv");
        Files.writeString(list, "idnumber\nE001\n", StandardCharsets.UTF_8);
        Cli.Run removed = pictures(list, "--delete", "--dataroot", dataroot.toString());
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("deleted=1");
        assertThat(picture("jdoe")).isZero();
    }

    @Test
    void aFileStoreIsRequiredAndRefusedWhenUnusable() throws IOException {
        Path clean = zip("clean.zip", "E001.jpg", jpeg(60));
        Cli.Run none = pictures(clean);
        assertThat(none.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(none.err()).contains("--dataroot");

        Path config = dir.resolve("config.php");
        Files.writeString(config, "<?php\n$CFG->dataroot = '" + dataroot + "';\n"
                + "$CFG->alternative_file_system_class = '\\\\tool_objectfs\\\\azure_file_system';\n");
        Cli.Run refused = pictures(clean, "--moodle-config", config.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(refused.err()).contains("alternative_file_system_class");

        Path notZip = dir.resolve("photos.zip");
        Files.writeString(notZip, "hello");
        Cli.Run bad = pictures(notZip, "--dataroot", dataroot.toString());
        assertThat(bad.exit()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(bad.err()).contains("not a zip archive");
    }
}
