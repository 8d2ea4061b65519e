package org.moodlesync.core;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.source.RowSource;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.core.pipeline.FileLayout;
import org.moodlesync.core.pipeline.RunSettings;
import org.moodlesync.core.pipeline.SyncPipeline;
import org.moodlesync.core.read.CsvFormat;
import org.moodlesync.core.read.RowReaders;
import org.moodlesync.core.report.JsonReport;
import org.moodlesync.core.report.LineEstimate;
import org.moodlesync.core.report.RunOutputs;

/**
 * The fluent steps every kind of run shares: where the lines come from, the file format, dry run, chunk size,
 * error policy and outputs. A kind's own step (for example {@link UserSync}) adds its options.
 *
 * <p>Outputs default to tool_sync's places when reading a file: the report in {@code reports/} beside the file,
 * the tryback file beside the file. Streams and commands built in code get no files unless asked.
 *
 * @param <SELF> the concrete step, for chaining
 * @param <C>    the command type
 */
public abstract class FileSync<SELF extends FileSync<SELF, C>, C> {

    /**
     * Default number of lines written per chunk (one transaction each). A chunk's fixed costs (its lookups, the
     * renumbering of the courses of the categories it touched, the commit) are shared by its lines: chunks of 1000
     * lines ran enrolments and courses about a quarter faster than chunks of 500 (docs/performance.md).
     */
    public static final int DEFAULT_CHUNK_SIZE = 1000;

    private final SyncEngine engine;
    private final SyncKind kind;
    private Path file;
    private InputStream stream;
    private String streamName;
    private List<C> commands;
    private CsvFormat format = CsvFormat.toolSync();
    private boolean dryRun;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private boolean stopOnError;
    private boolean retainAllLines = true;
    private Path reportDir;
    private Path trybackDir;
    private boolean reportSet;
    private boolean trybackSet;
    private Path jsonReportDir;
    private Path jsonReportFile;
    private boolean estimateLines = true;
    private BooleanSupplier stopSignal;
    private RunLock heldLock;
    private final List<SyncListener> listeners = new ArrayList<>();

    protected FileSync(SyncEngine engine, SyncKind kind) {
        this.engine = engine;
        this.kind = kind;
    }

    @SuppressWarnings("unchecked")
    private SELF self() {
        return (SELF) this;
    }

    /** Reads the lines from a command file. */
    public SELF from(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        return self();
    }

    /** Reads the lines from a stream (closed at the end of the run); {@code name} appears in results. */
    public SELF from(InputStream in, String name) {
        this.stream = Objects.requireNonNull(in, "in");
        this.streamName = Objects.requireNonNull(name, "name");
        return self();
    }

    /** Runs commands built in code instead of a file. */
    public SELF commands(List<C> commands) {
        this.commands = List.copyOf(commands);
        return self();
    }

    /** The file format (default: tool_sync's dialect, {@code ;}, UTF-8). */
    public SELF format(CsvFormat format) {
        this.format = Objects.requireNonNull(format, "format");
        return self();
    }

    /** Writes nothing; the results say what would happen. */
    public SELF dryRun() {
        return dryRun(true);
    }

    /** Dry run on or off. */
    public SELF dryRun(boolean on) {
        this.dryRun = on;
        return self();
    }

    /** Lines written per chunk (default {@value #DEFAULT_CHUNK_SIZE}). */
    public SELF chunkSize(int lines) {
        this.chunkSize = lines;
        return self();
    }

    /**
     * Stops at the first failed line; the lines after it are not processed and go to the tryback file. Lines are
     * then handed to the writer one by one, whatever the chunk size.
     */
    public SELF stopOnError() {
        this.stopOnError = true;
        return self();
    }

    /** Keeps only failed lines in the run result (for very large files; reports still list every line). */
    public SELF retainFailuresOnly() {
        this.retainAllLines = false;
        return self();
    }

    /** Writes the report file into this directory. */
    public SELF reportTo(Path dir) {
        this.reportDir = dir;
        this.reportSet = true;
        return self();
    }

    /** Writes the tryback file (failed lines) into this directory. */
    public SELF trybackTo(Path dir) {
        this.trybackDir = dir;
        this.trybackSet = true;
        return self();
    }

    /** Writes neither report nor tryback file. */
    public SELF noOutputFiles() {
        this.reportDir = null;
        this.trybackDir = null;
        this.reportSet = true;
        this.trybackSet = true;
        return self();
    }

    /**
     * Also writes the JSON report ({@code <YYYYMMDD-HHMM>_report_<input>.json}) into this directory: the same
     * results as the report file, one object per line, without secrets.
     */
    public SELF jsonReportTo(Path dir) {
        this.jsonReportDir = dir;
        return self();
    }

    /**
     * Also writes the JSON report of this run to exactly this file (replaced when present, {@code rw-------}): the
     * schema of {@link #jsonReportTo}, under the name the caller chose. To write it to a stream, add
     * {@link JsonReport#toWriter} as a {@link #listener}.
     */
    public SELF jsonReport(Path file) {
        this.jsonReportFile = Objects.requireNonNull(file, "file");
        return self();
    }

    /**
     * Counts a file's data lines before the run, so that progress listeners know the total (default on; the
     * count reads the file once more, quickly, without parsing it).
     */
    public SELF estimateLines(boolean on) {
        this.estimateLines = on;
        return self();
    }

    /**
     * Stops the run once {@code signal} answers true: the line being written is finished, the lines done are
     * committed, and the lines not reached go to the tryback file (status {@code STOPPED}). Interrupting the
     * thread also stops the run, at the next chunk boundary.
     */
    public SELF stopWhen(BooleanSupplier signal) {
        this.stopSignal = Objects.requireNonNull(signal, "signal");
        return self();
    }

    /**
     * The caller already holds this kind's lock (taken from the engine's {@link SyncEngine#locks()}), for example
     * because it moves the file into place first: {@link #execute()} then does not take it again.
     */
    public SELF underLock(RunLock lock) {
        if (!lock.name().equals(org.moodlesync.api.lock.RunLocks.nameOf(kind))) {
            throw new IllegalArgumentException("lock " + lock.name() + " is not the lock of " + kind.cliName());
        }
        this.heldLock = lock;
        return self();
    }

    /** Adds a listener to this run (the engine's listeners hear it too). */
    public SELF listener(SyncListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /**
     * Runs and returns the result. Never throws for bad lines (they are failed lines of the result), nor for a run
     * that cannot start (unreadable file, refused header, unreachable database): that is a result with status
     * {@link org.moodlesync.api.result.RunStatus#FAILED} and its reason.
     *
     * @throws org.moodlesync.api.lock.RunLockedException when another run of the same kind holds the engine's
     *                                                     lock: the run is refused, nothing is read nor written
     * @throws UnsupportedOperationException               when the backend cannot write this kind of file
     */
    public RunResult execute() {
        if (commands == null && file == null && stream == null) {
            throw new SyncException("nothing to run: give a file, a stream or commands");
        }
        if (heldLock != null) {
            return executeLocked();
        }
        try (RunLock lock = engine.locks().acquire(kind)) {
            return executeLocked();
        }
    }

    private RunResult executeLocked() {
        List<SyncListener> all = new ArrayList<>(engine.listeners());
        all.addAll(listeners);
        Path reports = reportDir;
        Path trybacks = trybackDir;
        if (file != null) {
            Path dir = file.toAbsolutePath().getParent();
            reports = reportSet ? reportDir : dir.resolve("reports");
            trybacks = trybackSet ? trybackDir : dir;
        }
        if (jsonReportDir != null) {
            all.add(new JsonReport(jsonReportDir, engine.clock()));
        }
        if (jsonReportFile != null) {
            all.add(JsonReport.toFile(jsonReportFile, engine.clock()));
        }
        OptionalLong expected = commands != null ? OptionalLong.of(commands.size())
                : file != null && estimateLines ? LineEstimate.dataLines(file, format) : OptionalLong.empty();
        if (expected.isPresent()) {
            for (SyncListener l : all) {
                try {
                    l.linesExpected(expected.getAsLong());
                } catch (RuntimeException e) {
                    // a listener never stops a run (the pipeline logs the ones that throw later on)
                }
            }
        }
        RunSettings settings = new RunSettings(dryRun, chunkSize, stopOnError, retainAllLines, reports, trybacks,
                engine.clock(), all, stopSignal);
        RunOutputs outputs = new RunOutputs(reports, trybacks, engine.clock(), dryRun);
        String name = commands != null ? "commands" : file != null ? file.getFileName().toString() : streamName;
        java.time.Instant started = engine.clock().instant();
        CommandWriter<C> writer;
        try {
            writer = writer();
        } catch (UnsupportedOperationException e) {
            throw e; // the backend cannot write this kind: no run, and no database problem either
        } catch (RuntimeException e) {
            return new SyncPipeline<C>(kind, null, settings).failedRun(name, "cannot reach the Moodle database: "
                    + oneLine(e), started, outputs);
        }
        SyncPipeline<C> pipeline = new SyncPipeline<>(kind, writer, settings);
        if (commands != null) {
            return pipeline.run("commands", commands, outputs);
        }
        RowSource source;
        try {
            source = file != null ? RowReaders.open(file, format) : RowReaders.open(stream, streamName, format);
        } catch (RuntimeException e) {
            return pipeline.failedRun(name, "cannot read " + name + ": " + whyUnreadable(e), started, outputs);
        }
        try (source) {
            return pipeline.run(source, layout(), outputs);
        }
    }

    /** Why a file could not be opened: the I/O cause in words ({@code no such file}, …), else the failure's line. */
    static String whyUnreadable(Throwable e) {
        return e.getCause() instanceof java.io.IOException io ? org.moodlesync.api.IoFailures.cause(io)
                : e instanceof java.io.IOException io ? org.moodlesync.api.IoFailures.cause(io) : oneLine(e);
    }

    /** The failure's first line, followed by its root cause's when that says more (for example why a pool failed). */
    private static String oneLine(Throwable e) {
        Throwable top = e;
        while (top.getCause() != null && top.getCause() != top && top.getMessage() == null) {
            top = top.getCause();
        }
        String m = firstLine(top);
        Throwable root = top;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = firstLine(root);
        return root == top || root.getMessage() == null || m.contains(cause) ? m : m + ": " + cause;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** The kind of file. */
    protected SyncKind kind() {
        return kind;
    }

    /** The engine this step belongs to. */
    protected SyncEngine engine() {
        return engine;
    }

    /** The writer of this kind, with this step's options. */
    protected abstract CommandWriter<C> writer();

    /** What files of this kind look like. */
    protected abstract FileLayout<C> layout();
}
