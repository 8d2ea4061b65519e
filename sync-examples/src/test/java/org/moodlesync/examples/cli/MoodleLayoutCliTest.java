package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --moodle-config} on both of Moodle's layouts (4.x: config.php beside the code; 5.1+: the code in public/,
 * config.php above it), on an in-memory H2 Moodle: the dataroot of the right config.php gets the pictures.
 */
class MoodleLayoutCliTest {

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void installAMoodleWithAUser() throws IOException {
        url = Cli.newH2Url();
        Cli.Run install = Cli.run("install", "--db-url", url, "--db-user", "sa");
        assertThat(install.exit()).as(install.toString()).isZero();
        Cli.Run created = Cli.run("run", "users", users().toString(), "--db-url", url, "--db-user", "sa");
        assertThat(created.exit()).as(created.toString()).isZero();
    }

    @AfterEach
    void dropIt() {
        Cli.shutdownH2(url);
    }

    private Path users() throws IOException {
        return Files.writeString(dir.resolve("users.csv"), "username;firstname;lastname;idnumber;email\n"
                + "jdoe;Jane;Doe;E001;jane@example.org\n", StandardCharsets.UTF_8);
    }

    /** Moodle's code (version.php, lib/) in {@code code}, config.php in {@code root} with its own dataroot. */
    private Path site(Path root, Path code) throws IOException {
        Files.createDirectories(code.resolve("lib"));
        Files.writeString(code.resolve("version.php"), "<?php\n$version = 2025100600;\n");
        Path dataroot = Files.createDirectories(root.resolveSibling(root.getFileName() + "-data").resolve("filedir"))
                .getParent();
        Files.writeString(root.resolve("config.php"), "<?php\n$CFG = new stdClass();\n$CFG->dataroot = '"
                + dataroot + "';\nrequire_once(__DIR__ . '/" + root.relativize(code.resolve("lib/setup.php")) + "');\n");
        if (!code.equals(root)) {
            Files.writeString(code.resolve("config.php"), "<?php\nrequire_once(__DIR__ . '/../config.php');\n");
        }
        return dataroot;
    }

    private Path picturesZip() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
        Path file = dir.resolve("photos.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("E001.jpg"));
            zip.write(jpeg.toByteArray());
            zip.closeEntry();
        }
        return file;
    }

    private static long filesIn(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @ParameterizedTest(name = "--moodle-config {0}")
    @ValueSource(strings = {"moodle45", "moodle45/config.php", "moodle51", "moodle51/config.php", "moodle51/public",
            "moodle51/public/config.php"})
    void picturesGoToTheDatarootOfTheSitesConfigPhp(String given) throws IOException {
        Path moodle45 = Files.createDirectories(dir.resolve("moodle45"));
        Path dataroot45 = site(moodle45, moodle45);
        Path moodle51 = Files.createDirectories(dir.resolve("moodle51"));
        Path dataroot51 = site(moodle51, moodle51.resolve("public"));

        Cli.Run run = Cli.run("run", "pictures", picturesZip().toString(), "--db-url", url, "--db-user", "sa",
                "--moodle-config", dir.resolve(given).toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("created=1");
        Path used = given.startsWith("moodle51") ? dataroot51 : dataroot45;
        Path other = given.startsWith("moodle51") ? dataroot45 : dataroot51;
        assertThat(filesIn(used.resolve("filedir"))).as("pictures in %s", used).isPositive();
        assertThat(filesIn(other)).as("nothing in %s", other).isZero();
    }

    @Test
    void aFolderWithoutConfigPhpIsOneSentenceNamingWhatWasLookedFor() throws IOException {
        Path www = Files.createDirectories(dir.resolve("www/html"));

        Cli.Run run = Cli.run("run", "users", users().toString(), "--moodle-config", www.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                .startsWith("moodle-sync: ")
                .contains("no Moodle config.php in " + www + ": looked for " + www.resolve("config.php"))
                .contains(dir.resolve("www/config.php").toString());
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void theInboxDatarootOfAMoodle51SiteIsUnderItsConfigPhpsDataroot() throws IOException {
        Path moodle51 = Files.createDirectories(dir.resolve("moodle51"));
        Path dataroot = site(moodle51, moodle51.resolve("public"));
        Path inbox = Files.createDirectories(dataroot.resolve("sync"));
        Files.copy(users(), inbox.resolve("userimport.csv"));
        Files.setLastModifiedTime(inbox.resolve("userimport.csv"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        Cli.Run run = Cli.run("process", "users", "--workspace", dir.resolve("ws").toString(), "--db-url", url,
                "--db-user", "sa", "--moodle-config", moodle51.resolve("public").toString(), "--inbox", "dataroot",
                "--settle", "10ms", "--progress", "none");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("users userimport.csv: COMPLETED");
        assertThat(inbox.resolve("userimport.csv")).as("captured from <dataroot>/sync").doesNotExist();
    }
}
