package org.moodlesync.core.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moodlesync.core.testkit.SyncAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;

/** The assertions pass on results as they are and fail, saying why and showing the run, on anything else. */
class SyncAssertionsTest {

    @TempDir
    Path dir;

    /** A user; one whose e-mail the engine refuses is made without the builder's check, as a record can be. */
    private static UserCommand user(String username, String email) {
        UserCommand user = UserCommand.builder().username(username).firstname("F").lastname("L").build();
        return UncheckedCommands.with(user, "email", email);
    }

    private static RunResult run(FakeMoodle fake, UserCommand... commands) {
        return SyncEngine.builder().moodle(fake).build().users().commands(List.of(commands)).execute();
    }

    /** jdoe created, bad rejected by the backend on [email], mlee with an e-mail the engine refuses. */
    private static RunResult mixed() {
        FakeMoodle fake = FakeMoodle.answering(c -> c.username().equals("bad") ? Outcome.FAILED : Outcome.CREATED)
                .failingField("email");
        return run(fake, user("jdoe", "jdoe@example.org"), user("bad", "bad@example.org"),
                user("mlee", "not-an-email"));
    }

    @Test
    void passOnWhatTheRunDid() {
        RunResult ok = run(FakeMoodle.creatingEveryone(), user("jdoe", "jdoe@example.org"),
                user("ada", "ada@example.org"));
        assertThat(ok).succeeded().hasKind(SyncKind.USERS).hasNoFailures().hasCounts(2, 0, 0, 0, 0, 0)
                .hasRead(2).hasCreated(2).hasFailed(0).allLines(Outcome.CREATED);
        assertThat(ok).line(1).isCreated().hasEntity("user jdoe").changed("username")
                .changed("username", "jdoe").changed("username", null, "jdoe").didNotChange("email");
        assertThat(ok).lineOf("user ada").isCreated();

        RunResult mixed = mixed();
        assertThat(mixed).completedWithErrors().hasCreated(1).hasFailed(2);
        assertThat(mixed).line(2).isFailed().failedOn("email").hasReasonContaining("rejected by the test backend")
                .hasNoChanges();
        assertThat(mixed).line(3).failedOn("email").hasReasonContaining("well-formed");
    }

    @Test
    void aWrongExpectationOnTheRunShowsTheFailedLinesAndTheirReasons() {
        RunResult mixed = mixed();
        assertThatThrownBy(() -> assertThat(mixed).succeeded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the run to succeed, but it ended COMPLETED_WITH_ERRORS")
                .hasMessageContaining("read=3 created=1 updated=0 unchanged=0 deleted=0 skipped=0 failed=2")
                .hasMessageContaining("failed lines:")
                .hasMessageContaining("line 2 (user bad) FAILED: commands:2: [email] rejected by the test backend")
                .hasMessageContaining("line 3 FAILED: commands:3: [email]")
                .hasMessageContaining("well-formed");
        assertThatThrownBy(() -> assertThat(mixed).hasNoFailures())
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected no failed line, but 2 failed");
        assertThatThrownBy(() -> assertThat(mixed).hasCounts(3, 0, 0, 0, 0, 0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected counts read=3 created=3")
                .hasMessageContaining("but they are read=3 created=1");
        assertThatThrownBy(() -> assertThat(mixed).hasCreated(3))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected 3 line(s) created, but 1 were");
        assertThatThrownBy(() -> assertThat(mixed).allLines(Outcome.CREATED))
                .isInstanceOf(AssertionError.class).hasMessageContaining("2 are not");
        assertThatThrownBy(() -> assertThat(mixed).line(9))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected a result for line 9, but the run kept lines [1, 2, 3]");
        assertThatThrownBy(() -> assertThat(mixed).lineOf("user nobody"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[user jdoe, user bad, null]");
        assertThatThrownBy(() -> assertThat(mixed).isDryRun()).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(mixed).hasNoticeContaining("nothing like this"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected a notice containing");
    }

    @Test
    void aWrongExpectationOnALineShowsTheLine() {
        RunResult mixed = mixed();
        assertThatThrownBy(() -> assertThat(mixed).line(2).isCreated())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected line 2 to be CREATED, but it is FAILED")
                .hasMessageContaining("[email] rejected by the test backend");
        assertThatThrownBy(() -> assertThat(mixed).line(2).failedOn("username"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected line 2 to fail on [username], but it failed on [email]");
        assertThatThrownBy(() -> assertThat(mixed).line(2).hasReasonContaining("database down"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to contain \"database down\", but it is \"rejected by the test backend\"");
        assertThatThrownBy(() -> assertThat(mixed).line(1).failedOn("email"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("to be FAILED, but it is CREATED");
        assertThatThrownBy(() -> assertThat(mixed).line(1).changed("email"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected line 1 to change email, but it changed [username]");
        assertThatThrownBy(() -> assertThat(mixed).line(1).changed("username", "someone"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to set username to someone, but it set it to jdoe");
        assertThatThrownBy(() -> assertThat(mixed).line(1).changed("username", "old", "jdoe"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("from old, but it was null");
        assertThatThrownBy(() -> assertThat(mixed).line(1).hasNoChanges())
                .isInstanceOf(AssertionError.class).hasMessageContaining("to change nothing");
        assertThatThrownBy(() -> assertThat(mixed).line(1).hasMessageContaining("revived"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("its messages are []");
        assertThatThrownBy(() -> assertThat(mixed.lines().get(0)).as("jdoe's line").isUpdated())
                .isInstanceOf(AssertionError.class).hasMessageContaining("[jdoe's line]");
    }

    @Test
    void aRunThatCouldNotBeDoneAndADryRun() throws IOException {
        RunResult missing = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build().users()
                .from(dir.resolve("missing.csv")).noOutputFiles().execute();
        assertThat(missing).runFailed().hasErrorContaining("missing.csv");
        assertThatThrownBy(() -> assertThat(missing).succeeded())
                .isInstanceOf(AssertionError.class).hasMessageContaining("run error: ");
        assertThatThrownBy(() -> assertThat(missing).hasErrorContaining("something else"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected the run's error to contain");

        Path file = CommandFiles.write(dir, "userimport.csv", "username;firstname;lastname;email",
                "jdoe;Jane;Doe;jane@example.org");
        RunResult dry = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build().users().from(file)
                .dryRun().noOutputFiles().execute();
        assertThat(dry).succeeded().isDryRun().hasCreated(1);
        assertThat(dry).line(2).isCreated().isDryRun();
        assertThatThrownBy(() -> assertThat(mixed()).line(1).isDryRun()).isInstanceOf(AssertionError.class);
    }
}
