package org.moodlesync.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/** Helpers of the command-line tests: a PostgreSQL Moodle, its config.php, the CLI run in this JVM. */
final class CliTesting {

    private CliTesting() {
    }

    /** What a command printed and returned. */
    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MoodleSyncCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** A config.php for a test database on the local PostgreSQL (as Moodle's installer writes it). */
    static Path configPhp(TestDatabase db, Path dir) throws IOException {
        if (db.server() != DatabaseServer.POSTGRESQL) {
            throw new IllegalArgumentException("PostgreSQL only");
        }
        String php = "<?php  // Moodle configuration file\n\nunset($CFG);\nglobal $CFG;\n$CFG = new stdClass();\n\n"
                + "$CFG->dbtype    = 'pgsql';\n$CFG->dblibrary = 'native';\n$CFG->dbhost    = '127.0.0.1';\n"
                + "$CFG->dbname    = '" + db.name() + "';\n$CFG->dbuser    = '" + db.server().user() + "';\n"
                + "$CFG->dbpass    = '" + db.server().password() + "';\n$CFG->prefix    = 'mdl_';\n"
                + "$CFG->dboptions = array (\n  'dbpersist' => 0,\n  'dbport' => 5432,\n  'dbsocket' => '',\n);\n\n"
                + "$CFG->wwwroot   = 'http://localhost';\n$CFG->dataroot  = '" + dir.resolve("moodledata") + "';\n"
                + "$CFG->admin     = 'admin';\n\nrequire_once(__DIR__ . '/lib/setup.php');\n";
        Path file = dir.resolve("config.php");
        Files.writeString(file, php, StandardCharsets.UTF_8);
        return file;
    }
}
