package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.internal.pipeline.SyncPipeline;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;
import org.moodlesync.jooq.testing.TestDatabaseExtension;

/**
 * For every kind of {@link Kinds} on H2, PostgreSQL and MariaDB: a second run of the same file changes nothing, and
 * no hostile file ({@link HostileFiles}) ends in an exception, a half-written line, a line the database has to refuse
 * (a value its column cannot hold must be refused before, naming the column) or an error without its place.
 */
class KindsTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static Stream<Arguments> kindsOnEachDatabase() {
        return Kinds.ALL.stream().flatMap(kind -> Stream.of(DatabaseServer.values())
                .map(server -> Arguments.of(kind, TestDatabase.installed(server))));
    }

    private static SyncEngine engine(TestDatabase db, Clock clock) {
        return SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).clock(clock).build();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("kindsOnEachDatabase")
    @ExtendWith(TestDatabaseExtension.class)
    void aSecondRunOfTheSameFileChangesNothing(Kinds.Kind kind, TestDatabase db) throws Exception {
        Kinds.prepare(engine(db, CLOCK), kind, dir);
        Path file = kind.sample(dir);
        RunResult first = kind.run(engine(db, CLOCK), file);
        assertThat(first.status()).as(first.error() + " " + first.failures()).isEqualTo(RunStatus.COMPLETED);
        assertThat(first.lines()).as(first.lines().toString()).hasSize(kind.lines().size())
                .allMatch(l -> kind.writes() ? l.outcome().writes() : l.outcome() == Outcome.UNCHANGED);
        Map<String, List<List<Object>>> after = SiteState.dump(db.dsl());

        // an hour later: a run that rewrote anything would at least change a time
        RunResult second = kind.run(engine(db, Clock.offset(CLOCK, Duration.ofHours(1))), file);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        // UNCHANGED; or SKIPPED where the entity cannot be recognised any more (a user deleted as Moodle does loses
        // its idnumber, so a delete file by idnumber finds "no such user" the second time): nothing to do either way
        assertThat(second.lines()).as(second.lines().toString()).hasSize(kind.lines().size())
                .allMatch(l -> l.outcome() == Outcome.UNCHANGED || l.outcome() == Outcome.SKIPPED);
        assertThat(SiteState.dump(db.dsl())).isEqualTo(after);
        assertThat(SiteState.violations(db.dsl())).isEmpty();
        Figures.record("idempotent." + kind + "." + db.server().name().toLowerCase(), kind.lines().size());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("kindsOnEachDatabase")
    @ExtendWith(TestDatabaseExtension.class)
    void hostileFilesGiveClearErrorsAndLeaveNothingHalfWritten(Kinds.Kind kind, TestDatabase db) throws Exception {
        Kinds.prepare(engine(db, CLOCK), kind, dir);
        DSLContext dsl = db.dsl();
        int cases = 0;
        long lines = 0;
        for (HostileFiles.Case c : HostileFiles.wholeFile(kind)) {
            lines += check(kind, db, dsl, c);
            cases++;
        }
        for (HostileFiles.Case c : HostileFiles.perColumn(kind)) {
            lines += check(kind, db, dsl, c);
            cases++;
        }
        Figures.record("hostile.files." + kind + "." + db.server().name().toLowerCase(), cases);
        Figures.record("hostile.lines." + kind + "." + db.server().name().toLowerCase(), lines);
    }

    private long check(Kinds.Kind kind, TestDatabase db, DSLContext dsl, HostileFiles.Case c) throws Exception {
        Path caseDir = Files.createDirectories(dir.resolve("case-" + Integer.toHexString(c.name().hashCode())));
        Path file = caseDir.resolve(kind.fileName());
        Files.write(file, c.content());
        Map<String, List<List<Object>>> before = c.expect() == HostileFiles.Expect.FILE_ERROR ? SiteState.dump(dsl)
                : null;

        RunResult r = kind.run(engine(db, CLOCK), file); // must not throw

        String what = kind + " / " + c + " on " + db + ": " + r.status() + " " + r.error() + " "
                + r.lines().stream().map(l -> l.outcome() + " " + l.error()).toList();
        assertThat(SiteState.violations(dsl)).as(what).isEmpty();
        switch (c.expect()) {
            case FILE_ERROR -> {
                assertThat(r.status()).as(what).isEqualTo(RunStatus.FAILED);
                assertThat(r.error()).as(what).contains(kind.fileName());
                assertThat(r.counts().read()).as(what).isZero();
                assertThat(SiteState.dump(dsl)).as(what + ": nothing written").isEqualTo(before);
            }
            case ALL_SUCCEED -> {
                assertThat(r.status()).as(what).isEqualTo(RunStatus.COMPLETED);
            }
            case LINE_ERRORS -> {
                assertThat(r.status()).as(what).isIn(RunStatus.COMPLETED, RunStatus.COMPLETED_WITH_ERRORS);
                for (LineResult line : r.failures()) {
                    LineError e = line.error();
                    String where = what + " / line " + line.line() + ": " + e;
                    assertThat(e.source()).as(where).isEqualTo(kind.fileName());
                    assertThat(e.line()).as(where).isPositive();
                    assertThat(e.reason()).as(where).isNotBlank()
                            .doesNotStartWith("the database refused")
                            .doesNotStartWith(SyncPipeline.UNEXPECTED);
                    assertThat(e.toString()).as(where).startsWith(kind.fileName() + ":" + line.line());
                }
                if (c.column() > 0) {
                    checkLengths(kind, c, r, what);
                }
            }
        }
        return r.counts().read();
    }

    /** A value longer than the column it goes to fails its line, naming that column. */
    private static void checkLengths(Kinds.Kind kind, HostileFiles.Case c, RunResult r, String what) {
        String column = kind.columns().get(c.column() - 1);
        Field<?> field = kind.field(column);
        if (field == null || !field.getDataType().hasLength() || field.getDataType().length() <= 0) {
            return;
        }
        int max = field.getDataType().length();
        List<String> lines = new String(c.content(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .skip(kind.headerless() ? 0 : 1).toList();
        for (int i = 0; i < lines.size(); i++) {
            String value = lines.get(i).split(";", -1)[c.column() - 1];
            if (value.codePointCount(0, value.length()) > max) {
                long lineNumber = kind.lineNumber(i);
                LineResult result = r.line(lineNumber).orElseThrow();
                assertThat(result.outcome()).as(what + " / line " + lineNumber + ": " + value.length()
                        + " characters in " + column + " (" + max + " at most)").isEqualTo(Outcome.FAILED);
                assertThat(result.error().column()).as(what + " / line " + lineNumber).isEqualTo(c.column());
            }
        }
    }
}
