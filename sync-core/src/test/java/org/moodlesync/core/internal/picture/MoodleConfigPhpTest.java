package org.moodlesync.core.internal.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.command.picture.MoodleFileStore;

class MoodleConfigPhpTest {

    private static final Path FILE = Path.of("/srv/moodle/config.php");

    @Test
    void readsTheFileStoreOfAPlainSite() {
        MoodleFileStore store = MoodleConfigPhp.parse(FILE, """
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
                """).fileStore();
        assertThat(store.dataroot()).isEqualTo(Path.of("/var/moodledata"));
        assertThat(store.filedir()).isEqualTo(Path.of("/var/moodledata/filedir"));
        assertThat(store.trashdir()).isEqualTo(Path.of("/var/moodledata/trashdir"));
        assertThat(store.directoryPermissions()).isEqualTo(0777);
        assertThat(store.filePermissions()).as("directorypermissions & 0666").isEqualTo(0666);
    }

    @Test
    void readsFiledirTrashdirAndPermissions() {
        MoodleFileStore store = MoodleConfigPhp.parse(FILE, """
                <?php
                $CFG->dataroot = "/data/m";
                $CFG->filedir = '/nfs/filedir';
                $CFG->trashdir = '/nfs/trash';
                $CFG->filepermissions = 0640;
                /* $CFG->alternative_file_system_class = '\\\\tool_objectfs\\\\s3_file_system'; */
                """).fileStore();
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
        assertThatThrownBy(config::fileStore).isInstanceOf(SyncException.class)
                .hasMessageContaining("alternative_file_system_class").hasMessageContaining("refused");
    }

    @Test
    void anExpressionIsNotGuessed() {
        MoodleConfigPhp config = MoodleConfigPhp.parse(FILE, """
                <?php
                $CFG->dataroot = __DIR__ . '/../data';
                """);
        assertThatThrownBy(config::fileStore).isInstanceOf(SyncException.class)
                .hasMessageContaining("$CFG->dataroot").hasMessageContaining("--dataroot");
        assertThatThrownBy(() -> MoodleConfigPhp.parse(FILE, "<?php\n$CFG->wwwroot = 'x';\n").fileStore())
                .isInstanceOf(SyncException.class).hasMessageContaining("does not set $CFG->dataroot");
    }
}
