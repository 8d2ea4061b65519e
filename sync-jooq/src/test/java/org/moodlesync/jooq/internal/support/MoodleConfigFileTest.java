package org.moodlesync.jooq.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

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
