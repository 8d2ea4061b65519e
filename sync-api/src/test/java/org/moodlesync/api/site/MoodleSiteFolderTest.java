package org.moodlesync.api.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.site.MoodleSiteFolder.Layout;

class MoodleSiteFolderTest {

    private static final String SETTINGS = "<?php\n$CFG = new stdClass();\n$CFG->dbtype = 'pgsql';\n"
            + "$CFG->dataroot = '/srv/moodledata';\n";

    @TempDir
    Path dir;

    /** Moodle's code in a folder: version.php and lib/. */
    private static void code(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("lib"));
        Files.writeString(folder.resolve("lib/setup.php"), "<?php\n");
        Files.writeString(folder.resolve("version.php"), "<?php\n$version = 2024100700;\n");
    }

    /** A Moodle 4.x site: config.php beside the code. */
    private Path classicSite() throws IOException {
        Path site = dir.resolve("moodle");
        code(site);
        Files.writeString(site.resolve("config.php"), SETTINGS + "require_once(__DIR__ . '/lib/setup.php');\n");
        return site;
    }

    /** A Moodle 5.1 site: config.php at the root, the code and the loader public/config.php in public/. */
    private Path publicSite() throws IOException {
        Path site = dir.resolve("moodle51");
        code(site.resolve("public"));
        Files.writeString(site.resolve("config.php"), SETTINGS
                + "require_once(__DIR__ . '/public/lib/setup.php');\n");
        Files.writeString(site.resolve("public/config.php"), "<?php\n$configfile = __DIR__ . '/../config.php';\n"
                + "if (!file_exists($configfile)) {\n    header(\"Location: install.php\");\n    die;\n}\n"
                + "require_once($configfile);\n");
        return site;
    }

    @Test
    void aClassicSiteIsFoundFromItsFolderOrItsConfigPhp() throws IOException {
        Path site = classicSite();

        for (Path given : new Path[] {site, site.resolve("config.php")}) {
            MoodleSiteFolder found = MoodleSiteFolder.locate(given);
            assertThat(found.configPhp()).as("%s", given).isEqualTo(site.resolve("config.php"));
            assertThat(found.layout()).isEqualTo(Layout.CLASSIC);
            assertThat(found.root()).isEqualTo(site);
            assertThat(found.codeFolder()).contains(site);
            assertThat(found.versionPhp()).contains(site.resolve("version.php"));
        }
        assertThat(MoodleSiteFolder.locate(site).read().get("dataroot")).contains("/srv/moodledata");
    }

    @Test
    void aPublicLayoutSiteIsFoundFromItsRootItsConfigPhpItsPublicFolderOrTheLoader() throws IOException {
        Path site = publicSite();

        for (Path given : new Path[] {site, site.resolve("config.php"), site.resolve("public"),
                site.resolve("public/config.php"), site.resolve("public/../public/")}) {
            MoodleSiteFolder found = MoodleSiteFolder.locate(given);
            assertThat(found.configPhp()).as("%s", given).isEqualTo(site.resolve("config.php"));
            assertThat(found.layout()).as("%s", given).isEqualTo(Layout.PUBLIC);
            assertThat(found.root()).isEqualTo(site);
            assertThat(found.codeFolder()).contains(site.resolve("public"));
            assertThat(found.versionPhp()).contains(site.resolve("public/version.php"));
            assertThat(found.read().get("dataroot")).as("%s", given).contains("/srv/moodledata");
        }
    }

    @Test
    void aPublicFolderWithoutItsLoaderStillLeadsToTheRootConfigPhp() throws IOException {
        Path site = publicSite();
        Files.delete(site.resolve("public/config.php"));

        assertThat(MoodleSiteFolder.locate(site.resolve("public")).configPhp()).isEqualTo(site.resolve("config.php"));
    }

    @Test
    void aRelativePathIsFoundToo() throws IOException {
        Path site = publicSite();
        Path relative = Path.of("").toAbsolutePath().relativize(site.resolve("public"));

        assertThat(MoodleSiteFolder.locate(relative).configPhp()).isEqualTo(site.resolve("config.php"));
    }

    @Test
    void aConfigPhpAloneIsReadWithoutACodeFolder() throws IOException {
        Path copy = Files.writeString(dir.resolve("site-config.php"), SETTINGS);

        MoodleSiteFolder found = MoodleSiteFolder.locate(copy);

        assertThat(found.configPhp()).isEqualTo(copy);
        assertThat(found.layout()).isEqualTo(Layout.CONFIG_ONLY);
        assertThat(found.codeFolder()).isEmpty();
        assertThat(found.versionPhp()).isEmpty();
    }

    @Test
    void aFolderWithoutConfigPhpIsOneSentenceNamingItAndWhatWasLookedFor() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("www/empty"));

        assertThatThrownBy(() -> MoodleSiteFolder.locate(empty))
                .isInstanceOfSatisfying(SyncException.class,
                        e -> assertThat(e.kind()).isEqualTo(RunFailure.Kind.CONFIGURATION))
                .hasMessageStartingWith("no Moodle config.php in " + empty + ": looked for "
                        + empty.resolve("config.php") + " and, for a Moodle 5.1+ public/ folder, "
                        + dir.resolve("www/config.php"))
                .hasMessageNotContaining("\n");
    }

    @Test
    void aPublicFolderOfAnUnconfiguredSiteIsRefused() throws IOException {
        Path site = publicSite();
        Files.delete(site.resolve("config.php"));

        assertThatThrownBy(() -> MoodleSiteFolder.locate(site.resolve("public")))
                .isInstanceOf(SyncException.class).hasMessageContaining("no Moodle config.php for ")
                .hasMessageContaining("sets nothing").hasMessageContaining("no " + site.resolve("config.php"));
        assertThatThrownBy(() -> MoodleSiteFolder.locate(site))
                .isInstanceOf(SyncException.class).hasMessageContaining("looked for " + site.resolve("config.php"));
    }

    @Test
    void aMissingPathSaysNoSuchFile() {
        Path missing = dir.resolve("nowhere/config.php");

        assertThatThrownBy(() -> MoodleSiteFolder.locate(missing))
                .isInstanceOfSatisfying(SyncException.class,
                        e -> assertThat(e.kind()).isEqualTo(RunFailure.Kind.CONFIGURATION))
                .hasMessageContaining(missing + ": no such file or folder");
    }
}
