package org.moodlesync.jooq.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.jooq.JooqMoodle;

/** Reading Moodle's config.php without executing it. */
class MoodleConfigFileTest {

    private static Path fixture() throws URISyntaxException {
        return Path.of(MoodleConfigFileTest.class.getResource("/config/config.php").toURI());
    }

    @Test
    void readsTheDatabaseSettingsOfAConfigPhp() throws URISyntaxException {
        MoodleConfigFile c = MoodleConfigFile.read(fixture());

        assertThat(c.dbtype()).isEqualTo("mariadb");
        assertThat(c.dbhost()).isEqualTo("db.example.org");
        assertThat(c.dbport()).contains(3307);
        assertThat(c.dbname()).isEqualTo("moodle_prod");
        assertThat(c.dbuser()).as("a string that looks like code is only a string").isEqualTo("moodle");
        assertThat(c.dbpass()).isEqualTo("it's a \\secret; $CFG->dbuser = \"x\";");
        assertThat(c.prefix()).as("commented-out lines are skipped").isEqualTo("mdl45_");
        assertThat(c.dataroot()).contains("/var/moodledata");
        assertThat(c.wwwroot()).contains("https://moodle.example.org");
        assertThat(c.get("tempdir")).as("a computed value is not taken").isEmpty();
        assertThat(c.get("noreplyaddress")).as("an interpolated string is not taken").isEmpty();
        assertThat(c.get("dboptions.dbcollation")).contains("utf8mb4_unicode_ci");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:mariadb://db.example.org:3307/moodle_prod");
        assertThat(c.toString()).doesNotContain("secret").contains("dbpass=********");
    }

    /** A site with Moodle's code (version.php, lib/) in {@code code} and the settings in {@code root}/config.php. */
    private static Path site(Path root, Path code, String dbname) throws IOException {
        Files.createDirectories(code.resolve("lib"));
        Files.writeString(code.resolve("version.php"), "<?php\n$version = 2025100600;\n");
        Files.writeString(root.resolve("config.php"), "<?php\n$CFG->dbtype = 'pgsql';\n$CFG->dbname = '" + dbname
                + "';\n$CFG->dataroot = '/srv/" + dbname + "data';\n");
        return root;
    }

    @Test
    void readsTheConfigPhpOfAMoodle4FolderAndOfBothFoldersOfAMoodle51Site(@TempDir Path dir) throws IOException {
        Path moodle45 = Files.createDirectories(dir.resolve("moodle45"));
        site(moodle45, moodle45, "m45");
        Path moodle51 = Files.createDirectories(dir.resolve("moodle51"));
        site(moodle51, moodle51.resolve("public"), "m51");
        Files.writeString(moodle51.resolve("public/config.php"), "<?php\nrequire_once(__DIR__ . '/../config.php');\n");

        assertThat(MoodleConfigFile.read(moodle45).dbname()).isEqualTo("m45");
        assertThat(MoodleConfigFile.read(moodle45.resolve("config.php")).dataroot()).contains("/srv/m45data");
        for (Path given : new Path[] {moodle51, moodle51.resolve("public"), moodle51.resolve("public/config.php")}) {
            MoodleConfigFile c = MoodleConfigFile.read(given);
            assertThat(c.dbname()).as("%s", given).isEqualTo("m51");
            assertThat(c.dataroot()).as("%s", given).contains("/srv/m51data");
        }
    }

    @Test
    void aFolderWithoutConfigPhpIsAConfigurationErrorBeforeAnyConnection(@TempDir Path dir) {
        assertThatThrownBy(() -> JooqMoodle.fromMoodleConfig(dir))
                .isInstanceOfSatisfying(SyncException.class,
                        e -> assertThat(e.kind()).isEqualTo(RunFailure.Kind.CONFIGURATION))
                .hasMessageContaining("no Moodle config.php in " + dir)
                .hasMessageContaining("looked for " + dir.resolve("config.php"));
    }

    @Test
    void readsTheSiteOfMoodleCheck() {
        // a real site's config.php, e.g. the moodle-check site's <home>/moodle/config.php
        String where = System.getenv("MOODLE_SYNC_MOODLE_CONFIG");
        Assumptions.assumeTrue(where != null && Files.isReadable(Path.of(where)),
                "set MOODLE_SYNC_MOODLE_CONFIG to a Moodle site's config.php to run this test");
        Path real = Path.of(where);

        MoodleConfigFile c = MoodleConfigFile.read(real);

        assertThat(c.dbtype()).isEqualTo("pgsql");
        assertThat(c.dbport()).as("dbport '' means the default").isEmpty();
        assertThat(c.jdbcUrl()).startsWith("jdbc:postgresql://").endsWith("/" + c.dbname());
        assertThat(c.prefix()).isEqualTo("mdl_");
        assertThat(c.dataroot()).isPresent();
    }

    @Test
    void unsupportedDatabasesAndSocketsAreSaidPlainly() {
        assertThatThrownBy(() -> MoodleConfigFile.parse("<?php $CFG->dbtype = 'sqlsrv'; $CFG->dbname = 'm';")
                .jdbcUrl()).hasMessageContaining("'sqlsrv' is not supported");
        assertThatThrownBy(() -> MoodleConfigFile.parse("<?php $CFG->dbtype = 'pgsql'; $CFG->dbname = 'm';"
                + " $CFG->dboptions = array('dbsocket' => '/var/run/postgresql');").jdbcUrl())
                .hasMessageContaining("Unix socket");
        assertThatThrownBy(() -> MoodleConfigFile.parse("<?php $CFG->dbname = 'm';").jdbcUrl())
                .hasMessageContaining("$CFG->dbtype");
        assertThat(MoodleConfigFile.parse("<?php $CFG->dbtype='pgsql';$CFG->dbname='moodle';").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost/moodle");
    }
}
