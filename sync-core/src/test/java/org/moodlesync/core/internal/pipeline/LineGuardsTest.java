package org.moodlesync.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.core.internal.read.CsvRowSource;
import org.moodlesync.core.internal.read.RowReaders;
import org.moodlesync.core.internal.report.RunOutputs;
import org.junit.jupiter.api.Test;

/** What the pipeline guards against whatever the kind: control characters, a mapper's bug, secrets in texts. */
class LineGuardsTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_790_000_000L), ZoneOffset.UTC);

    /** A writer that answers CREATED, quoting the line's whole raw text in a message (as a careless one might). */
    static final CommandWriter<String> QUOTING = (chunk, context) -> chunk.stream()
            .map(l -> LineResult.of(l.ref(), "entity " + l.command(), Outcome.CREATED, false,
                    List.of(new FieldChange("value", null, l.command())), List.of("line was " + l.ref().rawText())))
            .toList();

    private static RunResult run(String text, RowMapper<String> mapper) {
        CsvRowSource source = RowReaders.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "t.csv", CsvFormat.toolSync());
        FileLayout<String> layout = new FileLayout<>(SyncKind.USERS, s -> List.of(), mapper, f -> f);
        RunSettings settings = new RunSettings(false, 10, false, true, null, null, CLOCK, List.of());
        return new SyncPipeline<>(SyncKind.USERS, QUOTING, settings).run(source, layout, RunOutputs.none(CLOCK));
    }

    @Test
    void aControlCharacterFailsItsLineNamingTheColumn() {
        RunResult r = run("a;b\nok;fine\nx;bad\u0001value\ny;del\u007f\nz;tab\tis fine\n", row -> row.rawText());

        assertThat(r.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.FAILED, Outcome.FAILED, Outcome.CREATED);
        LineError e = r.line(3).orElseThrow().error();
        assertThat(e.toString()).startsWith("t.csv:3:2: [b] control character U+0001 at character 4");
        assertThat(r.line(4).orElseThrow().error().reason()).contains("U+007F");
    }

    @Test
    void aMappersBugFailsItsLineOnlyAndTheRunGoesOn() {
        RunResult r = run("a;b\n1;x\n2;boom\n3;y\n", row -> {
            if (row.values().get(1).equals("boom")) {
                throw new IllegalStateException("a bug");
            }
            return row.values().get(0);
        });

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.lines()).extracting(LineResult::outcome)
                .containsExactly(Outcome.CREATED, Outcome.FAILED, Outcome.CREATED);
        assertThat(r.line(3).orElseThrow().error().reason())
                .isEqualTo(SyncPipeline.UNEXPECTED + "IllegalStateException");
    }

    @Test
    void theValuesOfPasswordColumnsAreMaskedInEveryTextOfTheirLine() {
        RunResult r = run("username;password;passwordhash\njdoe;S3cret!pw;$6$abc\nann;;\n", row -> row.rawText());

        LineResult jdoe = r.line(2).orElseThrow();
        String texts = jdoe.entity() + jdoe.changes() + jdoe.messages();
        assertThat(texts).doesNotContain("S3cret!pw").doesNotContain("$6$abc").contains(FieldChange.SECRET)
                .contains("jdoe");
        assertThat(jdoe.ref().rawText()).as("the raw line, for the tryback file, is kept").contains("S3cret!pw");
        assertThat(r.line(3).orElseThrow().messages()).containsExactly("line was ann;;");
    }

    @Test
    void secretsAreTheNonTrivialValuesOfColumnsNamedPassword() {
        InputRow row = new InputRow("t.csv", 2, "raw", List.of("username", "Password", "passwordhash", "city"),
                List.of("jdoe", "pw", "$2y$10$xyz", "Lyon"));
        assertThat(Secrets.of(row)).containsExactly("$2y$10$xyz"); // "pw" is too short to search for
        LineResult failed = LineResult.failed(new LineRef("t.csv", 2, "raw"), "user jdoe",
                new LineError("t.csv", 2, 3, "passwordhash", "bad hash $2y$10$xyz"));
        assertThat(Secrets.mask(failed, Secrets.of(row)).error().reason()).isEqualTo("bad hash ********");
    }
}
