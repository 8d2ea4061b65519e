package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.jooq.internal.user.MoodlePasswordHasher;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/** {@code run users --moodle-config} on a site whose config.php sets {@code $CFG->passwordpeppers}. */
class PasswordPeppersCliTest {

    static final String PEPPER = "#GV]NLie|x$H9[$rW%94bXZvJHa%$";

    @TempDir
    Path dir;

    private Path usersFile() throws IOException {
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, "username;firstname;lastname;email;password\n"
                + "pep1;Ann;One;ann@example.org;Pw#1secret\n", StandardCharsets.UTF_8);
        return file;
    }

    private Path peppered(TestDatabase db, String peppers) throws IOException {
        Path config = CliTesting.configPhp(db, dir);
        Files.writeString(config, Files.readString(config).replace("require_once",
                "$CFG->passwordpeppers = " + peppers + ";\n\nrequire_once"), StandardCharsets.UTF_8);
        return config;
    }

    private String everythingWritten(CliTesting.Outcome o) throws IOException {
        StringBuilder all = new StringBuilder(o.out()).append(o.err());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("config.php") && !f.endsWith("userimport.csv")).toList()) {
                all.append(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void usersGetHashesWithTheSitesNewestPepperAndNoPepperIsShown() throws IOException {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.POSTGRESQL)) {
            Path config = peppered(db, "[1 => 'old-pepper-is-weak', 2 => '" + PEPPER + "']");

            CliTesting.Outcome run = CliTesting.cli("run", "users", usersFile().toString(), "--moodle-config",
                    config.toString(), "--report-dir", dir.resolve("reports").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            String hash = db.dsl().select(MDL_USER.PASSWORD).from(MDL_USER).where(MDL_USER.USERNAME.eq("pep1"))
                    .fetchOne().value1();
            assertThat(MoodlePasswordHasher.matches("Pw#1secret" + PEPPER, hash)).isTrue();
            assertThat(everythingWritten(run)).doesNotContain("GV]NLie", "old-pepper", "Pw#1secret");
        }
    }

    @Test
    void aPepperMoodleWouldRefuseStopsTheRunBeforeAnyWrite() throws IOException {
        try (TestDatabase db = TestDatabase.installed(DatabaseServer.POSTGRESQL)) {
            Path config = peppered(db, "[1 => 'pepper']");

            CliTesting.Outcome run = CliTesting.cli("run", "users", usersFile().toString(), "--moodle-config",
                    config.toString());

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.err()).contains("$CFG->passwordpeppers", "112").doesNotContain("'pepper'");
            assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.eq("pep1"))).isZero();
        }
    }
}
