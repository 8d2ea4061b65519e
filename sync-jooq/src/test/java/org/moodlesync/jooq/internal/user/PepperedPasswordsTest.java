package org.moodlesync.jooq.internal.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.site.PasswordPeppers;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.CommandFiles;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;

/** Passwords on a site with {@code $CFG->passwordpeppers}, end to end, on H2, PostgreSQL and MariaDB. */
class PepperedPasswordsTest {

    static final String OLD = "#GV]NLie|x$H9[$rW%94bXZvJHa%z";
    static final String NEW = "#GV]NLie|x$H9[$rW%94bXZvJHa%$";
    static final PasswordPeppers ROTATED = PasswordPeppers.of(Map.of(1, OLD, 2, NEW));
    static final String HEADER = "username;firstname;lastname;email;password";

    @TempDir
    Path dir;

    private RunResult run(TestDatabase db, PasswordPeppers peppers, String... lines) throws IOException {
        Path file = CommandFiles.write(dir, "userimport.csv", lines);
        JooqMoodle moodle = JooqMoodle.on(db.moodle()).passwordPeppers(peppers);
        return SyncEngine.builder().moodle(moodle).build().users().from(file).noOutputFiles().execute();
    }

    private static String hashOf(TestDatabase db, String username) {
        return db.dsl().select(MDL_USER.PASSWORD).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)).fetchOne()
                .value1();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void hashesWithTheNewestPepperAndARerunChangesNothing(TestDatabase db) throws IOException {
        String[] file = {HEADER, "u1;U;One;u1@example.org;Pw#first-one"};

        RunResult first = run(db, ROTATED, file);
        String hash = hashOf(db, "u1");
        RunResult again = run(db, ROTATED, file);

        assertThat(first.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED);
        assertThat(MoodlePasswordHasher.matches("Pw#first-one" + NEW, hash)).isTrue();
        assertThat(MoodlePasswordHasher.matches("Pw#first-one", hash)).isFalse();
        assertThat(again.lines()).extracting(LineResult::outcome).containsExactly(Outcome.UNCHANGED);
        assertThat(hashOf(db, "u1")).isEqualTo(hash);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aHashMadeWithoutThePepperOrWithAnOlderOneIsMadeAgainWithTheNewest(TestDatabase db) throws IOException {
        run(db, PasswordPeppers.none(), HEADER, "u1;U;One;u1@example.org;Pw#first-one");
        run(db, PasswordPeppers.of(Map.of(1, OLD)), HEADER, "u2;U;Two;u2@example.org;Pw#second-two");

        RunResult rotated = run(db, ROTATED, HEADER, "u1;U;One;u1@example.org;Pw#first-one",
                "u2;U;Two;u2@example.org;Pw#second-two");

        assertThat(rotated.lines()).extracting(LineResult::outcome).containsExactly(Outcome.UPDATED,
                Outcome.UPDATED);
        assertThat(rotated.lines().get(0).changes()).extracting(FieldChange::field).containsExactly("password");
        assertThat(MoodlePasswordHasher.matches("Pw#first-one" + NEW, hashOf(db, "u1"))).isTrue();
        assertThat(MoodlePasswordHasher.matches("Pw#second-two" + NEW, hashOf(db, "u2"))).isTrue();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aDryRunOnAPepperedSiteWritesNoHash(TestDatabase db) throws IOException {
        run(db, PasswordPeppers.none(), HEADER, "u1;U;One;u1@example.org;Pw#first-one");
        String before = hashOf(db, "u1");
        Path file = CommandFiles.write(dir, "again.csv", HEADER, "u1;U;One;u1@example.org;Pw#first-one");

        RunResult dry = SyncEngine.builder().moodle(JooqMoodle.on(db.moodle()).passwordPeppers(ROTATED)).build()
                .users().from(file).dryRun().noOutputFiles().execute();

        assertThat(dry.lines()).extracting(LineResult::outcome).containsExactly(Outcome.UPDATED);
        assertThat(hashOf(db, "u1")).isEqualTo(before);
    }
}
