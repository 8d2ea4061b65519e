package org.moodlesync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.testkit.FakeMoodle;

/** A run that cannot start is a FAILED result with its reason, never an exception, and listeners hear it. */
class RunsThatCannotStartTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsAFailedRun() {
        List<String> heard = new ArrayList<>();
        RunResult run = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build().users()
                .from(dir.resolve("nosuch.csv")).listener(listener(heard)).execute();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("cannot read nosuch.csv");
        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.INPUT);
        assertThat(run.failure().message()).isEqualTo("cannot read nosuch.csv: no such file");
        assertThat(heard).containsExactly("started nosuch.csv", "finished FAILED");
        assertThat(run.reportFile()).as("the report says why").exists();
    }

    @Test
    void anUnreachableDatabaseIsAFailedRun() throws IOException {
        Path f = Files.writeString(dir.resolve("u.csv"), "username;firstname;lastname\njdoe;J;D\n");
        MoodleBackend down = new MoodleBackend() {
            @Override
            public CommandWriter<UserCommand> users(UserSyncOptions options) {
                throw new IllegalStateException("Connection refused");
            }
        };
        RunResult run = SyncEngine.builder().moodle(down).build().users().from(f).execute();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).isEqualTo("cannot reach the Moodle database: Connection refused");
        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.DATABASE_UNREACHABLE);
    }

    @Test
    void aBackendsOwnKindOfFailureIsKept() throws IOException {
        Path f = Files.writeString(dir.resolve("u.csv"), "username;firstname;lastname\njdoe;J;D\n");
        RunResult login = SyncEngine.builder().moodle(refusing(new SyncException(RunFailure.Kind.DATABASE_LOGIN,
                "the database refused the login"))).build().users().from(f).execute();
        assertThat(login.failure()).isEqualTo(new RunFailure(RunFailure.Kind.DATABASE_LOGIN,
                "cannot reach the Moodle database: the database refused the login", login.failure().cause()));

        RunResult version = SyncEngine.builder().moodle(refusing(new SyncException(
                RunFailure.Kind.UNSUPPORTED_MOODLE_VERSION, "this site runs Moodle 4.1"))).build().users().from(f)
                .execute();
        assertThat(version.failure().kind()).isEqualTo(RunFailure.Kind.UNSUPPORTED_MOODLE_VERSION);
        assertThat(version.failure().message()).as("a refusal is not a connection problem")
                .isEqualTo("this site runs Moodle 4.1");
    }

    @Test
    void aFailureNeverCarriesThePasswordOfAUrl() {
        RunFailure f = RunFailure.of(RunFailure.Kind.DATABASE_UNREACHABLE,
                "Incorrect port value: jdbc:mariadb://u:Secret@host:x/db?user=u&password=Other;ssl=true");
        assertThat(f.message()).doesNotContain("Secret").doesNotContain("Other")
                .contains("//u:***@host").contains("password=***;ssl=true");
        assertThat(RunFailure.of(new IllegalStateException("boom")))
                .extracting(RunFailure::kind, RunFailure::message)
                .containsExactly(RunFailure.Kind.UNEXPECTED, "IllegalStateException: boom");
    }

    private static MoodleBackend refusing(RuntimeException e) {
        return new MoodleBackend() {
            @Override
            public CommandWriter<UserCommand> users(UserSyncOptions options) {
                throw e;
            }
        };
    }

    @Test
    void aRefusedHeaderIsHeardAsAWholeRun() throws IOException {
        Path f = Files.writeString(dir.resolve("u.csv"), "username;firstname;nosuch\njdoe;J;D\n");
        List<String> heard = new ArrayList<>();
        RunResult run = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build().users().from(f)
                .listener(listener(heard)).execute();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(heard).containsExactly("started u.csv", "finished FAILED");
        assertThat(run.failure().kind()).isEqualTo(RunFailure.Kind.INPUT);
        assertThat(Files.readString(run.reportFile())).contains("run FAILED").contains("nosuch");
    }

    @Test
    void settingTheReportDirectoryKeepsTheTrybackBesideTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("u.csv"), "username;firstname;lastname\n;J;D\n");
        Path reports = dir.resolve("elsewhere");
        RunResult run = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build().users().from(f)
                .reportTo(reports).execute();

        assertThat(run.reportFile().getParent()).isEqualTo(reports);
        assertThat(run.trybackFile().getParent()).isEqualTo(dir.toAbsolutePath());
    }

    private static SyncListener listener(List<String> heard) {
        return new SyncListener() {
            @Override
            public void runStarted(SyncKind kind, String source, boolean dryRun) {
                heard.add("started " + source);
            }

            @Override
            public void runFinished(RunResult result) {
                heard.add("finished " + result.status());
            }
        };
    }
}
