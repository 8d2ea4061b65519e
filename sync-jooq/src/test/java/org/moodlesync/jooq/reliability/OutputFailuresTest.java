package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.UserSync;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * The report and tryback files are part of the job: when they cannot be written (a directory that cannot be made, a
 * disk that fills up in the middle of the run) the run stops at a line boundary with status FAILED and the cause,
 * no line is processed without its report line, every line is either written (and said so) or kept, and a rerun
 * finishes the job.
 */
class OutputFailuresTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    static final String HEADER = "username;firstname;lastname;email;city;institution;department";

    @TempDir
    Path dir;

    private UserSync users(TestDatabase db) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(CLOCK).build().users()
                .identifyBy(UserKey.USERNAME);
    }

    private static List<String> lines(int n, boolean everyThirdBad) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String first = everyThirdBad && i % 3 == 0 ? "" : "First" + i; // firstname is required
            lines.add("user" + i + ";" + first + ";Last" + i + ";user" + i + "@example.org;Some City " + i
                    + ";Some Institution;Some Department of Things");
        }
        return lines;
    }

    @OnEachDatabase
    void aReportOrTrybackPlaceThatCannotBeMadeStopsTheRunBeforeAnyLine(TestDatabase db) throws Exception {
        DSLContext dsl = db.dsl();
        Path plainFile = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path file = Kinds.write(dir, "userimport.csv", HEADER, lines(5, false));
        Map<String, List<List<Object>>> before = SiteState.dump(dsl);

        RunResult noReport = users(db).from(file).reportTo(plainFile.resolve("reports")).execute();
        RunResult noTryback = users(db).from(file).trybackTo(plainFile.resolve("tryback")).execute();

        for (RunResult r : List.of(noReport, noTryback)) {
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.error()).contains("cannot write").contains("not-a-directory");
            assertThat(r.counts().read()).isZero();
        }
        assertThat(SiteState.dump(dsl)).as("nothing written").isEqualTo(before);
    }

    @OnEachDatabase
    void aDiskThatFillsUpUnderTheReportStopsTheRunWithNothingLost(TestDatabase db) throws Exception {
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(512)
                .setMaxSize(4096).build())) {
            List<String> input = lines(200, false);
            Path file = Kinds.write(dir, "userimport.csv", HEADER, input);

            RunResult r = users(db).chunkSize(10).from(file).reportTo(disk.getPath("/reports")).trybackTo(dir)
                    .execute();

            assertThat(r.status()).as(r.error()).isEqualTo(RunStatus.FAILED);
            assertThat(r.error()).contains("cannot write /reports/");
            assertThat(r.counts().read()).as("the run stopped at the chunk where the disk filled up")
                    .isBetween(1L, 199L).matches(n -> n % 10 == 0);
            checkNothingLost(db, r, input.subList(0, (int) r.counts().read()), Set.of());
            // the lines after it are kept in the tryback file, and its rerun completes the job
            assertThat(Files.readAllLines(r.trybackFile()).subList(1, 201 - (int) r.counts().read()))
                    .containsExactlyElementsOf(input.subList((int) r.counts().read(), 200));
            RunResult rerun = users(db).from(r.trybackFile()).execute();
            assertThat(rerun.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(db.dsl().fetchCount(MDL_USER, MDL_USER.USERNAME.like("user%"))).isEqualTo(200);
        }
    }

    @OnEachDatabase
    void aDiskThatFillsUpUnderTheTrybackStopsTheRunWithNothingLost(TestDatabase db) throws Exception {
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(512)
                .setMaxSize(2048).build())) {
            List<String> input = lines(300, true);
            Path file = Kinds.write(dir, "userimport.csv", HEADER, input);

            RunResult r = users(db).chunkSize(10).from(file).trybackTo(disk.getPath("/tryback")).execute();

            assertThat(r.status()).as(r.error()).isEqualTo(RunStatus.FAILED);
            assertThat(r.error()).contains("cannot write /tryback/");
            assertThat(r.counts().read()).as("the run stopped at the chunk where the disk filled up")
                    .isBetween(1L, 299L).matches(n -> n % 10 == 0);
            // the failed lines the full disk could not take are still in the result
            assertThat(r.failures()).hasSize((int) r.counts().failed()).isNotEmpty();
            Set<String> bad = new HashSet<>();
            for (int i = 3; i <= 300; i += 3) {
                bad.add(input.get(i - 1));
            }
            checkNothingLost(db, r, input.subList(0, (int) r.counts().read()), bad);
        }
    }

    /** The lines the result says were created are exactly the users written; a rerun of the rest completes. */
    private void checkNothingLost(TestDatabase db, RunResult r, List<String> processed, Set<String> bad)
            throws Exception {
        DSLContext dsl = db.dsl();
        assertThat(SiteState.violations(dsl)).isEmpty();
        Set<String> created = new HashSet<>();
        for (LineResult line : r.lines()) {
            if (line.outcome() == Outcome.CREATED) {
                created.add(line.ref().rawText().split(";")[0]);
            }
        }
        Set<String> stored = new HashSet<>(dsl.select(MDL_USER.USERNAME).from(MDL_USER)
                .where(MDL_USER.USERNAME.like("user%")).fetch(MDL_USER.USERNAME));
        assertThat(stored).as("the users written are the lines said CREATED").isEqualTo(created);
        for (String line : processed) {
            boolean done = created.contains(line.split(";")[0]);
            boolean failed = r.failures().stream().anyMatch(f -> line.equals(f.ref().rawText()));
            assertThat(done || failed).as(line).isTrue();
        }
        assertThat(r.lines()).filteredOn(LineResult::failed).allMatch(f -> bad.contains(f.ref().rawText()));
        Figures.record("outputs.linesAccountedFor." + db.server().name().toLowerCase(), processed.size());
    }
}
