package org.moodlesync.jooq.internal.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.api.command.picture.SourceImage;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.schema.tables.records.MdlFilesRecord;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;

/** User pictures into the database and a file pool, as Moodle's process_new_icon() leaves them. */
class PicturesTest {

    static final long NOW = 1_790_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String EMPTY = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

    static final byte[] JPEG = Images.image("jpg", 1200, 900, Color.BLUE);
    static final byte[] PNG = Images.image("png", 300, 200, new Color(255, 0, 0, 128));
    static final byte[] GIF = Images.image("gif", 64, 80, Color.GREEN);

    @TempDir
    Path dir;

    private Path dataroot() throws IOException {
        Path root = dir.resolve("moodledata");
        Files.createDirectories(root.resolve("filedir"));
        return root;
    }

    private Path filedir() throws IOException {
        return dataroot().resolve("filedir");
    }

    private SyncEngine engine(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build();
    }

    /** Creates users from {@code username;idnumber;email} triples through the users kind. */
    private void users(TestDatabase db, String... triples) throws IOException {
        StringBuilder csv = new StringBuilder("username;idnumber;firstname;lastname;email\n");
        for (String t : triples) {
            String[] p = t.split(";");
            csv.append(p[0]).append(';').append(p[1]).append(";First;Last;").append(p[2]).append('\n');
        }
        Path file = dir.resolve("users.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        RunResult r = engine(db).users().from(file).noOutputFiles().execute();
        assertThat(r.counts().failed()).as("users created").isZero();
    }

    private void threeUsers(TestDatabase db) throws IOException {
        users(db, "u1;E001;u1@example.org", "u2;E002;u2@example.org", "u3;E003;u3@example.org");
    }

    private Path zip(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private RunResult run(TestDatabase db, Path zip) throws IOException {
        return engine(db).pictures().from(zip).dataroot(dataroot()).noOutputFiles().execute();
    }

    private static long userId(DSLContext dsl, String username) {
        return dsl.select(MDL_USER.ID).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)).fetchOne().value1();
    }

    private static long picture(DSLContext dsl, String username) {
        return dsl.select(MDL_USER.PICTURE).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)).fetchOne()
                .value1();
    }

    private static long contextOf(DSLContext dsl, String username) {
        return dsl.select(MDL_CONTEXT.ID).from(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L))
                .and(MDL_CONTEXT.INSTANCEID.eq(userId(dsl, username))).fetchOne().value1();
    }

    /** Every files row of the user's context, in id order. */
    private static List<MdlFilesRecord> rowsOf(DSLContext dsl, String username) {
        return dsl.selectFrom(MDL_FILES).where(MDL_FILES.CONTEXTID.eq(contextOf(dsl, username)))
                .orderBy(MDL_FILES.ID).fetch();
    }

    private List<Path> pool() throws IOException {
        try (Stream<Path> files = Files.walk(filedir())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private Path poolFile(String hash) throws IOException {
        return filedir().resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    private Path trashFile(String hash) throws IOException {
        return dataroot().resolve("trashdir").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4))
                .resolve(hash);
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha1(String s) {
        return sha1(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The rows of one user's icon area and the pool files behind them, checked against what Moodle writes. */
    private void assertIconArea(DSLContext dsl, String username, String ext, String format) throws IOException {
        long ctx = contextOf(dsl, username);
        List<MdlFilesRecord> rows = rowsOf(dsl, username);
        assertThat(rows).extracting(MdlFilesRecord::getFilename)
                .as("Moodle's order: f1, the directory, f2, f3")
                .containsExactly("f1." + ext, ".", "f2." + ext, "f3." + ext);
        Map<String, Integer> sizes = Map.of("f1", 100, "f2", 35, "f3", 512);
        for (MdlFilesRecord r : rows) {
            assertThat(r.getComponent()).isEqualTo("user");
            assertThat(r.getFilearea()).isEqualTo("icon");
            assertThat(r.getItemid()).isZero();
            assertThat(r.getFilepath()).isEqualTo("/");
            assertThat(r.getPathnamehash()).isEqualTo(sha1("/" + ctx + "/user/icon/0/" + r.getFilename()));
            assertThat(r.getUserid()).isNull();
            assertThat(r.getSource()).isNull();
            assertThat(r.getAuthor()).isNull();
            assertThat(r.getLicense()).isNull();
            assertThat(r.getStatus()).isZero();
            assertThat(r.getSortorder()).isZero();
            assertThat(r.getReferencefileid()).isNull();
            assertThat(r.getTimecreated()).isEqualTo(NOW);
            assertThat(r.getTimemodified()).isEqualTo(NOW);
            Path content = poolFile(r.getContenthash());
            assertThat(content).as("content of " + r.getFilename()).isRegularFile();
            byte[] bytes = Files.readAllBytes(content);
            assertThat(sha1(bytes)).isEqualTo(r.getContenthash());
            assertThat((long) bytes.length).isEqualTo(r.getFilesize());
            if (r.getFilename().equals(".")) {
                assertThat(r.getContenthash()).isEqualTo(EMPTY);
                assertThat(r.getFilesize()).isZero();
                assertThat(r.getMimetype()).isNull();
            } else {
                assertThat(r.getMimetype()).isEqualTo("image/" + format);
                assertThat(Images.formatOf(bytes)).isEqualTo(format);
                BufferedImage image = Images.decode(bytes);
                int side = sizes.get(r.getFilename().substring(0, 2));
                assertThat(image.getWidth()).isEqualTo(side);
                assertThat(image.getHeight()).isEqualTo(side);
            }
        }
        assertThat(picture(dsl, username)).as("user.picture is the f1 file id").isEqualTo(rows.get(0).getId());
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void storesTheIconsAsProcessNewIconDoes(TestDatabase db) throws IOException {
        threeUsers(db);
        Path zip = zip("userpictures_1.zip", Images.zip("photos/", null, "photos/E001.jpg", JPEG, "E002.png", PNG,
                "deep/er/E003.gif", GIF));

        RunResult run = run(db, zip);

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.CREATED);
        assertThat(run.lines()).extracting(LineResult::entity).containsExactly("user u1", "user u2", "user u3");
        DSLContext dsl = db.dsl();
        assertThat(run.lines().get(0).changes())
                .containsExactly(new FieldChange("picture", null, Long.toString(picture(dsl, "u1"))));
        assertIconArea(dsl, "u1", "jpg", "jpeg");
        assertIconArea(dsl, "u2", "png", "png");
        assertIconArea(dsl, "u3", "png", "png");
        BufferedImage f3 = Images.decode(Files.readAllBytes(poolFile(rowsOf(dsl, "u2").get(3).getContenthash())));
        assertThat(f3.getColorModel().hasAlpha()).as("PNG icons keep the alpha channel").isTrue();
        assertThat(new Color(f3.getRGB(5, 5), true).getAlpha()).isBetween(100, 160);
        assertThat(pool()).as("9 icons and the empty content, nothing else (no temporary file)").hasSize(10)
                .contains(poolFile(EMPTY));
        assertThat(picture(dsl, "admin")).isZero();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aRerunChangesNothing(TestDatabase db) throws IOException {
        threeUsers(db);
        Path zip = zip("p.zip", Images.zip("E001.jpg", JPEG, "E002.png", PNG));
        run(db, zip);
        DSLContext dsl = db.dsl();
        List<MdlFilesRecord> before = dsl.selectFrom(MDL_FILES).orderBy(MDL_FILES.ID).fetch();
        long picture = picture(dsl, "u1");

        RunResult again = run(db, zip);

        assertThat(again.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.UNCHANGED, Outcome.UNCHANGED);
        assertThat(dsl.selectFrom(MDL_FILES).orderBy(MDL_FILES.ID).fetch()).isEqualTo(before);
        assertThat(picture(dsl, "u1")).isEqualTo(picture);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aNewPictureReplacesTheOldRowsAndTrashesTheirContents(TestDatabase db) throws IOException {
        threeUsers(db);
        run(db, zip("a.zip", Images.zip("E001.jpg", JPEG, "E002.png", PNG)));
        DSLContext dsl = db.dsl();
        List<MdlFilesRecord> old = rowsOf(dsl, "u1");
        long oldPicture = picture(dsl, "u1");

        RunResult run = run(db, zip("b.zip", Images.zip("E001.png", Images.image("png", 200, 200, Color.ORANGE))));

        LineResult line = run.lines().get(0);
        assertThat(line.outcome()).isEqualTo(Outcome.UPDATED);
        assertIconArea(dsl, "u1", "png", "png");
        long newPicture = picture(dsl, "u1");
        assertThat(line.changes()).containsExactly(new FieldChange("picture", Long.toString(oldPicture),
                Long.toString(newPicture)));
        assertThat(rowsOf(dsl, "u1")).extracting(MdlFilesRecord::getId)
                .as("every old row is gone, the directory row too").doesNotContainAnyElementsOf(
                        old.stream().map(MdlFilesRecord::getId).toList());
        for (MdlFilesRecord r : old) {
            if (!r.getContenthash().equals(EMPTY)) {
                assertThat(poolFile(r.getContenthash())).doesNotExist();
                assertThat(trashFile(r.getContenthash())).as("moved to the trash as Moodle does").isRegularFile();
            }
        }
        assertThat(poolFile(EMPTY)).as("the empty content stays").isRegularFile();
        assertIconArea(dsl, "u2", "png", "png");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void sharedContentStaysWhileARowPointsAtIt(TestDatabase db) throws IOException {
        threeUsers(db);
        run(db, zip("a.zip", Images.zip("E001.jpg", JPEG, "E002.jpg", JPEG)));
        DSLContext dsl = db.dsl();
        String f1 = rowsOf(dsl, "u1").get(0).getContenthash();
        assertThat(rowsOf(dsl, "u2").get(0).getContenthash()).as("same image, same content").isEqualTo(f1);

        run(db, zip("b.zip", Images.zip("E001.png", PNG)));

        assertThat(poolFile(f1)).as("u2 still points at it").isRegularFile();
        assertIconArea(dsl, "u2", "jpg", "jpeg");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void overwriteOffSkipsUsersWithAPicture(TestDatabase db) throws IOException {
        threeUsers(db);
        run(db, zip("a.zip", Images.zip("E001.jpg", JPEG)));
        long before = picture(db.dsl(), "u1");

        RunResult run = engine(db).pictures().from(zip("b.zip", Images.zip("E001.png", PNG, "E002.png", PNG)))
                .dataroot(dataroot()).overwrite(false).noOutputFiles().execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.SKIPPED, Outcome.CREATED);
        assertThat(run.lines().get(0).messages()).anyMatch(m -> m.contains("overwrite is off"));
        assertThat(picture(db.dsl(), "u1")).isEqualTo(before);
        assertIconArea(db.dsl(), "u1", "jpg", "jpeg");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void deletingAPictureRemovesItsRowsAndContents(TestDatabase db) throws IOException {
        threeUsers(db);
        run(db, zip("a.zip", Images.zip("E001.jpg", JPEG, "E002.png", PNG)));
        DSLContext dsl = db.dsl();
        List<MdlFilesRecord> old = rowsOf(dsl, "u1");
        long oldPicture = picture(dsl, "u1");

        RunResult run = engine(db).pictures().deletes(List.of("E001", "E003", "E404")).dataroot(dataroot())
                .execute();

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.DELETED, Outcome.UNCHANGED, Outcome.FAILED);
        assertThat(run.lines().get(0).changes())
                .containsExactly(new FieldChange("picture", Long.toString(oldPicture), "0"));
        assertThat(run.lines().get(2).error().reason()).contains("no user with idnumber 'E404'");
        assertThat(rowsOf(dsl, "u1")).isEmpty();
        assertThat(picture(dsl, "u1")).isZero();
        for (MdlFilesRecord r : old) {
            if (!r.getContenthash().equals(EMPTY)) {
                assertThat(poolFile(r.getContenthash())).doesNotExist();
                assertThat(trashFile(r.getContenthash())).isRegularFile();
            }
        }
        assertIconArea(dsl, "u2", "png", "png");
        RunResult again = engine(db).pictures().deletes(List.of("E001")).dataroot(dataroot()).execute();
        assertThat(again.lines().get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void hostileEntriesFailAloneAndWriteNothing(TestDatabase db) throws IOException {
        threeUsers(db);
        users(db, "u4;E004;u4@example.org");
        byte[] zeros = new byte[40 << 20];
        Path zip = zip("hostile.zip", Images.zip("../E001.jpg", JPEG, "E002.png", "<?php evil".getBytes(),
                "E004.gif", GIF, "E003.png", zeros, "E001.jpg", JPEG));

        RunResult run = run(db, zip);

        assertThat(run.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.CREATED, Outcome.FAILED);
        assertThat(run.lines().get(0).error().reason()).contains("zip-slip");
        assertThat(run.lines().get(1).error().reason()).contains("not an image");
        assertThat(run.lines().get(3).error().reason()).contains("decompression bomb");
        DSLContext dsl = db.dsl();
        for (String u : List.of("u1", "u2", "u3")) {
            assertThat(rowsOf(dsl, u)).as(u).isEmpty();
            assertThat(picture(dsl, u)).as(u).isZero();
        }
        assertIconArea(dsl, "u4", "png", "png");
        assertThat(pool()).as("u4's icons and the empty content only").hasSize(4);

        RunResult many = engine(db).pictures().from(zip("many.zip", Images.zip("E001.jpg", JPEG, "E002.png", PNG,
                        "E003.gif", GIF))).dataroot(dataroot()).noOutputFiles()
                .limits(PictureLimits.defaults().withMaxEntries(2)).execute();
        assertThat(many.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.FAILED);
        assertThat(many.lines().get(2).error().reason()).contains("more than 2 entries");
        assertThat(rowsOf(dsl, "u3")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aLineTheDatabaseRefusesLeavesNeitherRowsNorFiles(TestDatabase db) throws IOException {
        threeUsers(db);
        DSLContext dsl = db.dsl();
        long ctx = contextOf(dsl, "u1");
        // a row elsewhere already holds the path hash u1's f2 needs: the insert of f2 fails after f1 and "."
        dsl.insertInto(MDL_FILES).set(MDL_FILES.CONTENTHASH, EMPTY)
                .set(MDL_FILES.PATHNAMEHASH, sha1("/" + ctx + "/user/icon/0/f2.png"))
                .set(MDL_FILES.CONTEXTID, 1L).set(MDL_FILES.COMPONENT, "test").set(MDL_FILES.FILEAREA, "x")
                .set(MDL_FILES.ITEMID, 0L).set(MDL_FILES.FILEPATH, "/").set(MDL_FILES.FILENAME, ".")
                .set(MDL_FILES.FILESIZE, 0L).set(MDL_FILES.TIMECREATED, NOW).set(MDL_FILES.TIMEMODIFIED, NOW)
                .execute();
        byte[] orange = Images.image("png", 90, 90, Color.ORANGE);

        RunResult run = run(db, zip("p.zip", Images.zip("E001.png", orange, "E002.png", PNG)));

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.FAILED, Outcome.CREATED);
        assertThat(run.lines().get(0).error().reason()).contains("database refused");
        assertThat(rowsOf(dsl, "u1")).isEmpty();
        assertThat(picture(dsl, "u1")).isZero();
        assertIconArea(dsl, "u2", "png", "png");
        assertThat(pool()).as("u2's icons and the empty content: u1's contents were removed").hasSize(4);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aDryRunWritesNothing(TestDatabase db) throws IOException {
        threeUsers(db);
        RunResult run = engine(db).pictures().from(zip("p.zip", Images.zip("E001.jpg", JPEG, "E009.jpg", JPEG)))
                .dataroot(dataroot()).dryRun().noOutputFiles().execute();

        assertThat(run.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.FAILED);
        assertThat(run.lines().get(0).dryRun()).isTrue();
        assertThat(db.dsl().fetchCount(MDL_FILES)).isZero();
        assertThat(picture(db.dsl(), "u1")).isZero();
        assertThat(pool()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void usersAreMatchedByTheConfiguredField(TestDatabase db) throws IOException {
        users(db, "jdoe;SAME;Jane.Doe@Example.org", "asmith;A1;a@example.org", "bob;B1;bob@example.org");
        DSLContext dsl = db.dsl();
        // Moodle does not keep idnumbers unique: two users may share one
        dsl.update(MDL_USER).set(MDL_USER.IDNUMBER, "SAME").where(MDL_USER.USERNAME.eq("asmith")).execute();
        long bob = userId(dsl, "bob");

        RunResult byUsername = engine(db).pictures().images(List.of(SourceImage.named("JDoe.jpg", JPEG)), "host")
                .userField(UserKey.USERNAME).dataroot(dataroot()).execute();
        assertThat(byUsername.lines().get(0).entity()).isEqualTo("user jdoe");
        assertThat(byUsername.lines().get(0).outcome()).isEqualTo(Outcome.CREATED);

        RunResult byEmail = engine(db).pictures()
                .images(List.of(SourceImage.ofUser("jane.doe@example.org", PNG)), "host")
                .userField(UserKey.EMAIL).dataroot(dataroot()).execute();
        assertThat(byEmail.lines().get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertIconArea(dsl, "jdoe", "png", "png");

        RunResult byId = engine(db).pictures().images(List.of(SourceImage.named(bob + ".gif", GIF),
                        SourceImage.named("x1.gif", GIF)), "host")
                .userField(UserKey.ID).dataroot(dataroot()).execute();
        assertThat(byId.lines()).extracting(LineResult::outcome).containsExactly(Outcome.CREATED, Outcome.FAILED);
        assertThat(byId.lines().get(1).error().reason()).contains("not a user id");
        assertIconArea(dsl, "bob", "png", "png");

        RunResult ambiguous = engine(db).pictures().images(List.of(SourceImage.ofUser("SAME", GIF)), "host")
                .userField(UserKey.IDNUMBER).dataroot(dataroot()).execute();
        assertThat(ambiguous.lines().get(0).error().reason()).contains("2 users have idnumber 'SAME'");
        assertThat(rowsOf(dsl, "asmith")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aMissingUserContextIsCreatedAsMoodleWould(TestDatabase db) throws IOException {
        threeUsers(db);
        DSLContext dsl = db.dsl();
        long id = userId(dsl, "u1");
        dsl.deleteFrom(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L)).and(MDL_CONTEXT.INSTANCEID.eq(id))
                .execute();

        run(db, zip("p.zip", Images.zip("E001.jpg", JPEG)));

        var ctx = dsl.selectFrom(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L))
                .and(MDL_CONTEXT.INSTANCEID.eq(id)).fetchOne();
        assertThat(ctx.getPath()).isEqualTo("/1/" + ctx.getId());
        assertThat(ctx.getDepth()).isEqualTo((short) 2);
        assertIconArea(dsl, "u1", "jpg", "jpeg");
    }

    private RunResult refusedRun(TestDatabase db, Path zip, Path root) {
        RunResult r = engine(db).pictures().from(zip).dataroot(root).noOutputFiles().execute();
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.counts().read()).isZero();
        return r;
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aFileStoreItCannotUseIsRefused(TestDatabase db) throws IOException {
        threeUsers(db);
        Path zip = zip("p.zip", Images.zip("E001.jpg", JPEG));
        Path noFiledir = dir.resolve("elsewhere");
        Files.createDirectories(noFiledir);
        assertThat(refusedRun(db, zip, noFiledir).error()).contains("no file pool");

        run(db, zip);
        Path other = dir.resolve("other");
        Files.createDirectories(other.resolve("filedir"));
        assertThat(refusedRun(db, zip, other).error()).contains("not this site's file store");

        db.dsl().insertInto(MDL_CONFIG).set(MDL_CONFIG.NAME, "alternative_file_system_class")
                .set(MDL_CONFIG.VALUE, "\\tool_objectfs\\s3_file_system").execute();
        assertThat(refusedRun(db, zip, dataroot()).error()).contains("alternative file system");
        assertThat(pool()).as("nothing more written").hasSize(4);
        assertThat(Files.list(other.resolve("filedir")).count()).isZero();
    }
}
