package org.moodlesync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.command.picture.PictureAction;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureSyncOptions;
import org.moodlesync.api.command.picture.SourceImage;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.core.internal.picture.TestImages;

/** The pictures step through the engine, with an in-memory backend: sources, outputs, refusals. */
class PictureSyncTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T14:07:30Z"), ZoneId.of("Europe/Paris"));
    static final String STAMP = "20240305-150730";

    @TempDir
    Path dir;

    /** Records what it is handed; fails the user "bad". */
    static class RecordingMoodle implements MoodleBackend {
        final List<PictureCommand> written = Collections.synchronizedList(new ArrayList<>());
        final List<WriteContext> contexts = new ArrayList<>();
        PictureSyncOptions options;

        @Override
        public CommandWriter<UserCommand> users(UserSyncOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CommandWriter<PictureCommand> pictures(PictureSyncOptions options) {
            this.options = options;
            return (chunk, context) -> {
                contexts.add(context);
                List<LineResult> results = new ArrayList<>();
                for (CommandLine<PictureCommand> line : chunk) {
                    written.add(line.command());
                    if (line.command().user().equals("bad")) {
                        results.add(LineResult.failed(line.ref(), "user bad", new LineError(line.ref().source(),
                                line.ref().line(), 0, null, "no user")));
                    } else {
                        results.add(LineResult.of(line.ref(), "user " + line.command().user(),
                                line.command().action() == PictureAction.SET ? Outcome.CREATED : Outcome.DELETED,
                                context.dryRun(), List.of(), List.of()));
                    }
                }
                return results;
            };
        }
    }

    private final RecordingMoodle moodle = new RecordingMoodle();

    private SyncEngine engine() {
        return SyncEngine.builder().moodle(moodle).clock(CLOCK).build();
    }

    private Path archive(String name, byte[] zip) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, zip);
        return file;
    }

    private List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void anArchiveGivesOneLinePerPictureAndAReportButNoTryback() throws IOException {
        Path zip = archive("userpictures_1.zip", TestImages.zip(TestImages.entries("E1.jpg", TestImages.jpeg(50, 50),
                "bad.jpg", TestImages.jpeg(50, 50), "x.txt", "text".getBytes())));

        RunResult r = engine().pictures().from(zip).dataroot(dir).userField(UserKey.USERNAME).execute();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.counts().created()).isEqualTo(1);
        assertThat(r.counts().failed()).isEqualTo(2);
        assertThat(moodle.written).extracting(PictureCommand::user).containsExactly("E1", "bad");
        assertThat(moodle.options.userField()).isEqualTo(UserKey.USERNAME);
        assertThat(moodle.options.fileStore().filedir()).isEqualTo(dir.resolve("filedir"));
        assertThat(r.reportFile()).isEqualTo(dir.resolve("reports").resolve(STAMP + "_report_userpictures_1.zip"));
        assertThat(r.trybackFile()).isNull();
        assertThat(filesUnder(dir)).containsExactlyInAnyOrder(zip, r.reportFile());
        String report = Files.readString(r.reportFile());
        assertThat(report).contains("line 1: CREATED user E1").contains("entry x.txt: not an image");
    }

    @Test
    void theArchiveIsCopiedWhenAskedButNotInADryRun() throws IOException {
        Path zip = archive("p.zip", TestImages.zip(TestImages.entries("E1.png", TestImages.jpeg(20, 20))));
        Path archives = dir.resolve("archives");

        RunResult dry = engine().pictures().from(zip).dataroot(dir).archiveTo(archives).dryRun().execute();
        assertThat(dry.dryRun()).isTrue();
        assertThat(moodle.contexts).allMatch(WriteContext::dryRun);
        assertThat(archives).doesNotExist();

        RunResult r = engine().pictures().from(zip).dataroot(dir).archiveTo(archives).execute();
        Path copy = archives.resolve(STAMP + "_p.zip");
        assertThat(copy).hasSameBinaryContentAs(zip);
        assertThat(r.notices()).containsExactly("archive copied to " + copy);
    }

    @Test
    void aStreamIsReadAndClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayInputStream in = new ByteArrayInputStream(TestImages.zip(TestImages.entries("E1.jpg",
                TestImages.jpeg(30, 30)))) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        RunResult r = engine().pictures().from(in, "upload.zip").dataroot(dir).execute();
        assertThat(r.source()).isEqualTo("upload.zip");
        assertThat(r.counts().created()).isEqualTo(1);
        assertThat(r.reportFile()).as("streams get no files unless asked").isNull();
        assertThat(closed).isTrue();
    }

    @Test
    void notAZipIsAFailedRunWithNothingWritten() throws IOException {
        Path bogus = archive("p.zip", "username;idnumber\n".getBytes(StandardCharsets.UTF_8));
        RunResult r = engine().pictures().from(bogus).dataroot(dir).execute();
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).contains("not a zip archive");
        assertThat(moodle.written).isEmpty();
        assertThat(Files.readString(r.reportFile())).contains("run FAILED");
    }

    @Test
    void imagesFromTheHostInOrderWhateverTheThreads() {
        List<SourceImage> images = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int side = 20 + (11 - i) * 40;
            images.add(i == 5 ? SourceImage.ofUser("E5", "nope".getBytes())
                    : SourceImage.named("scans/E" + i + ".png", TestImages.jpeg(side, side)));
        }
        images.add(SourceImage.ofUser("john.doe", TestImages.jpeg(40, 40)));
        for (int threads : new int[] {1, 3}) {
            moodle.written.clear();
            RunResult r = engine().pictures().images(images, "hr").threads(threads).dataroot(dir).execute();
            assertThat(moodle.written).extracting(PictureCommand::user).containsExactly("E0", "E1", "E2", "E3",
                    "E4", "E6", "E7", "E8", "E9", "E10", "E11", "john.doe");
            assertThat(r.line(6).orElseThrow().error().reason()).contains("image E5: not an image");
            assertThat(r.lines()).extracting(LineResult::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L,
                    10L, 11L, 12L, 13L);
        }
    }

    @Test
    void aRemovalListDeletesAndKeepsItsFailedLinesInATryback() throws IOException {
        Path list = dir.resolve("nopictures.csv");
        Files.writeString(list, "username\njdoe\nbad\n\n");
        RunResult r = engine().pictures().deleteList(list).userField(UserKey.USERNAME).dataroot(dir).execute();
        assertThat(moodle.written).containsExactly(PictureCommand.delete("jdoe"), PictureCommand.delete("bad"));
        assertThat(r.counts().deleted()).isEqualTo(1);
        assertThat(r.trybackFile()).isNotNull();
        assertThat(Files.readString(r.trybackFile())).isEqualTo("username\nbad\n");

        Path wrong = dir.resolve("wrong.csv");
        Files.writeString(wrong, "idnumber\nE1\n");
        RunResult refused = engine().pictures().deleteList(wrong).userField(UserKey.USERNAME).dataroot(dir)
                .execute();
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.error()).contains("username");
    }

    @Test
    void aFileStoreIsRequiredAndAnAlternativeFileSystemRefused() throws IOException {
        Path zip = archive("p.zip", TestImages.zip(TestImages.entries("E1.jpg", TestImages.jpeg(20, 20))));
        assertThatThrownBy(() -> engine().pictures().from(zip).execute()).isInstanceOf(SyncException.class)
                .hasMessageContaining("dataroot");

        Path config = dir.resolve("config.php");
        Files.writeString(config, "<?php\n$CFG->dataroot = '/var/moodledata';\n"
                + "$CFG->alternative_file_system_class = '\\\\tool_objectfs\\\\s3_file_system';\n");
        RunResult refused = engine().pictures().from(zip).moodleConfig(config).execute();
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.error()).contains("alternative_file_system_class").contains("refused");
        assertThat(Files.readString(refused.reportFile())).contains("run FAILED");
        assertThat(moodle.options).as("the backend was never asked").isNull();

        Files.writeString(config, "<?php\n$CFG->dataroot = '" + dir + "';\n");
        engine().pictures().from(zip).moodleConfig(config).execute();
        assertThat(moodle.options.fileStore().dataroot()).isEqualTo(dir);
    }

    @Test
    void theFileStoreOfAMoodle51SiteIsFoundFromItsPublicFolder() throws IOException {
        Path zip = archive("p.zip", TestImages.zip(TestImages.entries("E1.jpg", TestImages.jpeg(20, 20))));
        Path site = dir.resolve("moodle");
        Files.createDirectories(site.resolve("public/lib"));
        Files.writeString(site.resolve("public/version.php"), "<?php\n$version = 2025100600;\n");
        Files.writeString(site.resolve("public/config.php"), "<?php\nrequire_once(__DIR__ . '/../config.php');\n");
        Path dataroot = Files.createDirectories(dir.resolve("moodledata"));
        Files.writeString(site.resolve("config.php"), "<?php\n$CFG->dataroot = '" + dataroot + "';\n");

        engine().pictures().from(zip).moodleConfig(site.resolve("public")).execute();

        assertThat(moodle.options.fileStore().dataroot()).isEqualTo(dataroot);
        assertThat(moodle.options.fileStore().filedir()).isEqualTo(dataroot.resolve("filedir"));
    }

    @Test
    void aFolderWithoutConfigPhpGivesAFailedRunThatSaysWhatWasLookedFor() throws IOException {
        Path zip = archive("p.zip", TestImages.zip(TestImages.entries("E1.jpg", TestImages.jpeg(20, 20))));
        Path empty = Files.createDirectories(dir.resolve("www"));

        RunResult refused = engine().pictures().from(zip).moodleConfig(empty).execute();

        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.error()).contains("no Moodle config.php in " + empty)
                .contains("looked for " + empty.resolve("config.php"));
        assertThat(moodle.options).as("the backend was never asked").isNull();
    }

    @Test
    void aBackendThatRefusesTheFileStoreGivesAFailedRun() throws IOException {
        Path zip = archive("p.zip", TestImages.zip(TestImages.entries("E1.jpg", TestImages.jpeg(20, 20))));
        MoodleBackend refusing = new RecordingMoodle() {
            @Override
            public CommandWriter<PictureCommand> pictures(PictureSyncOptions options) {
                throw new SyncException("no file pool at " + options.fileStore().filedir());
            }
        };
        RunResult r = SyncEngine.builder().moodle(refusing).clock(CLOCK).build().pictures().from(zip).dataroot(dir)
                .execute();
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).isEqualTo("no file pool at " + dir.resolve("filedir"));
        assertThat(r.counts().read()).isZero();
    }
}
