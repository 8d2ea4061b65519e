package org.moodlesync.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.internal.pipeline.SyncPipeline;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.core.internal.read.CsvRowSource;
import org.moodlesync.core.internal.read.RowReaders;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.DatabaseServer;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * Random and mutated files (from every kind's sample: bytes inserted, removed, repeated; separators, quotes, line
 * breaks, byte order marks, broken UTF-8, control characters) through every reader configuration, through every
 * kind's pipeline on an in-memory backend, and through every kind on H2. Nothing may throw; every line gets a
 * result in file order with its place; no line fails "unexpectedly"; on H2 no line reaches the database with a value
 * it refuses, and the site stays coherent. Each test has a time budget (the whole fuzz stays under a minute in a
 * build); the lines fuzzed are counted and published.
 *
 * <p>A plain seeded harness, not jqwik: jqwik 1.10 and later carries an "Anti-AI Usage Clause" (its maintainer asks
 * that AI coding agents not use it), and these tests were written by one. Every run prints its seed; a failure
 * names the seed of its case and leaves the input in {@code target/fuzz-failures/}; {@code -Dfuzz.seed=N} replays a
 * run.
 */
class FuzzTest {

    static final long READERS_BUDGET_MS = 12_000;
    static final long PIPELINE_BUDGET_MS = 12_000;
    static final long H2_BUDGET_MS = 24_000;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

    static final AtomicLong READER_LINES = new AtomicLong();
    static final AtomicLong PIPELINE_LINES = new AtomicLong();
    static final AtomicLong H2_LINES = new AtomicLong();
    static final AtomicLong FILES = new AtomicLong();

    static final List<CsvFormat> FORMATS = List.of(
            CsvFormat.toolSync(),
            CsvFormat.toolSync().separator(','),
            CsvFormat.toolSync().autoSeparator(),
            CsvFormat.toolSync().encoding(StandardCharsets.ISO_8859_1),
            CsvFormat.toolSync().stripQuotes(true).noComments(),
            CsvFormat.toolSync().headerRequired(false).columns("username", "idnumber"),
            CsvFormat.rfc4180(),
            CsvFormat.rfc4180().separator(';').trimValues(true).commentMarker('#'),
            CsvFormat.rfc4180().encoding(StandardCharsets.UTF_16LE));

    @TempDir
    Path dir;

    @AfterAll
    static void publish() {
        System.out.println("[fuzz] seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + ")");
        Figures.record("fuzz.files", FILES.get());
        Figures.record("fuzz.linesThroughReaders", READER_LINES.get());
        Figures.record("fuzz.linesThroughPipelines", PIPELINE_LINES.get());
        Figures.record("fuzz.linesThroughH2", H2_LINES.get());
        Figures.record("fuzz.linesTotal", READER_LINES.get() + PIPELINE_LINES.get() + H2_LINES.get());
    }

    /** One fuzz case, from its own seed. */
    @FunctionalInterface
    interface Case {
        void run(long seed, byte[] content) throws Exception;
    }

    /** Runs cases until the budget is spent; a failing case is reported with its seed and its input kept. */
    private static void fuzz(String name, long budgetMs, boolean gentle, Case c) throws Exception {
        Random run = new Random(SEED ^ name.hashCode());
        long end = System.currentTimeMillis() + budgetMs;
        while (System.currentTimeMillis() < end) {
            long seed = run.nextLong();
            byte[] content = file(new Random(seed), gentle);
            FILES.incrementAndGet();
            try {
                c.run(seed, content);
            } catch (AssertionError | RuntimeException e) {
                Path kept = Path.of("target", "fuzz-failures", name + "-" + seed + ".bin");
                Files.createDirectories(kept.getParent());
                Files.write(kept, content);
                throw new AssertionError(name + ": case seed " + seed + " (run seed " + SEED + "), input kept in "
                        + kept.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Random bytes (one time in eight), or a kind's sample with up to 12 (gentle: 4) mutations. */
    static byte[] file(Random random, boolean gentle) {
        if (!gentle && random.nextInt(8) == 0) {
            byte[] b = new byte[random.nextInt(3000)];
            random.nextBytes(b);
            return b;
        }
        Kinds.Kind kind = Kinds.ALL.get(random.nextInt(Kinds.ALL.size()));
        return mutate(kind, random.nextLong(), random.nextInt(gentle || random.nextBoolean() ? 5 : 13));
    }

    /** A kind's sample (repeated, to have more lines) with up to {@code count} random mutations. */
    static byte[] mutate(Kinds.Kind kind, long seed, int count) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(kind.headerless() ? "" : kind.header() + "\n");
        int copies = 1 + random.nextInt(3);
        for (int c = 0; c < copies; c++) {
            kind.lines().forEach(l -> text.append(l).append('\n'));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        List<Byte> b = new ArrayList<>(bytes.length + 64);
        for (byte x : bytes) {
            b.add(x);
        }
        String[] inserts = {";", ",", "\"", "\n", "\r", "\r\n", "\uFEFF", "\u0000", "\u0001", "'", "\\", "&#44", " ",
                "#", "é", "😀", "x".repeat(300), "1", "-1", "@", "\t", ";;;;", "\"\"", "\u2028"};
        for (int m = 0; m < count && !b.isEmpty(); m++) {
            int at = random.nextInt(b.size() + 1);
            switch (random.nextInt(8)) {
                case 0 -> b.add(at, (byte) random.nextInt(256)); // a random byte
                case 1 -> { // a removed range
                    int to = Math.min(b.size(), at + 1 + random.nextInt(12));
                    b.subList(Math.min(at, b.size()), to).clear();
                }
                case 2 -> { // a repeated range
                    int from = Math.min(at, b.size() - 1);
                    int to = Math.min(b.size(), from + 1 + random.nextInt(40));
                    b.addAll(to, new ArrayList<>(b.subList(from, to)));
                }
                case 3 -> { // broken UTF-8
                    b.add(at, (byte) (0xC0 + random.nextInt(64)));
                }
                case 4 -> b.subList(Math.min(at, b.size()), b.size()).clear(); // truncated
                default -> {
                    byte[] ins = inserts[random.nextInt(inserts.length)].getBytes(StandardCharsets.UTF_8);
                    for (int i = ins.length - 1; i >= 0; i--) {
                        b.add(at, ins[i]);
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ the fuzz

    @Test
    void everyReaderReadsAnyBytesWithoutAnUnexpectedException() throws Exception {
        fuzz("readers", READERS_BUDGET_MS, false, (seed, content) -> {
            CsvFormat format = FORMATS.get(new Random(seed).nextInt(FORMATS.size()));
            try (CsvRowSource rows = RowReaders.open(new ByteArrayInputStream(content), "fuzz.csv", format)) {
                try {
                    rows.header();
                } catch (InputFormatException e) {
                    assertThat(e.getMessage()).startsWith("fuzz.csv");
                    assertThat(e.line()).isNotNegative();
                    return;
                }
                long last = rows.headerLine();
                while (rows.hasNext()) {
                    READER_LINES.incrementAndGet();
                    try {
                        InputRow row = rows.next();
                        assertThat(row.lineNumber()).isGreaterThan(last);
                        assertThat(row.rawText()).isNotNull();
                        last = row.lineNumber();
                    } catch (InputFormatException e) {
                        assertThat(e.line()).isGreaterThan(last);
                        assertThat(e.getMessage()).startsWith("fuzz.csv:" + e.line());
                        last = e.line();
                    }
                }
            }
        });
    }

    @Test
    void everyKindsPipelineTakesAnyFileWithoutAnUnexpectedFailure() throws Exception {
        SyncEngine engine = SyncEngine.builder().moodle(EchoBackend.create(new AtomicLong())).clock(CLOCK).build();
        fuzz("pipelines", PIPELINE_BUDGET_MS, false, (seed, content) -> {
            Kinds.Kind kind = Kinds.ALL.get(new Random(seed).nextInt(Kinds.ALL.size()));
            Path file = Files.createTempDirectory(dir, "p").resolve(kind.fileName());
            Files.write(file, content);
            RunResult r = kind.run(engine, file);
            PIPELINE_LINES.addAndGet(r.counts().read());
            check(r, kind);
        });
    }

    @Test
    void theUsersKindsOnH2TakeAnyFileAndStayCoherent() throws Exception {
        try (TestDatabase h2 = TestDatabase.installed(DatabaseServer.H2)) {
            SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(h2.moodle())).clock(CLOCK).build();
            Kinds.Kind users = Kinds.of(SyncKind.USERS);
            assertThat(users.run(engine, users.sample(Files.createTempDirectory(dir, "s"))).succeeded()).isTrue();
            fuzz("h2", H2_BUDGET_MS, true, (seed, content) -> {
                Kinds.Kind kind = Kinds.ALL.get(new Random(seed).nextInt(Kinds.ALL.size()));
                Path file = Files.createTempDirectory(dir, "h").resolve(kind.fileName());
                Files.write(file, content);
                RunResult r = kind.run(engine, file);
                H2_LINES.addAndGet(r.counts().read());
                check(r, kind);
                for (LineResult f : r.failures()) {
                    assertThat(f.error().reason()).as(f.error().toString()).doesNotStartWith("the database refused");
                }
                assertThat(SiteState.violations(h2.dsl())).isEmpty();
            });
        }
    }

    private static void check(RunResult r, Kinds.Kind kind) {
        String what = r.status() + " " + r.error() + " " + r.failures();
        if (r.status() == RunStatus.FAILED) {
            assertThat(r.counts().read()).as(what).isZero();
            assertThat(r.error()).as(what).contains(kind.fileName());
            return;
        }
        assertThat(r.status()).as(what).isIn(RunStatus.COMPLETED, RunStatus.COMPLETED_WITH_ERRORS);
        assertThat((long) r.lines().size()).isEqualTo(r.counts().read());
        long last = 0;
        for (LineResult line : r.lines()) {
            assertThat(line.line()).as(what).isGreaterThan(last);
            last = line.line();
            if (line.failed()) {
                assertThat(line.error().toString()).as(what).startsWith(kind.fileName() + ":" + line.line());
                assertThat(line.error().reason()).as(what).isNotBlank().doesNotStartWith(SyncPipeline.UNEXPECTED);
            }
        }
    }
}
