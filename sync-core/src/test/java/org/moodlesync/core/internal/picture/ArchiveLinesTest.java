package org.moodlesync.core.internal.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.core.internal.pipeline.SourceLine;

class ArchiveLinesTest {

    private static final byte[] JPEG = TestImages.jpeg(60, 40);
    private static final byte[] PNG = TestImages.image("png", 30, 30, java.awt.Color.PINK);

    private static List<SourceLine<PictureCommand>> read(byte[] zip, PictureLimits limits) {
        return read(zip, limits, StandardCharsets.UTF_8);
    }

    private static List<SourceLine<PictureCommand>> read(byte[] zip, PictureLimits limits, Charset names) {
        List<SourceLine<PictureCommand>> lines = new ArrayList<>();
        try (PictureSources.Lines archive = PictureSources.archive(new ByteArrayInputStream(zip), "p.zip", names,
                limits, new IconMaker(limits), false, 2)) {
            archive.forEachRemaining(lines::add);
        }
        return lines;
    }

    private static PictureCommand command(SourceLine<PictureCommand> line) {
        assertThat(line.done()).as("line %s is a command", line).isNull();
        return line.command().command();
    }

    private static LineResult done(SourceLine<PictureCommand> line) {
        assertThat(line.done()).as("line is already done").isNotNull();
        return line.done();
    }

    @Test
    void entriesBecomePicturesOfTheUsersTheirNamesName() {
        byte[] zip = TestImages.zip(TestImages.entries("photos/", null, "photos/E001.jpg", JPEG,
                "E002.png", PNG, "sub/dir/jane.doe@example.org.PNG", PNG));
        List<SourceLine<PictureCommand>> lines = read(zip, PictureLimits.defaults());

        assertThat(lines).hasSize(3);
        assertThat(command(lines.get(0)).user()).isEqualTo("E001");
        assertThat(command(lines.get(0)).entry()).isEqualTo("photos/E001.jpg");
        assertThat(lines.get(0).command().ref().line()).as("entry position, the directory counts").isEqualTo(2);
        assertThat(command(lines.get(1)).user()).isEqualTo("E002");
        assertThat(command(lines.get(2)).user()).isEqualTo("jane.doe@example.org");
        assertThat(lines.get(2).command().ref().line()).isEqualTo(4);
    }

    @Test
    void namesEscapingTheirFolderFailAloneAndTheRestIsRead() {
        byte[] zip = TestImages.zip(TestImages.entries("../E001.jpg", JPEG, "a/../../E001.jpg", JPEG,
                "/etc/E001.jpg", JPEG, "C:\\temp\\E001.jpg", JPEG, "..\\E001.jpg", JPEG, "ok/E002.jpg", JPEG,
                "../evil/", null));
        List<SourceLine<PictureCommand>> lines = read(zip, PictureLimits.defaults());

        assertThat(lines).hasSize(7);
        for (int i : new int[] {0, 1, 2, 3, 4, 6}) {
            LineResult r = done(lines.get(i));
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.error().reason()).containsAnyOf("zip-slip", "absolute path", "drive letter");
        }
        assertThat(done(lines.get(0)).error().reason()).startsWith("entry ../E001.jpg: ");
        assertThat(command(lines.get(5)).user()).isEqualTo("E002");
    }

    @Test
    void macOsMetadataIsSkipped() {
        byte[] zip = TestImages.zip(TestImages.entries("__MACOSX/", null, "__MACOSX/._E001.jpg", new byte[] {1, 2},
                "E001.jpg", JPEG, "._E002.jpg", new byte[] {3}));
        List<SourceLine<PictureCommand>> lines = read(zip, PictureLimits.defaults());

        assertThat(lines).hasSize(3);
        assertThat(done(lines.get(0)).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(command(lines.get(1)).user()).isEqualTo("E001");
        assertThat(done(lines.get(2)).outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void nonImagesAndEmptyEntriesFailAlone() {
        byte[] zip = TestImages.zip(TestImages.entries("E001.jpg", "not a picture".getBytes(), "E002.png",
                new byte[0], "E003.gif", PNG));
        List<SourceLine<PictureCommand>> lines = read(zip, PictureLimits.defaults());

        assertThat(done(lines.get(0)).error().reason()).contains("JPEG, PNG or GIF");
        assertThat(done(lines.get(1)).error().reason()).contains("empty");
        assertThat(command(lines.get(2)).user()).as("a PNG named .gif is a PNG").isEqualTo("E003");
    }

    @Test
    void tooManyEntriesEndTheArchive() {
        byte[] zip = TestImages.zip(TestImages.entries("d/", null, "E1.jpg", JPEG, "E2.jpg", JPEG, "E3.jpg", JPEG,
                "E4.jpg", JPEG));
        List<SourceLine<PictureCommand>> lines = read(zip, PictureLimits.defaults().withMaxEntries(3));

        assertThat(lines).hasSize(3);
        assertThat(command(lines.get(0)).user()).isEqualTo("E1");
        assertThat(command(lines.get(1)).user()).isEqualTo("E2");
        LineResult last = done(lines.get(2));
        assertThat(last.line()).isEqualTo(4);
        assertThat(last.error().reason()).contains("more than 3 entries").contains("not read");
    }

    @Test
    void aDecompressionBombEndsTheArchive() {
        byte[] zeros = new byte[64 << 20];
        byte[] zip = TestImages.zip(TestImages.entries("E1.jpg", JPEG, "E2.png", zeros, "E3.jpg", JPEG));
        assertThat(zip.length).as("a highly compressible large entry").isLessThan(200_000);
        List<SourceLine<PictureCommand>> lines = read(zip, PictureLimits.defaults());

        assertThat(lines).hasSize(2);
        assertThat(command(lines.get(0)).user()).isEqualTo("E1");
        LineResult bomb = done(lines.get(1));
        assertThat(bomb.error().reason()).contains("entry E2.png").contains("decompression bomb")
                .contains("rest of the archive was not read");
    }

    @Test
    void anEntryOverTheSizeLimitFailsAlone() {
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        byte[] big = Arrays.copyOf(JPEG, JPEG.length + noise.length);
        System.arraycopy(noise, 0, big, JPEG.length, noise.length);
        byte[] zip = TestImages.zip(TestImages.entries("E1.jpg", big, "E2.jpg", JPEG));
        List<SourceLine<PictureCommand>> lines = read(zip, PictureLimits.defaults().withMaxEntryBytes(JPEG.length
                + 100));

        assertThat(done(lines.get(0)).error().reason()).contains("over the limit of " + (JPEG.length + 100));
        assertThat(command(lines.get(1)).user()).isEqualTo("E2");
    }

    @Test
    void theArchiveTotalIsBounded() {
        byte[] zip = TestImages.zip(TestImages.entries("E1.jpg", JPEG, "E2.jpg", JPEG, "E3.jpg", JPEG));
        List<SourceLine<PictureCommand>> lines = read(zip, PictureLimits.defaults()
                .withMaxArchiveBytes(2L * JPEG.length + 10));

        assertThat(lines).hasSize(3);
        assertThat(command(lines.get(1)).user()).isEqualTo("E2");
        assertThat(done(lines.get(2)).error().reason()).contains("together exceed");
    }

    @Test
    void aCorruptArchiveEndsWithOneFailedLine() {
        byte[] zip = TestImages.zip(TestImages.entries("E1.jpg", JPEG, "E2.jpg", TestImages.jpeg(400, 400)));
        byte[] cut = Arrays.copyOf(zip, JPEG.length + 200);
        List<SourceLine<PictureCommand>> lines = read(cut, PictureLimits.defaults());

        assertThat(lines).hasSize(2);
        assertThat(command(lines.get(0)).user()).isEqualTo("E1");
        assertThat(done(lines.get(1)).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(done(lines.get(1)).error().reason()).contains("not read");
    }

    @Test
    void entryNamesInAnotherCharset() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Charset cp437 = Charset.forName("CP437");
        try (ZipOutputStream zip = new ZipOutputStream(out, cp437)) {
            zip.putNextEntry(new ZipEntry("élise.jpg"));
            zip.write(JPEG);
            zip.closeEntry();
        }
        List<SourceLine<PictureCommand>> asUtf8 = read(out.toByteArray(), PictureLimits.defaults());
        assertThat(asUtf8).hasSize(1);
        assertThat(done(asUtf8.get(0)).error().reason()).contains("charset");

        List<SourceLine<PictureCommand>> asCp437 = read(out.toByteArray(), PictureLimits.defaults(), cp437);
        assertThat(command(asCp437.get(0)).user()).isEqualTo("élise");
    }
}
