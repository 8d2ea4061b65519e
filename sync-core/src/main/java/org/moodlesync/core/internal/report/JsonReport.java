package org.moodlesync.core.internal.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.Counts;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.spi.SyncListener;

/**
 * The JSON report of a run, {@code <YYYYMMDD-HHMM>_report_<input>.json} beside the text report: the same result
 * objects, streamed as the lines come (constant memory, whatever the size of the file), for machines (monitoring,
 * integration apps) rather than people.
 *
 * <pre>{@code
 * {"tool":"moodle-sync","kind":"users","source":"userimport.csv","dryRun":false,"started":"2024-03-05T14:07:30Z",
 *  "lines":[{"line":2,"outcome":"CREATED","entity":"user jdoe","dryRun":false,
 *            "changes":[{"field":"username","old":null,"new":"jdoe"}],"messages":[]},
 *           {"line":3,"outcome":"FAILED","entity":null,"dryRun":false,"changes":[],"messages":[],
 *            "error":{"location":"userimport.csv:3:5","line":3,"column":5,"field":"email","reason":"…"}}],
 *  "status":"COMPLETED_WITH_ERRORS","finished":"…","durationMillis":12,
 *  "counts":{"read":2,"created":1,"updated":0,"unchanged":0,"deleted":0,"skipped":0,"failed":1},
 *  "error":null,"failureKind":null,"notices":[],"reportFile":"…","trybackFile":"…"}
 * }</pre>
 *
 * Like the text report it holds no secret: never a line's raw text (which may hold a password), and changed
 * passwords are masked by the writers; and like it, it is created anew, not readable by others ({@code rw-r-----}),
 * never through a file or link left in its place. Written with Jackson's streaming generator.
 */
public final class JsonReport implements SyncListener {

    private static final JsonFactory JSON = new JsonFactory();

    /** Permissions of a JSON report written to a file the caller named ({@link #toFile}): its owner's only. */
    static final String NAMED_FILE_PERMISSIONS = "rw-------";

    private final Path dir;
    private final Clock clock;
    private final Path namedFile;
    private final Writer writer;
    private JsonGenerator out;
    private Path file;

    /**
     * @param dir   where the report goes (created when missing)
     * @param clock the run's clock, for the file name
     */
    public JsonReport(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        this.namedFile = null;
        this.writer = null;
    }

    private JsonReport(Path namedFile, Writer writer, Clock clock) {
        this.dir = null;
        this.clock = clock;
        this.namedFile = namedFile;
        this.writer = writer;
    }

    /**
     * The JSON report of a run written to exactly this file (for example {@code moodle-sync run … --json out.json}):
     * replaced when present, created anew not readable by others ({@code rw-------}, it names people), never
     * through a file or link left in its place.
     */
    public static JsonReport toFile(Path file, Clock clock) {
        return new JsonReport(Objects.requireNonNull(file, "file"), null, clock);
    }

    /**
     * The JSON report of a run written to this writer (for example standard output, {@code --json -}), followed by
     * a line break; the writer is flushed at the end of the run, never closed.
     */
    public static JsonReport toWriter(Writer writer, Clock clock) {
        return new JsonReport(null, Objects.requireNonNull(writer, "writer"), clock);
    }

    /** The file written, once the run has started (null before, and when written to a writer). */
    public Path file() {
        return file;
    }

    /** The name of the JSON report of an input: {@code <stamp>_report_<input>.json}. */
    public static String fileName(String inputName, java.time.Instant when, java.time.ZoneId zone) {
        return OutputNames.report(inputName, when, zone) + ".json";
    }

    @Override
    public void runStarted(SyncKind kind, String source, boolean dryRun) {
        open(kind, source, dryRun, clock.instant().toString());
    }

    @Override
    public void lineDone(LineResult r) {
        if (out == null) {
            return;
        }
        try {
            out.writeStartObject();
            out.writeNumberField("line", r.line());
            if (r.key() != null) {
                out.writeStringField("key", r.key());
            }
            out.writeStringField("outcome", r.outcome().name());
            out.writeStringField("entity", r.entity());
            out.writeBooleanField("dryRun", r.dryRun());
            out.writeArrayFieldStart("changes");
            for (FieldChange c : r.changes()) {
                out.writeStartObject();
                out.writeStringField("field", c.field());
                out.writeStringField("old", c.oldValue());
                out.writeStringField("new", c.newValue());
                out.writeEndObject();
            }
            out.writeEndArray();
            strings("messages", r.messages());
            LineError e = r.error();
            if (e != null) {
                out.writeObjectFieldStart("error");
                out.writeStringField("location", e.location());
                out.writeNumberField("line", e.line());
                out.writeNumberField("column", e.column());
                out.writeStringField("field", e.field());
                out.writeStringField("reason", e.reason());
                out.writeEndObject();
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void runFinished(RunResult result) {
        if (out == null) {
            // the run failed before its first line (bad header): the report still says why
            open(result.kind(), result.source(), result.dryRun(), result.started().toString());
        }
        try {
            out.writeEndArray();
            out.writeStringField("status", result.status().name());
            out.writeStringField("finished", result.finished().toString());
            out.writeNumberField("durationMillis", result.duration().toMillis());
            out.writeObjectFieldStart("counts");
            Counts counts = result.counts();
            out.writeNumberField("read", counts.read());
            for (Map.Entry<Outcome, Long> e : counts.asMap().entrySet()) {
                out.writeNumberField(e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue());
            }
            out.writeEndObject();
            out.writeStringField("error", result.failure() == null ? null : result.failure().message());
            out.writeStringField("failureKind", result.failure() == null ? null : result.failure().kind().name());
            strings("notices", result.notices());
            out.writeStringField("reportFile", result.reportFile() == null ? null : result.reportFile().toString());
            out.writeStringField("trybackFile",
                    result.trybackFile() == null ? null : result.trybackFile().toString());
            out.writeEndObject();
            if (writer != null) {
                out.writeRaw('\n');
            }
            out.close();
            if (writer != null) {
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report " + file + ": " + e.getMessage(), e);
        } finally {
            out = null;
        }
    }

    private void open(SyncKind kind, String source, boolean dryRun, String started) {
        try {
            if (writer != null) {
                out = JSON.createGenerator(writer);
                out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            } else if (namedFile != null) {
                // the caller named this file: it replaces what is there, never writing through a link
                file = namedFile;
                out = JSON.createGenerator(RunOutputs.createAnew(file, NAMED_FILE_PERMISSIONS), JsonEncoding.UTF8);
            } else {
                java.time.Instant now = clock.instant();
                // as the text report: a name of its own, not readable by others, never replacing a file or a link
                RunOutputs.Unique created = RunOutputs.createUnique(dir,
                        attempt -> OutputNames.report(source, now, clock.getZone(), dryRun, attempt) + ".json",
                        RunOutputs.REPORT_PERMISSIONS);
                file = created.file();
                out = JSON.createGenerator(created.out(), JsonEncoding.UTF8);
            }
            out.writeStartObject();
            out.writeStringField("tool", "moodle-sync");
            out.writeStringField("kind", kind.cliName());
            out.writeStringField("source", source);
            out.writeBooleanField("dryRun", dryRun);
            out.writeStringField("started", started);
            out.writeArrayFieldStart("lines");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report " + (writer != null ? "" : "in "
                    + (namedFile != null ? namedFile : dir)) + ": " + e.getMessage(), e);
        }
    }

    private void strings(String name, List<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String v : values) {
            out.writeString(v);
        }
        out.writeEndArray();
    }
}
