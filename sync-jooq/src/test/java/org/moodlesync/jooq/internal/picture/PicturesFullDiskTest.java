package org.moodlesync.jooq.internal.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabases;
import org.moodlesync.jooq.internal.site.SiteRows;
import org.jooq.impl.DSL;

/**
 * A file store that fills up while pictures are written (issue 10: "a full disk for report/filedir writes"): the
 * pictures whose files could not be stored fail with the reason, the others are complete, and no user is left
 * pointing at an icon whose rows or contents are missing. Then, with room again, a rerun of the same archive
 * completes the job.
 */
class PicturesFullDiskTest {

    private static final int USERS = 12;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.ALL)
    void aFileStoreThatFillsUpFailsOnlyThePicturesItCouldNotStore(TestDatabase db) throws IOException {
        SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).build();
        StringBuilder csv = new StringBuilder("username;idnumber;firstname;lastname;email\n");
        List<Object> entries = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            csv.append("u").append(i).append(";E").append(i).append(";First;Last;u").append(i)
                    .append("@example.org\n");
            entries.add("E" + i + ".png");
            entries.add(Images.image("png", 600, 400, new Color(20 * i, 255 - 20 * i, (37 * i) % 255)));
        }
        Path users = Files.writeString(dir.resolve("users.csv"), csv, StandardCharsets.UTF_8);
        assertThat(engine.users().from(users).noOutputFiles().execute().counts().failed()).isZero();
        Path zip = Files.write(dir.resolve("userpictures_1.zip"), Images.zip(entries.toArray()));

        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(512)
                .setMaxSize(24 * 1024).build())) {
            Path dataroot = disk.getPath("/moodledata");
            Files.createDirectories(dataroot.resolve("filedir"));

            RunResult full = engine.pictures().from(zip).dataroot(dataroot).noOutputFiles().execute();

            assertThat(full.lines()).hasSize(USERS);
            assertThat(full.lines()).extracting(LineResult::outcome).as("some fit, the others did not")
                    .contains(Outcome.CREATED, Outcome.FAILED);
            assertThat(full.failures()).allSatisfy(f -> assertThat(f.error().reason()).isNotBlank());
            assertCoherent(db.dsl(), dataroot);
            long written = full.counts().created();

            // room again (a bigger disk, holding what the full one held): the rerun completes the job
            try (FileSystem bigger = Jimfs.newFileSystem(Configuration.unix())) {
                Path moved = bigger.getPath("/moodledata");
                copy(dataroot, moved);
                RunResult rerun = engine.pictures().from(zip).dataroot(moved).noOutputFiles().execute();

                assertThat(rerun.counts().failed()).isZero();
                assertThat(rerun.counts().created()).isEqualTo(USERS - written);
                assertCoherent(db.dsl(), moved);
                assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.PICTURE.gt(0L))).isEqualTo(USERS);
            }
        }
    }

    /** Every user with a picture has its files rows, and every files row its content in the pool. */
    private static void assertCoherent(DSLContext dsl, Path dataroot) {
        for (var user : SiteRows.fetch(dsl, dsl.select(DSL.asterisk()).from(MDL_USER).where(MDL_USER.USERNAME.like("u%")), MDL_USER)) {
            long context = dsl.select(MDL_CONTEXT.ID).from(MDL_CONTEXT).where(MDL_CONTEXT.CONTEXTLEVEL.eq(30L))
                    .and(MDL_CONTEXT.INSTANCEID.eq(user.getId())).fetchOne().value1();
            int rows = dsl.fetchCount(MDL_FILES, MDL_FILES.CONTEXTID.eq(context));
            if (user.getPicture() > 0) {
                assertThat(rows).as("icon rows of " + user.getUsername()).isEqualTo(4); // ".", f1, f2, f3
            } else {
                assertThat(rows).as("no icon rows left for " + user.getUsername()).isZero();
            }
        }
        for (String hash : dsl.selectDistinct(MDL_FILES.CONTENTHASH).from(MDL_FILES).fetch(MDL_FILES.CONTENTHASH)) {
            Path content = dataroot.resolve("filedir").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4))
                    .resolve(hash);
            assertThat(Files.exists(content)).as("content of " + hash + " in the pool").isTrue();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.write(target, Files.readAllBytes(p)); // Files.copy allocates on the full disk
                }
            }
        }
    }
}
