package org.moodlesync.core.internal.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.command.picture.MoodleFileStore;
import org.moodlesync.api.site.MoodleConfigPhp;

/** The file store a site's config.php describes, read with the project's one config.php reader. */
class SiteFileStoreTest {

    private static final Path FILE = Path.of("/srv/moodle/config.php");

    @Test
    void readsTheFileStoreOfAPlainSite() {
        MoodleFileStore store = MoodleFileStore.of(MoodleConfigPhp.parse(FILE, """
                <?php  // Moodle configuration file
                unset($CFG);
                global $CFG;
                $CFG = new stdClass();
                $CFG->dbtype    = 'pgsql';
                $CFG->wwwroot   = 'http://localhost';
                $CFG->dataroot  = '/var/moodledata';
                // $CFG->dataroot = '/old/place';
                $CFG->admin     = 'admin';
                $CFG->directorypermissions = 0777;
                require_once(__DIR__ . '/lib/setup.php');
                """));
        assertThat(store.dataroot()).isEqualTo(Path.of("/var/moodledata"));
        assertThat(store.filedir()).isEqualTo(Path.of("/var/moodledata/filedir"));
        assertThat(store.trashdir()).isEqualTo(Path.of("/var/moodledata/trashdir"));
        assertThat(store.directoryPermissions()).isEqualTo(0777);
        assertThat(store.filePermissions()).as("directorypermissions & 0666").isEqualTo(0666);
    }

    @Test
    void readsFiledirTrashdirAndPermissions() {
        MoodleFileStore store = MoodleFileStore.of(MoodleConfigPhp.parse(FILE, """
                <?php
                $CFG->dataroot = "/data/m";
                $CFG->filedir = '/nfs/filedir';
                $CFG->trashdir = '/nfs/trash';
                $CFG->filepermissions = 0640;
                /* $CFG->alternative_file_system_class = '\\\\tool_objectfs\\\\s3_file_system'; */
                """));
        assertThat(store.filedir()).isEqualTo(Path.of("/nfs/filedir"));
        assertThat(store.trashdir()).isEqualTo(Path.of("/nfs/trash"));
        assertThat(store.directoryPermissions()).isEqualTo(02777);
        assertThat(store.filePermissions()).isEqualTo(0640);
    }

    @Test
    void refusesAnAlternativeFileSystem() {
        MoodleConfigPhp config = MoodleConfigPhp.parse(FILE, """
                <?php
                $CFG->dataroot = '/var/moodledata';
                $CFG->alternative_file_system_class = '\\\\tool_objectfs\\\\s3_file_system';
                """);
        assertThatThrownBy(() -> MoodleFileStore.of(config)).isInstanceOf(SyncException.class)
                .hasMessageContaining("alternative_file_system_class").hasMessageContaining("refused")
                .extracting(e -> ((SyncException) e).kind()).isEqualTo(org.moodlesync.api.RunFailure.Kind.SITE_FILES);
    }

    @Test
    void anExpressionIsNotGuessed() {
        MoodleConfigPhp config = MoodleConfigPhp.parse(FILE, """
                <?php
                $CFG->dataroot = __DIR__ . '/../data';
                """);
        assertThatThrownBy(() -> MoodleFileStore.of(config)).isInstanceOf(SyncException.class)
                .hasMessageContaining("$CFG->dataroot").hasMessageContaining("--dataroot");
        assertThatThrownBy(() -> MoodleFileStore.of(MoodleConfigPhp.parse(FILE, "<?php\n$CFG->wwwroot = 'x';\n")))
                .isInstanceOf(SyncException.class).hasMessageContaining("does not set $CFG->dataroot");
    }

    @Test
    void theOneReaderTakesOctalArraysAndMarksComputedSettings() {
        MoodleConfigPhp config = MoodleConfigPhp.parse(FILE, """
                <?php
                $CFG->dbtype = 'pgsql';
                $CFG->dbpass = 'sec\\'ret';
                $CFG->dboptions = array('dbport' => 5433, 'dbpersist' => false);
                $CFG->directorypermissions = 0o2770;
                $CFG->wwwroot = "https://$host/moodle";
                $CFG->theme = 'boost'; $CFG->lang = 'fr';
                """);
        assertThat(config.get("dbtype")).contains("pgsql");
        assertThat(config.get("dbpass")).contains("sec'ret");
        assertThat(config.get("dboptions.dbport")).contains("5433");
        assertThat(config.get("dboptions.dbpersist")).contains("");
        assertThat(config.integer("directorypermissions", 0)).isEqualTo(02770);
        assertThat(config.assigns("wwwroot")).isTrue();
        assertThat(config.get("wwwroot")).isEmpty();
        assertThatThrownBy(() -> config.string("wwwroot")).isInstanceOf(SyncException.class)
                .hasMessageContaining("$CFG->wwwroot is set by an expression");
        assertThat(config.get("lang")).contains("fr");
        assertThat(config.toString()).doesNotContain("sec'ret").contains("dbpass=********");
    }
}
