package org.moodlesync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.core.testkit.FakeMoodle;

/** The report and tryback files a run over a file leaves behind. */
class RunOutputFilesTest {

    /** 14:07 UTC is 15:07 in Paris: file names use the clock's zone (the server's local time). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T14:07:30Z"), ZoneId.of("Europe/Paris"));
    static final String STAMP = "20240305-150730";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static SyncEngine engine(FakeMoodle fake) {
        return SyncEngine.builder().moodle(fake).clock(CLOCK).build();
    }

    private List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void reportAndTrybackHaveToolSyncNamesAndPlaces() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "jdoe;Jane;Doe", "bob;;Brown");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        assertThat(r.reportFile()).isEqualTo(dir.resolve("reports").resolve(STAMP + "_report_userimport.csv"));
        assertThat(r.trybackFile()).isEqualTo(dir.resolve("userimport_tryback_" + STAMP + ".csv"));
        assertThat(r.reportFile()).isRegularFile();
        assertThat(r.trybackFile()).isRegularFile();
        assertThat(filesUnder(dir)).containsExactlyInAnyOrder(file, r.reportFile(), r.trybackFile());
    }

    @Test
    void aFileWithAnotherExtensionKeepsItInTheTrybackName() throws IOException {
        Path file = write("users.txt", "username;firstname;lastname", "bob;;Brown");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        assertThat(r.reportFile().getFileName().toString()).isEqualTo(STAMP + "_report_users.txt");
        assertThat(r.trybackFile().getFileName().toString()).isEqualTo("users_tryback_" + STAMP + ".txt");
    }

    @Test
    void reportAndTrybackGoWhereTheyAreTold() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "bob;;Brown");
        Path reports = dir.resolve("out/reports");
        Path trybacks = dir.resolve("out/tryback");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).reportTo(reports).trybackTo(trybacks)
                .execute();

        assertThat(r.reportFile()).isEqualTo(reports.resolve(STAMP + "_report_userimport.csv")).isRegularFile();
        assertThat(r.trybackFile()).isEqualTo(trybacks.resolve("userimport_tryback_" + STAMP + ".csv"))
                .isRegularFile();
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void noOutputFilesWritesNone() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "bob;;Brown");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).noOutputFiles().execute();

        assertThat(r.reportFile()).isNull();
        assertThat(r.trybackFile()).isNull();
        assertThat(filesUnder(dir)).containsExactly(file);
    }

    @Test
    void theTrybackHoldsTheHeaderAsWrittenAndTheFailedLinesExactly() throws IOException {
        String header = "username ; firstname;lastname;email ";
        Path file = write("userimport.csv",
                "# exported from the HR system",
                header,
                "jdoe;Jane;Doe;jane@example.org",
                "bob ;  ; Brown ;bob@example.org",
                "",
                "# a comment between lines",
                "carol;Carol;Cole;carol at example.org",
                "dave;Dave;Dean;dave@example.org",
                "erin;Erin;Eads;erin@example.org;extra");
        FakeMoodle fake = FakeMoodle.answering(c -> c.username().equals("dave") ? Outcome.FAILED : Outcome.CREATED);

        RunResult r = engine(fake).users().from(file).execute();

        assertThat(r.failures()).hasSize(4);
        assertThat(Files.readString(r.trybackFile(), StandardCharsets.UTF_8)).isEqualTo(header + "\n"
                + "bob ;  ; Brown ;bob@example.org\n"
                + "carol;Carol;Cole;carol at example.org\n"
                + "dave;Dave;Dean;dave@example.org\n"
                + "erin;Erin;Eads;erin@example.org;extra\n");
    }

    @Test
    void theTrybackFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname;password", "bob;;Brown;S3cret!x");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.trybackFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void aTrybackFileLeftByAnEarlierRunIsKeptAndTheNewRunTakesTheNextName() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "bob;;Brown");
        Path old = dir.resolve("userimport_tryback_" + STAMP + ".csv");
        Files.writeString(old, "an earlier run's failed lines\n");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        assertThat(Files.readString(old)).isEqualTo("an earlier run's failed lines\n");
        assertThat(r.trybackFile()).isEqualTo(dir.resolve("userimport_tryback_" + STAMP + "-2.csv"));
        assertThat(Files.readString(r.trybackFile())).isEqualTo("username;firstname;lastname\nbob;;Brown\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.trybackFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void twoRunsInTheSameSecondKeepTheirOwnReportsAndTrybacks() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "bob;;Brown");

        RunResult first = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();
        RunResult second = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        assertThat(second.reportFile()).isNotEqualTo(first.reportFile());
        assertThat(second.trybackFile()).isNotEqualTo(first.trybackFile());
        assertThat(first.reportFile()).isRegularFile();
        assertThat(Files.readString(first.trybackFile())).contains("bob;;Brown");
        assertThat(Files.readString(second.trybackFile())).contains("bob;;Brown");
        assertThat(second.reportFile().getFileName().toString()).isEqualTo(STAMP + "-2_report_userimport.csv");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aDryRunsFilesSaySoInTheirNamesAndDoNotTakeTheRealRunsNames() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "bob;;Brown");

        RunResult dry = engine(FakeMoodle.creatingEveryone()).users().from(file).dryRun().execute();
        RunResult real = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        assertThat(dry.reportFile().getFileName().toString()).isEqualTo(STAMP + "-dryrun_report_userimport.csv");
        assertThat(dry.trybackFile().getFileName().toString()).isEqualTo("userimport_tryback_" + STAMP + "-dryrun.csv");
        assertThat(real.reportFile().getFileName().toString()).isEqualTo(STAMP + "_report_userimport.csv");
        assertThat(Files.readString(dry.reportFile())).startsWith("moodle-sync report: userimport.csv (DRY RUN");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real.reportFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void aSymbolicLinkUnderTheNameIsNeitherFollowedNorReplaced() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "bob;;Brown");
        Path target = dir.resolve("elsewhere.txt");
        Files.writeString(target, "not yours\n");
        Path link = Files.createSymbolicLink(dir.resolve("userimport_tryback_" + STAMP + ".csv"), target);

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        assertThat(Files.readString(target)).isEqualTo("not yours\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(r.trybackFile()).isEqualTo(dir.resolve("userimport_tryback_" + STAMP + "-2.csv"));
    }

    @Test
    void noTrybackFileWhenNothingFailed() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "jdoe;Jane;Doe", "bob;Bob;Brown");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.trybackFile()).isNull();
        assertThat(filesUnder(dir)).containsExactlyInAnyOrder(file, r.reportFile());
    }

    @Test
    void theReportSaysEveryLinesOutcomeAndTheRunsStatus() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname;email",
                "jdoe;Jane;Doe;jane@example.org",
                "bob;Bob;Brown;not-an-email");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).execute();

        List<String> report = Files.readAllLines(r.reportFile());
        assertThat(report.get(0)).isEqualTo("moodle-sync report: userimport.csv");
        assertThat(report).contains("started 2024-03-05T14:07:30Z");
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("line 2: CREATED user jdoe"));
        assertThat(report).anySatisfy(l -> assertThat(l)
                .startsWith("line 3: FAILED - userimport.csv:3:4: [email] "));
        assertThat(report.get(report.size() - 1))
                .startsWith("status COMPLETED_WITH_ERRORS: read=2 created=1 updated=0 unchanged=0 deleted=0"
                        + " skipped=0 failed=1");
    }

    @Test
    void aPasswordFromTheFileNeverReachesTheReportButStaysInTheTryback() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname;email;mailformat;password",
                "jdoe;Jane;Doe;jane@example.org;1;Pw-Created-1",          // created
                "bob;Bob;Brown;bob@example.org;1;Pw-Writer-2",            // the writer refuses it
                "carol;Carol;Cole;not-an-email;1;Pw-Validation-3",        // validation
                "dave;Dave;Dean;dave@example.org;7;Pw-Mapping-4",         // mapping
                "erin;Erin;Eads;erin@example.org;1;Pw-Extra-5;oops");     // too many values
        FakeMoodle fake = FakeMoodle.answering(c -> c.username().equals("bob") ? Outcome.FAILED : Outcome.CREATED)
                .failingField("password");

        RunResult r = engine(fake).users().from(file).execute();

        assertThat(r.failures()).hasSize(4);
        String report = Files.readString(r.reportFile(), StandardCharsets.UTF_8);
        assertThat(report).contains("line 2: CREATED").contains("line 3: FAILED").contains("password: ********")
                .doesNotContain("Pw-Created-1", "Pw-Writer-2", "Pw-Validation-3", "Pw-Mapping-4", "Pw-Extra-5");
        assertThat(r.toString()).doesNotContain("Pw-");
        String tryback = Files.readString(r.trybackFile(), StandardCharsets.UTF_8);
        assertThat(tryback).contains("Pw-Writer-2", "Pw-Validation-3", "Pw-Mapping-4", "Pw-Extra-5")
                .doesNotContain("Pw-Created-1");
    }

    @Test
    void passwordsOfLinesAStoppedRunDidNotProcessStayOutOfTheReport() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname;password",
                "jdoe;Jane;Doe;Pw-One-1",
                "bob;;Brown;Pw-Two-2",
                "carol;Carol;Cole;Pw-Three-3");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).stopOnError().execute();

        assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
        String report = Files.readString(r.reportFile(), StandardCharsets.UTF_8);
        assertThat(report).doesNotContain("Pw-One-1", "Pw-Two-2", "Pw-Three-3").contains("not processed");
        assertThat(Files.readString(r.trybackFile())).contains("Pw-Two-2", "Pw-Three-3");
    }

    @Test
    void aDryRunStillWritesItsReportAndTryback() throws IOException {
        Path file = write("userimport.csv", "username;firstname;lastname", "jdoe;Jane;Doe", "bob;;Brown");

        RunResult r = engine(FakeMoodle.creatingEveryone()).users().from(file).dryRun().execute();

        assertThat(Files.readString(r.reportFile())).startsWith("moodle-sync report: userimport.csv (DRY RUN");
        assertThat(Files.readAllLines(r.trybackFile())).containsExactly("username;firstname;lastname", "bob;;Brown");
    }
}
