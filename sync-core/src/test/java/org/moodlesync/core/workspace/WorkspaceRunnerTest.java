package org.moodlesync.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.core.SyncEngine;

/** Workspace runs: file names and places, post-processing, crash recovery, locking, stopping, run all. */
class WorkspaceRunnerTest {

    /** 14:07 UTC is 15:07 in Paris: names use the clock's zone, as tool_sync used the server's local time. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T14:07:30Z"), ZoneId.of("Europe/Paris"));
    static final String STAMP = "20240305-150730";
    static final String HEADER = "username;firstname;lastname;password";

    @TempDir
    Path dir;

    private Path ws() {
        return dir.resolve("ws");
    }

    private Path write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private Path usersFile() throws IOException {
        return write(ws().resolve("userimport.csv"), HEADER, "jdoe;Jane;Doe;S3cret-pw", "bob;;Brown;Other-pw9",
                "amy;Amy;Lee;");
    }

    private static SyncEngine engine(org.moodlesync.api.spi.MoodleBackend backend, SyncListener... listeners) {
        SyncEngine.Builder b = SyncEngine.builder().moodle(backend).clock(CLOCK);
        for (SyncListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    private WorkspaceRunner runner(SyncEngine engine, WorkspaceOptions options) {
        return WorkspaceRunner.builder(engine, Workspace.at(ws())).options(options).build();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(ws())) {
            return s.filter(Files::isRegularFile).map(p -> ws().relativize(p)).sorted().toList();
        }
    }

    @Test
    void aRunLeavesToolSyncsFilesWhereToolSyncLeftThem() throws IOException {
        Path input = usersFile();
        String original = Files.readString(input);

        List<WorkspaceRun> runs = runner(engine(FakeMoodle.creatingEveryone()), WorkspaceOptions.defaults())
                .run(SyncKind.USERS);

        assertThat(runs).hasSize(1);
        WorkspaceRun run = runs.get(0);
        assertThat(run.status()).isEqualTo(WorkspaceRun.Status.RAN);
        RunResult r = run.result();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.counts().created()).isEqualTo(2);
        assertThat(r.counts().failed()).isEqualTo(1);
        assertThat(files()).containsExactly(
                Path.of("archives", STAMP + "_userimport.csv"),
                Path.of("reports", STAMP + "_report_userimport.csv"),
                Path.of("reports", STAMP + "_report_userimport.csv.json"),
                Path.of("userimport_tryback_" + STAMP + ".csv"));
        assertThat(run.archive()).hasContent(original.strip());
        assertThat(r.reportFile()).isEqualTo(ws().resolve("reports/" + STAMP + "_report_userimport.csv"));
        assertThat(Files.readString(r.reportFile())).contains("line 2: CREATED user jdoe", "line 3: FAILED")
                .doesNotContain("S3cret-pw", "Other-pw9");
        assertThat(Files.readAllLines(r.trybackFile())).containsExactly(HEADER, "bob;;Brown;Other-pw9");
        assertThat(ws().resolve(".moodlesync/lastrunning_users")).doesNotExist();
    }

    @Test
    void theJsonReportHoldsTheSameResultsWithoutSecrets() throws IOException {
        usersFile();

        WorkspaceRun run = runner(engine(FakeMoodle.creatingEveryone()), WorkspaceOptions.defaults())
                .run(SyncKind.USERS).get(0);

        String text = Files.readString(run.jsonReport());
        assertThat(text).doesNotContain("S3cret-pw", "Other-pw9");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("kind").asText()).isEqualTo("users");
        assertThat(json.get("source").asText()).isEqualTo("userimport.csv");
        assertThat(json.get("status").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(json.get("counts").get("created").asLong()).isEqualTo(2);
        assertThat(json.get("counts").get("failed").asLong()).isEqualTo(1);
        JsonNode lines = json.get("lines");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("line").asLong()).isEqualTo(2);
        assertThat(lines.get(0).get("outcome").asText()).isEqualTo("CREATED");
        assertThat(lines.get(0).get("entity").asText()).isEqualTo("user jdoe");
        assertThat(lines.get(0).get("changes").get(1).get("new").asText()).isEqualTo("********");
        JsonNode error = lines.get(1).get("error");
        assertThat(error.get("location").asText()).isEqualTo("userimport.csv:3:2");
        assertThat(error.get("field").asText()).isEqualTo("firstname");
        assertThat(json.get("trybackFile").asText()).endsWith("userimport_tryback_" + STAMP + ".csv");
    }

    @Test
    void optionsTurnEachOutputOff() throws IOException {
        usersFile();
        WorkspaceOptions none = WorkspaceOptions.defaults().withStoreReport(false).withJsonReport(false)
                .withTryback(false).withArchive(false);

        WorkspaceRun run = runner(engine(FakeMoodle.creatingEveryone()), none).run(SyncKind.USERS).get(0);

        assertThat(run.result().counts().read()).isEqualTo(3);
        assertThat(files()).isEmpty();
    }

    @Test
    void withoutCleanupTheFileStaysForTheNextRun() throws IOException {
        Path input = usersFile();
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        WorkspaceRunner runner = runner(engine(fake), WorkspaceOptions.defaults().withCleanup(false));

        runner.run(SyncKind.USERS);
        assertThat(input).exists();
        runner.run(SyncKind.USERS);

        assertThat(fake.writtenUsernames()).containsExactly("jdoe", "amy", "jdoe", "amy");
        assertThat(ws().resolve("archives/" + STAMP + "_userimport.csv")).exists();
        assertThat(ws().resolve("archives/" + STAMP + "-2_userimport.csv")).as("a second archive in the same minute"
                + " does not replace the first").exists();
    }

    @Test
    void aDryRunNeitherArchivesNorRemovesTheFile() throws IOException {
        Path input = usersFile();

        WorkspaceRun run = WorkspaceRunner.builder(engine(FakeMoodle.creatingEveryone()), Workspace.at(ws()))
                .dryRun(true).build().run(SyncKind.USERS).get(0);

        assertThat(run.result().dryRun()).isTrue();
        assertThat(input).exists();
        assertThat(ws().resolve("archives")).doesNotExist();
        assertThat(Files.readString(run.result().reportFile())).contains("DRY RUN");
    }

    @Test
    void noFileIsNothingToDo() {
        FakeMoodle fake = FakeMoodle.creatingEveryone();

        List<WorkspaceRun> runs = runner(engine(fake), WorkspaceOptions.defaults()).run(SyncKind.USERS);

        assertThat(runs).extracting(WorkspaceRun::status).containsExactly(WorkspaceRun.Status.NO_FILE);
        assertThat(runs.get(0).succeeded()).isTrue();
        assertThat(fake.callCount()).isZero();
    }

    @Test
    void aFileGivenDirectlyIsCopiedIntoTheWorkspaceAndRunThere() throws IOException {
        Path given = write(dir.resolve("elsewhere/my-users.csv"), HEADER, "jdoe;Jane;Doe;");
        FakeMoodle fake = FakeMoodle.creatingEveryone();

        WorkspaceRun run = runner(engine(fake), WorkspaceOptions.defaults()).run(SyncKind.USERS, given).get(0);

        assertThat(fake.writtenUsernames()).containsExactly("jdoe");
        assertThat(given).exists();
        assertThat(run.input()).isEqualTo(ws().resolve("userimport.csv"));
        assertThat(run.archive()).isEqualTo(ws().resolve("archives/" + STAMP + "_userimport.csv"));
        assertThat(ws().resolve("userimport.csv")).doesNotExist();
    }

    @Test
    void aLocationPutsTheFileAndItsTrybackInASubfolder() throws IOException {
        write(ws().resolve("feeds/people.csv"), HEADER, "bob;;Brown;");
        Workspace w = Workspace.at(ws()).location(SyncKind.USERS, "feeds/people.csv");

        WorkspaceRun run = WorkspaceRunner.builder(engine(FakeMoodle.creatingEveryone()), w).build()
                .run(SyncKind.USERS).get(0);

        assertThat(run.result().trybackFile()).isEqualTo(ws().resolve("feeds/people_tryback_" + STAMP + ".csv"));
        assertThat(run.result().reportFile()).isEqualTo(ws().resolve("reports/" + STAMP + "_report_people.csv"));
        assertThatThrownBy(() -> w.location(SyncKind.USERS, "../outside.csv"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runAllGoesInToolSyncsOrderAndSkipsNoKind() throws IOException {
        write(ws().resolve("usersuspend.csv"), "username", "bob");
        write(ws().resolve("userimport.csv"), HEADER, "jdoe;Jane;Doe;");
        write(ws().resolve("userdelete.csv"), "username", "amy");
        List<SyncKind> started = Collections.synchronizedList(new ArrayList<>());
        List<String> notices = Collections.synchronizedList(new ArrayList<>());
        SyncListener listener = new SyncListener() {
            @Override
            public void runStarted(SyncKind kind, String source, boolean dryRun) {
                started.add(kind);
            }

            @Override
            public void notice(SyncKind kind, String message) {
                notices.add(message);
            }
        };

        List<WorkspaceRun> runs = runner(engine(FakeMoodle.creatingEveryone(), listener), WorkspaceOptions.defaults())
                .runAll();

        assertThat(started).containsExactly(SyncKind.USERS, SyncKind.USER_DELETES, SyncKind.USER_SUSPENDS);
        assertThat(runs).extracting(WorkspaceRun::kind).containsExactly(SyncKind.values());
        // pictures are a kind of the workspace too (last): no archive waits, nothing to do, no notice
        assertThat(runs.get(SyncKind.PICTURES.ordinal()).status()).isEqualTo(WorkspaceRun.Status.NO_FILE);
        assertThat(runs).noneMatch(r -> r.status() == WorkspaceRun.Status.NOT_SUPPORTED);
        assertThat(notices).isEmpty();
    }

    @Test
    void theMarkerOfALiveProcessIsNeverRecovered() throws Exception {
        // a marker whose pid is a live process on this host: that run is still going, its file is left alone
        Workspace w = Workspace.at(ws());
        write(w.processingOf(SyncKind.USERS).resolve("userimport.csv"), HEADER, "jdoe;Jane;Doe;");
        Process alive = new ProcessBuilder("sleep", "30").start();
        try {
            new RunMarker("userimport.csv", Instant.parse("2024-03-05T02:00:00Z"), RunMarker.hostName(),
                    alive.pid()).write(w.markerOf(SyncKind.USERS));
            FakeMoodle fake = FakeMoodle.creatingEveryone();

            WorkspaceRun run = runner(engine(fake), WorkspaceOptions.defaults()).run(SyncKind.USERS).get(0);

            assertThat(run.status()).isEqualTo(WorkspaceRun.Status.LOCKED);
            assertThat(run.notices()).singleElement().asString().contains("pid " + alive.pid())
                    .contains("is still running");
            assertThat(fake.writtenUsernames()).isEmpty();
            assertThat(w.markerOf(SyncKind.USERS)).exists();
            assertThat(w.processingOf(SyncKind.USERS).resolve("userimport.csv")).exists();
        } finally {
            alive.destroyForcibly().waitFor();
        }
    }

    @Test
    void aCrashedRunIsRecoveredByTheNextRun() throws IOException {
        // what a run killed in the middle leaves: its marker, and its file in the processing folder
        Workspace w = Workspace.at(ws());
        write(w.processingOf(SyncKind.USERS).resolve("userimport.csv"), HEADER, "jdoe;Jane;Doe;", "amy;Amy;Lee;");
        RunMarker.now("userimport.csv", Instant.parse("2024-03-05T02:00:00Z")).write(w.markerOf(SyncKind.USERS));
        FakeMoodle fake = FakeMoodle.creatingEveryone();

        WorkspaceRun run = runner(engine(fake), WorkspaceOptions.defaults()).run(SyncKind.USERS).get(0);

        assertThat(run.status()).isEqualTo(WorkspaceRun.Status.RAN);
        assertThat(fake.writtenUsernames()).containsExactly("jdoe", "amy");
        assertThat(run.notices()).singleElement().asString().startsWith("took over from the run of pid " + ProcessHandle.current().pid() + " on ")
                .contains("which died")
                .endsWith("userimport.csv is run again now");
        assertThat(w.markerOf(SyncKind.USERS)).doesNotExist();
        assertThat(w.processingOf(SyncKind.USERS)).isEmptyDirectory();
    }

    @Test
    void discardOnFailureSetsTheCrashedFileAsideAndOnlyRearms() throws IOException {
        Workspace w = Workspace.at(ws());
        write(w.processingOf(SyncKind.USERS).resolve("userimport.csv"), HEADER, "jdoe;Jane;Doe;");
        RunMarker.now("userimport.csv", Instant.parse("2024-03-05T02:00:00Z")).write(w.markerOf(SyncKind.USERS));
        write(ws().resolve("userimport.csv"), HEADER, "amy;Amy;Lee;");
        FakeMoodle fake = FakeMoodle.creatingEveryone();
        WorkspaceRunner runner = runner(engine(fake), WorkspaceOptions.defaults().withDiscardFileOnFailure(true));

        WorkspaceRun rearm = runner.run(SyncKind.USERS).get(0);

        assertThat(rearm.status()).isEqualTo(WorkspaceRun.Status.REARMED);
        assertThat(rearm.setAside()).isEqualTo(ws().resolve("userimport-tryback-failed.csv"));
        assertThat(rearm.setAside()).content().contains("jdoe");
        assertThat(rearm.notices()).anySatisfy(n -> assertThat(n).contains("rearming for next run"));
        assertThat(fake.callCount()).as("the rearming run does nothing else").isZero();
        assertThat(w.markerOf(SyncKind.USERS)).doesNotExist();

        WorkspaceRun next = runner.run(SyncKind.USERS).get(0);
        assertThat(next.status()).isEqualTo(WorkspaceRun.Status.RAN);
        assertThat(fake.writtenUsernames()).containsExactly("amy");
    }

    @Test
    void discardOnFailureSetsAsideAFileThatCouldNotBeProcessed() throws IOException {
        write(ws().resolve("userimport.csv"), "nosuchcolumn;firstname", "x;y");

        WorkspaceRun run = runner(engine(FakeMoodle.creatingEveryone()),
                WorkspaceOptions.defaults().withDiscardFileOnFailure(true)).run(SyncKind.USERS).get(0);

        assertThat(run.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.setAside()).isEqualTo(ws().resolve("userimport-tryback-failed.csv")).exists();
        assertThat(ws().resolve("userimport.csv")).doesNotExist();
        assertThat(run.notices()).singleElement().asString().contains("could not be processed")
                .endsWith("set aside as userimport-tryback-failed.csv");
    }

    @Test
    void withoutDiscardAFileThatCouldNotBeProcessedStaysForTheNextRun() throws IOException {
        Path input = write(ws().resolve("userimport.csv"), "nosuchcolumn;firstname", "x;y");

        WorkspaceRun run = runner(engine(FakeMoodle.creatingEveryone()), WorkspaceOptions.defaults())
                .run(SyncKind.USERS).get(0);

        assertThat(run.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(input).exists();
        assertThat(run.archive()).isNull();
        assertThat(run.notices()).singleElement().asString().endsWith("it stays for the next run");
    }

    @Test
    void aDatabaseLostBeforeTheFirstLineKeepsTheFileAndClearsTheMarker() throws IOException {
        Path input = usersFile();

        WorkspaceRun run = runner(engine(FakeMoodle.creatingEveryone().throwingOnCall(1)),
                WorkspaceOptions.defaults()).run(SyncKind.USERS).get(0);

        assertThat(run.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(input).as("nothing was applied: the file waits for the next run").exists();
        assertThat(ws().resolve(".moodlesync/lastrunning_users")).doesNotExist();
        assertThat(ws().resolve(".moodlesync/processing/users")).isEmptyDirectory();
    }

    @Test
    void aDatabaseLostInTheMiddleOfARunLosesNoLine() throws IOException {
        usersFile();

        WorkspaceRun run = WorkspaceRunner.builder(engine(FakeMoodle.creatingEveryone().throwingOnCall(2)),
                        Workspace.at(ws()))
                .stepOptions((kind, step) -> step.chunkSize(1)).build().run(SyncKind.USERS).get(0);

        assertThat(run.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.result().counts().created()).isEqualTo(1);
        assertThat(Files.readAllLines(run.result().trybackFile())).containsExactly(HEADER, "bob;;Brown;Other-pw9",
                "amy;Amy;Lee;");
        assertThat(run.archive()).exists();
        assertThat(ws().resolve("userimport.csv")).doesNotExist();
        assertThat(ws().resolve(".moodlesync/lastrunning_users")).doesNotExist();
    }

    @Test
    void aStopEndsTheRunAtALineBoundaryAndKeepsTheRestForTheTrybackFile() throws IOException {
        write(ws().resolve("userimport.csv"), HEADER, "u1;A;B;", "u2;A;B;", "u3;A;B;", "u4;A;B;", "u5;A;B;");
        WorkspaceRunner[] holder = new WorkspaceRunner[1];
        SteppingMoodle moodle = new SteppingMoodle(done -> {
            if (done == 2) {
                holder[0].stop(); // SIGTERM arrives while the third line is next
            }
        });
        holder[0] = runner(engine(moodle), WorkspaceOptions.defaults());

        WorkspaceRun run = holder[0].run(SyncKind.USERS).get(0);

        assertThat(moodle.written).containsExactly("u1", "u2");
        RunResult r = run.result();
        assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(r.lines()).extracting(LineResult::line).containsExactly(2L, 3L);
        assertThat(Files.readAllLines(r.trybackFile())).containsExactly(HEADER, "u3;A;B;", "u4;A;B;", "u5;A;B;");
        assertThat(Files.readString(r.reportFile())).contains("line 4: NOT PROCESSED");
        assertThat(ws().resolve(".moodlesync/lastrunning_users")).doesNotExist();
        assertThat(holder[0].run(SyncKind.USERS)).extracting(WorkspaceRun::status)
                .containsExactly(WorkspaceRun.Status.NOT_STARTED);
    }

    @Test
    void aSecondRunOfTheSameKindIsRefusedWhileTheFirstRuns() throws Exception {
        usersFile();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SteppingMoodle moodle = new SteppingMoodle(done -> {
            if (done == 0) {
                inside.countDown();
                await(release);
            }
        });
        SyncEngine engine = engine(moodle);
        WorkspaceRunner runner = runner(engine, WorkspaceOptions.defaults());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<WorkspaceRun>> first = pool.submit(() -> runner.run(SyncKind.USERS));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            write(ws().resolve("userimport.csv"), HEADER, "zed;Z;Z;");
            List<WorkspaceRun> second = runner(engine, WorkspaceOptions.defaults()).run(SyncKind.USERS);
            assertThat(second).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(WorkspaceRun.Status.LOCKED);
                assertThat(r.notices()).singleElement().asString().contains("moodle-sync:users", "refused");
            });
            assertThatThrownBy(() -> engine.users().from(ws().resolve("userimport.csv")).execute())
                    .isInstanceOf(RunLockedException.class).hasMessageContaining("moodle-sync:users");
            assertThat(ws().resolve("userimport.csv")).as("the refused run leaves the new file waiting").exists();

            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).get(0).result().counts().read()).isEqualTo(3);
            assertThat(runner.run(SyncKind.USERS).get(0).result().counts().created()).isEqualTo(1);
            assertThat(moodle.written).containsExactly("jdoe", "amy", "zed");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aNewFileDroppedDuringARunWaitsForTheNextRun() throws Exception {
        usersFile();
        Path[] dropped = new Path[1];
        SteppingMoodle moodle = new SteppingMoodle(done -> {
            if (done == 1 && dropped[0] == null) {
                try {
                    dropped[0] = write(ws().resolve("userimport.csv"), HEADER, "new;N;N;");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        WorkspaceRunner runner = runner(engine(moodle), WorkspaceOptions.defaults().withCleanup(false));

        runner.run(SyncKind.USERS);

        assertThat(ws().resolve("userimport.csv")).content().contains("new;N;N;");
        runner.run(SyncKind.USERS);
        assertThat(moodle.written).containsExactly("jdoe", "amy", "new");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void listenersHearFailedLinesAndTheExpectedTotal() throws IOException {
        usersFile();
        List<Long> expected = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void linesExpected(long lines) {
                expected.add(lines);
            }

            @Override
            public void lineFailed(LineResult line) {
                failed.add(line.line());
            }
        };

        WorkspaceRunner.builder(engine(FakeMoodle.creatingEveryone()), Workspace.at(ws())).listener(listener).build()
                .run(SyncKind.USERS);

        assertThat(expected).containsExactly(3L);
        assertThat(failed).containsExactly(3L);
        assertThat(Outcome.FAILED.writes()).isFalse();
    }
}
