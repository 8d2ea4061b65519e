package org.moodlesync.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureSyncOptions;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.internal.picture.TestImages;
import org.moodlesync.core.schedule.Schedule;
import org.moodlesync.core.schedule.SyncScheduler;

/**
 * Picture archives as a kind of the workspace (tool_sync's user pictures tool): every {@code <prefix>*.zip} is a run
 * of its own, in name order, archived and removed per zip, last of a run all; capture, lock, stop, crash recovery.
 */
class WorkspacePicturesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T14:07:30Z"), ZoneId.of("Europe/Paris"));
    static final String STAMP = "20240305-150730";

    @TempDir
    Path dir;

    /** Users through a {@link FakeMoodle}; pictures recorded, the user "bad" failing. */
    static final class PicturesMoodle implements MoodleBackend {
        final FakeMoodle users = FakeMoodle.creatingEveryone();
        final List<String> pictured = Collections.synchronizedList(new ArrayList<>());
        final List<PictureSyncOptions> options = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CommandWriter<UserCommand> users(UserSyncOptions userOptions) {
            return users.users(userOptions);
        }

        @Override
        public CommandWriter<PictureCommand> pictures(PictureSyncOptions pictureOptions) {
            options.add(pictureOptions);
            return (chunk, context) -> {
                List<LineResult> results = new ArrayList<>();
                for (CommandLine<PictureCommand> line : chunk) {
                    String user = line.command().user();
                    if (user.equals("bad")) {
                        results.add(LineResult.failed(line.ref(), "user bad", new LineError(line.ref().source(),
                                line.ref().line(), 0, null, "no user")));
                        continue;
                    }
                    if (!context.dryRun()) {
                        pictured.add(user);
                    }
                    results.add(LineResult.of(line.ref(), "user " + user, Outcome.CREATED, context.dryRun(),
                            List.of(), List.of()));
                }
                return results;
            };
        }
    }

    private final PicturesMoodle moodle = new PicturesMoodle();
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    private Path ws() {
        return dir.resolve("ws");
    }

    private SyncEngine engine() {
        return SyncEngine.builder().moodle(moodle).clock(CLOCK).listener(new SyncListener() {
            @Override
            public void runStarted(SyncKind kind, String source, boolean dryRun) {
                started.add(kind.cliName() + " " + source);
            }

            @Override
            public void notice(SyncKind kind, String message) {
                notices.add(message);
            }
        }).build();
    }

    private WorkspaceRunner.Builder runner(Workspace workspace) {
        return WorkspaceRunner.builder(engine(), workspace)
                .pictureOptions(p -> p.dataroot(dir.resolve("moodledata")).userField(UserKey.USERNAME)
                        .overwrite(false));
    }

    private WorkspaceRunner runner() {
        return runner(Workspace.at(ws())).build();
    }

    private static byte[] zipOf(String... users) {
        List<Object> entries = new ArrayList<>();
        for (String user : users) {
            entries.add(user + ".jpg");
            entries.add(TestImages.jpeg(40, 40));
        }
        return TestImages.zip(TestImages.entries(entries.toArray()));
    }

    private Path zip(Path folder, String name, String... users) throws IOException {
        Files.createDirectories(folder);
        return Files.write(folder.resolve(name), zipOf(users));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(ws())) {
            return s.filter(Files::isRegularFile).map(p -> ws().relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void everyZipOfThePrefixIsARunOfItsOwnInNameOrderArchivedAndRemovedPerZip() throws IOException {
        zip(ws(), "userpictures_b.zip", "carl", "bad");
        byte[] first = Files.readAllBytes(zip(ws(), "userpictures_a.zip", "anna", "ben"));
        zip(ws(), "photos.zip", "zoe");
        Files.writeString(ws().resolve("userpictures_notes.txt"), "not an archive");

        List<WorkspaceRun> runs = runner().run(SyncKind.PICTURES);

        assertThat(runs).extracting(WorkspaceRun::status).containsExactly(WorkspaceRun.Status.RAN,
                WorkspaceRun.Status.RAN);
        assertThat(runs).extracting(r -> r.input().getFileName().toString())
                .containsExactly("userpictures_a.zip", "userpictures_b.zip");
        RunResult a = runs.get(0).result();
        RunResult b = runs.get(1).result();
        assertThat(a.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(a.counts().created()).isEqualTo(2);
        assertThat(b.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(b.counts().failed()).isEqualTo(1);
        assertThat(started).containsExactly("pictures userpictures_a.zip", "pictures userpictures_b.zip");
        assertThat(moodle.pictured).containsExactly("anna", "ben", "carl");
        assertThat(moodle.options).allSatisfy(o -> {
            assertThat(o.userField()).isEqualTo(UserKey.USERNAME);
            assertThat(o.overwrite()).isFalse();
            assertThat(o.fileStore().filedir()).isEqualTo(dir.resolve("moodledata/filedir"));
        });
        assertThat(files()).containsExactly(
                "archives/" + STAMP + "_userpictures_a.zip",
                "archives/" + STAMP + "_userpictures_b.zip",
                "photos.zip",
                "reports/" + STAMP + "_report_userpictures_a.zip",
                "reports/" + STAMP + "_report_userpictures_a.zip.json",
                "reports/" + STAMP + "_report_userpictures_b.zip",
                "reports/" + STAMP + "_report_userpictures_b.zip.json",
                "userpictures_notes.txt");
        assertThat(runs.get(0).archive()).hasBinaryContent(first);
        assertThat(a.reportFile()).isEqualTo(ws().resolve("reports/" + STAMP + "_report_userpictures_a.zip"));
        assertThat(b.trybackFile()).as("pictures have no tryback file").isNull();
        assertThat(Files.readString(b.reportFile())).contains("CREATED user carl").contains("no user");
        assertThat(runs.get(1).jsonReport()).content().contains("\"kind\":\"pictures\"")
                .contains("\"source\":\"userpictures_b.zip\"");
        assertThat(Workspace.at(ws()).markerOf(SyncKind.PICTURES)).doesNotExist();
        assertThat(Workspace.at(ws()).processingOf(SyncKind.PICTURES)).isEmptyDirectory();
        assertThat(notices).isEmpty();
    }

    @Test
    void runAllRunsPicturesLastAfterTheCommandFiles() throws IOException {
        Files.createDirectories(ws());
        Files.writeString(ws().resolve("userimport.csv"), "username;firstname;lastname\njdoe;Jane;Doe\n");
        zip(ws(), "userpictures_2.zip", "jdoe");
        zip(ws(), "userpictures_1.zip", "amy");

        List<WorkspaceRun> runs = runner().runAll();

        assertThat(started).containsExactly("users userimport.csv", "pictures userpictures_1.zip",
                "pictures userpictures_2.zip");
        assertThat(runs).extracting(WorkspaceRun::kind).endsWith(SyncKind.PICTURES, SyncKind.PICTURES);
        assertThat(runs).hasSize(SyncKind.values().length + 1);
        assertThat(runs).filteredOn(r -> r.kind() == SyncKind.PICTURES).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(WorkspaceRun.Status.RAN);
            assertThat(r.succeeded()).isTrue();
        });
        assertThat(runs).noneMatch(r -> r.status() == WorkspaceRun.Status.NOT_SUPPORTED);
        assertThat(moodle.users.writtenUsernames()).containsExactly("jdoe");
        assertThat(moodle.pictured).containsExactly("amy", "jdoe");
        assertThat(notices).as("no kind skipped").isEmpty();
        assertThat(files()).filteredOn(f -> f.endsWith(".zip") && !f.startsWith("archives/")
                && !f.startsWith("reports/")).isEmpty();
    }

    @Test
    void forcedDeletionRemovesZipsEvenWithoutCleanupUnlessTurnedOff() throws IOException {
        Files.createDirectories(ws());
        Path users = Files.writeString(ws().resolve("userimport.csv"), "username;firstname;lastname\njdoe;J;D\n");
        Path zip = zip(ws(), "userpictures_a.zip", "anna");

        runner(Workspace.at(ws())).options(WorkspaceOptions.defaults().withCleanup(false)).build().runAll();

        assertThat(users).as("the users file stays without cleanup").exists();
        assertThat(zip).as("userpictures_forcedeletion: the zip goes anyway").doesNotExist();
        assertThat(ws().resolve("archives/" + STAMP + "_userpictures_a.zip")).exists();

        zip(ws(), "userpictures_a.zip", "anna");
        runner(Workspace.at(ws())).options(WorkspaceOptions.defaults().withCleanup(false)
                .withPictureForceDeletion(false)).build().run(SyncKind.PICTURES);

        assertThat(zip).as("neither cleanup nor forced deletion: the zip stays").exists();
        assertThat(ws().resolve("archives/" + STAMP + "-2_userpictures_a.zip")).exists();
    }

    @Test
    void aDryRunNeitherArchivesNorRemovesTheZips() throws IOException {
        Path zip = zip(ws(), "userpictures_a.zip", "anna");

        WorkspaceRun run = runner(Workspace.at(ws())).dryRun(true).build().run(SyncKind.PICTURES).get(0);

        assertThat(run.result().dryRun()).isTrue();
        assertThat(run.result().counts().created()).isEqualTo(1);
        assertThat(moodle.pictured).isEmpty();
        assertThat(zip).exists();
        assertThat(ws().resolve("archives")).doesNotExist();
    }

    @Test
    void withoutFileStoreTheZipStaysWithANoticeOrIsSetAsideAndNotPickedUpAgain() throws IOException {
        Path zip = zip(ws(), "userpictures_a.zip", "anna");
        WorkspaceRunner.Builder noStore = WorkspaceRunner.builder(engine(), Workspace.at(ws()));

        WorkspaceRun run = noStore.build().run(SyncKind.PICTURES).get(0);

        assertThat(run.status()).isEqualTo(WorkspaceRun.Status.RAN);
        assertThat(run.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.result().error()).contains("file store");
        assertThat(run.succeeded()).isFalse();
        assertThat(zip).as("kept for a run that has a file store").exists();
        assertThat(notices).singleElement().asString().contains("userpictures_a.zip could not be processed")
                .endsWith("it stays for the next run");

        WorkspaceRun aside = noStore.options(WorkspaceOptions.defaults().withDiscardFileOnFailure(true)).build()
                .run(SyncKind.PICTURES).get(0);

        assertThat(aside.setAside()).isEqualTo(ws().resolve("userpictures_a-tryback-failed.zip"));
        assertThat(zip).doesNotExist();
        assertThat(runner().run(SyncKind.PICTURES)).as("a zip set aside is no input any more")
                .extracting(WorkspaceRun::status).containsExactly(WorkspaceRun.Status.NO_FILE);
        assertThat(moodle.pictured).isEmpty();
    }

    @Test
    void thePicturesLockRefusesASecondRunAndTheFluentRunTakesItToo() throws IOException {
        Path zip = zip(ws(), "userpictures_a.zip", "anna");
        SyncEngine engine = engine();
        WorkspaceRunner runner = WorkspaceRunner.builder(engine, Workspace.at(ws()))
                .pictureOptions(p -> p.dataroot(dir)).build();

        try (RunLock held = engine.locks().acquire(SyncKind.PICTURES)) {
            List<WorkspaceRun> refused = runner.run(SyncKind.PICTURES);
            assertThat(refused).extracting(WorkspaceRun::status).containsExactly(WorkspaceRun.Status.LOCKED);
            assertThatThrownBy(() -> engine.pictures().from(zip).dataroot(dir).execute())
                    .isInstanceOf(RunLockedException.class).hasMessageContaining("moodle-sync:pictures");
            assertThatThrownBy(() -> engine.pictures().underLock(engine.locks().acquire(SyncKind.USERS)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(zip).as("a refused run leaves the zip").exists();
        assertThat(moodle.pictured).isEmpty();

        assertThat(runner.run(SyncKind.PICTURES)).extracting(WorkspaceRun::status)
                .containsExactly(WorkspaceRun.Status.RAN);
        assertThat(moodle.pictured).containsExactly("anna");
    }

    @Test
    void aStopAfterTheFirstZipLeavesTheOthersWaiting() throws IOException {
        zip(ws(), "userpictures_a.zip", "anna");
        Path second = zip(ws(), "userpictures_b.zip", "ben");
        WorkspaceRunner[] self = new WorkspaceRunner[1];
        self[0] = runner(Workspace.at(ws())).listener(new SyncListener() {
            @Override
            public void runFinished(RunResult result) {
                self[0].stop();
            }
        }).build();

        List<WorkspaceRun> runs = self[0].run(SyncKind.PICTURES);

        assertThat(runs).extracting(WorkspaceRun::status).containsExactly(WorkspaceRun.Status.RAN,
                WorkspaceRun.Status.NOT_STARTED);
        assertThat(moodle.pictured).containsExactly("anna");
        assertThat(second).exists();
    }

    @Test
    void aCrashedPicturesRunIsRecoveredAndRunAgain() throws IOException {
        Workspace w = Workspace.at(ws());
        zip(w.processingOf(SyncKind.PICTURES), "userpictures_b.zip", "ben");
        RunMarker.now("userpictures_b.zip", Instant.parse("2024-03-05T02:00:00Z")).write(w.markerOf(SyncKind.PICTURES));
        zip(ws(), "userpictures_c.zip", "carl");

        List<WorkspaceRun> runs = runner().run(SyncKind.PICTURES);

        assertThat(runs).extracting(r -> r.input().getFileName().toString())
                .containsExactly("userpictures_b.zip", "userpictures_c.zip");
        assertThat(runs.get(0).notices()).singleElement().asString()
                .startsWith("took over from the run of pid ").contains("which died").endsWith("is run again now");
        assertThat(moodle.pictured).containsExactly("ben", "carl");
        assertThat(w.markerOf(SyncKind.PICTURES)).doesNotExist();
    }

    @Test
    void aGivenArchiveGetsThePrefixAndRunsWithTheWaitingOnes() throws IOException {
        Path given = zip(dir.resolve("elsewhere"), "photos.zip", "zoe");
        zip(ws(), "userpictures_a.zip", "anna");

        List<WorkspaceRun> runs = runner().run(SyncKind.PICTURES, given);

        assertThat(runs).extracting(r -> r.input().getFileName().toString())
                .containsExactly("userpictures_a.zip", "userpictures_photos.zip");
        assertThat(given).exists();
        assertThat(runs.get(1).archive()).isEqualTo(ws().resolve("archives/" + STAMP + "_userpictures_photos.zip"));
        assertThat(WorkspaceRunner.matchingName("userpictures_*.zip", "userpictures_2024.zip"))
                .isEqualTo("userpictures_2024.zip");
        assertThat(WorkspaceRunner.matchingName("userpictures_*.zip", "photos.jpg"))
                .isEqualTo("userpictures_photos.jpg.zip");
    }

    @Test
    void thePrefixIsToolSyncsUserpicturesFileprefixAndMayNameAFolder() throws IOException {
        zip(ws().resolve("feeds"), "photos_1.zip", "anna");
        zip(ws(), "userpictures_a.zip", "ben");
        Workspace w = Workspace.at(ws()).picturePrefix("feeds/photos_");

        List<WorkspaceRun> runs = runner(w).build().run(SyncKind.PICTURES);

        assertThat(w.locationOf(SyncKind.PICTURES)).isEqualTo("feeds/photos_*.zip");
        assertThat(runs).extracting(r -> r.input().getFileName().toString()).containsExactly("photos_1.zip");
        assertThat(moodle.pictured).containsExactly("anna");
        assertThat(ws().resolve("archives/" + STAMP + "_photos_1.zip")).exists();
        assertThat(ws().resolve("userpictures_a.zip")).exists();
        assertThatThrownBy(() -> Workspace.at(ws()).picturePrefix("photos*")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> Workspace.at(ws()).picturePrefix("../photos_")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> Workspace.at(ws()).picturePrefix("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void droppedZipsAreCapturedOnlyWhenWholeAsCommandFiles() throws IOException {
        Path inbox = dir.resolve("inbox");
        Files.createDirectories(inbox);
        Path settled = zip(inbox, "userpictures_a.zip", "anna");
        Path temporary = zip(inbox, "userpictures_b.zip.part", "ben");
        Path growing = zip(inbox, "userpictures_c.zip", "carl");
        for (Path p : List.of(settled, temporary, growing)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        }
        DropFolder.Pause feederWritesMeanwhile = d -> {
            try {
                Files.write(growing, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Workspace w = Workspace.at(ws()).inbox(inbox);
        WorkspaceRunner runner = runner(w).dropFolder(new DropFolder(inbox, ws(), Clock.systemUTC(),
                Duration.ofMillis(1), Duration.ofHours(3), feederWritesMeanwhile)).build();

        List<WorkspaceRun> runs = runner.run(SyncKind.PICTURES);

        assertThat(runs).extracting(r -> r.input().getFileName().toString()).containsExactly("userpictures_a.zip");
        assertThat(runs.get(0).result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(moodle.pictured).containsExactly("anna");
        assertThat(settled).doesNotExist();
        assertThat(temporary).as("still being written (temporary name)").exists();
        assertThat(growing).as("changed between the two looks").exists();
        assertThat(ws().resolve("userpictures_c.zip")).doesNotExist();
    }

    @Test
    void aPicturesScheduleRunsTheZipsUnderItsOwnKind() throws IOException {
        zip(ws(), "userpictures_a.zip", "anna");
        Files.writeString(Files.createDirectories(ws()).resolve("userimport.csv"),
                "username;firstname;lastname\njdoe;J;D\n", StandardCharsets.UTF_8);
        SyncScheduler scheduler = SyncScheduler.builder(runner()).clock(CLOCK)
                .schedule(SyncKind.PICTURES, Schedule.every(Duration.ofHours(12), Duration.ZERO)).build();

        List<WorkspaceRun> runs = scheduler.runDue();

        assertThat(runs).extracting(WorkspaceRun::kind).containsExactly(SyncKind.PICTURES);
        assertThat(moodle.pictured).containsExactly("anna");
        assertThat(ws().resolve("userimport.csv")).as("only the pictures kind was due").exists();
    }
}
