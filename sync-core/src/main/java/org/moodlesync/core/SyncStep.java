package org.moodlesync.core;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.internal.pipeline.RunSettings;
import org.moodlesync.core.internal.report.JsonReport;
import org.moodlesync.core.internal.report.RunOutputs;

/**
 * The fluent steps every run shares, whatever it reads (command files for {@link FileSync}, zip archives for
 * {@link PictureSync}): where the input comes from, dry run, chunk size, error policy, outputs, stop signal, lock
 * and listeners; and {@link #execute()}, which takes the kind's lock around the run.
 *
 * @param <SELF> the concrete step, for chaining
 * @param <C>    the command type
 */
public abstract class SyncStep<SELF extends SyncStep<SELF, C>, C> {

    private final RunContext context;
    private final SyncKind kind;
    private boolean dryRun;
    private int chunkSize;
    private boolean stopOnError;
    private boolean retainAllLines = true;
    private Path reportDir;
    private Path trybackDir;
    private boolean reportSet;
    private boolean trybackSet;
    private Path jsonReportDir;
    private Path jsonReportFile;
    private BooleanSupplier stopSignal;
    private RunLock heldLock;
    private final List<SyncListener> listeners = new ArrayList<>();

    /**
     * A step of this kind over the engine's context.
     *
     * @param context          what the step needs of its engine (backend, clock, listeners, locks); not null
     * @param kind             the kind of file the step runs; not null
     * @param defaultChunkSize lines per chunk unless {@link #chunkSize} says otherwise
     * @throws NullPointerException when {@code context} or {@code kind} is null
     */
    protected SyncStep(RunContext context, SyncKind kind, int defaultChunkSize) {
        this.context = Objects.requireNonNull(context, "context");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.chunkSize = defaultChunkSize;
    }

    /**
     * This step as its concrete type, for the fluent setters to return.
     *
     * @return this step
     */
    @SuppressWarnings("unchecked")
    protected final SELF self() {
        return (SELF) this;
    }

    /**
     * Reads the input from a file (a command file; a zip archive for pictures). Outputs then default to places
     * beside it (see {@link #reportTo} and {@link #trybackTo}).
     *
     * @param file the file to read; not null
     * @return this step
     */
    public abstract SELF from(Path file);

    /**
     * Reads the input from a stream (closed at the end of the run); {@code name} appears in results. A stream gets
     * no report nor tryback file unless {@link #reportTo} or {@link #trybackTo} asks for one.
     *
     * @param in   the input; not null
     * @param name the name of the input in results and output file names; not null
     * @return this step
     */
    public abstract SELF from(InputStream in, String name);

    /**
     * Runs commands built in code instead of a file, in the list's order; results refer to them by position (line 1,
     * 2, …).
     *
     * @param commands the commands; neither the list nor a command may be null
     * @return this step
     * @throws IllegalArgumentException when the list or one of its commands is null
     */
    public abstract SELF commands(List<C> commands);

    /**
     * Runs commands built in code instead of a file, each under the caller's own key (an SIS record id, say), in the
     * map's iteration order (use a {@link java.util.LinkedHashMap} to keep yours): each result carries its command's
     * key ({@link org.moodlesync.api.result.LineResult#key()}), so results are matched to commands without counting.
     *
     * @param commands the commands by key; neither the map, a key nor a command may be null
     * @return this step
     * @throws IllegalArgumentException when the map, a key or a command is null
     */
    public abstract SELF keyedCommands(java.util.Map<String, ? extends C> commands);

    /**
     * Writes nothing; the results say what would happen (the CLI's {@code --dry-run}). Same as
     * {@code dryRun(true)}.
     *
     * @return this step
     */
    public SELF dryRun() {
        return dryRun(true);
    }

    /**
     * Dry run on or off (default off): see {@link #dryRun()}.
     *
     * @param on true to write nothing
     * @return this step
     */
    public SELF dryRun(boolean on) {
        this.dryRun = on;
        return self();
    }

    /**
     * Lines written per chunk, one transaction each (the CLI's {@code --chunk-size}; default: the kind's,
     * {@value FileSync#DEFAULT_CHUNK_SIZE} for command files).
     *
     * @param lines lines per chunk; a value below 1 makes {@link #execute()} fail
     * @return this step
     */
    public SELF chunkSize(int lines) {
        this.chunkSize = lines;
        return self();
    }

    /**
     * Stops at the first failed line; the lines after it are not processed and go to the tryback file. Lines are
     * then handed to the writer one by one, whatever the chunk size (the CLI's {@code --stop-on-error}; default:
     * every line is tried).
     *
     * @return this step
     */
    public SELF stopOnError() {
        this.stopOnError = true;
        return self();
    }

    /**
     * Keeps only failed lines in the run result (for very large files; the counts and the reports still cover every
     * line). Default: the result keeps every line.
     *
     * @return this step
     */
    public SELF retainFailuresOnly() {
        this.retainAllLines = false;
        return self();
    }

    /**
     * Writes the report file into this directory (the CLI's {@code --report-dir}). Default: {@code reports/} beside
     * the input file; no report for a stream or commands built in code.
     *
     * @param dir the directory; null writes no report
     * @return this step
     */
    public SELF reportTo(Path dir) {
        this.reportDir = dir;
        this.reportSet = true;
        return self();
    }

    /**
     * Writes the tryback file (failed lines) into this directory (the CLI's {@code --tryback-dir}). Default: beside
     * the input file; no tryback file for a stream or commands built in code.
     *
     * @param dir the directory; null writes no tryback file
     * @return this step
     */
    public SELF trybackTo(Path dir) {
        this.trybackDir = dir;
        this.trybackSet = true;
        return self();
    }

    /**
     * Writes neither report nor tryback file, whatever the input (JSON reports asked for are still written).
     *
     * @return this step
     */
    public SELF noOutputFiles() {
        this.reportDir = null;
        this.trybackDir = null;
        this.reportSet = true;
        this.trybackSet = true;
        return self();
    }

    /**
     * Also writes the JSON report ({@code <YYYYMMDD-HHMM>_report_<input>.json}) into this directory: the same
     * results as the report file, one object per line, without secrets. Default: no JSON report.
     *
     * @param dir the directory; null writes no JSON report there
     * @return this step
     */
    public SELF jsonReportTo(Path dir) {
        this.jsonReportDir = dir;
        return self();
    }

    /**
     * Also writes the JSON report of this run to exactly this file (replaced when present, {@code rw-------}): the
     * schema of {@link #jsonReportTo}, under the name the caller chose. To write it to a stream, add
     * {@link JsonReport#toWriter} as a {@link #listener}.
     *
     * @param file the file to write; not null
     * @return this step
     * @throws NullPointerException when {@code file} is null
     */
    public SELF jsonReport(Path file) {
        this.jsonReportFile = Objects.requireNonNull(file, "file");
        return self();
    }

    /**
     * Stops the run once {@code signal} answers true: the line being written is finished, the lines done are
     * committed, and the lines not reached go to the tryback file (status {@code STOPPED}). Interrupting the
     * thread also stops the run, at the next chunk boundary.
     *
     * @param signal asked during the run whether to stop; not null
     * @return this step
     * @throws NullPointerException when {@code signal} is null
     */
    public SELF stopWhen(BooleanSupplier signal) {
        this.stopSignal = Objects.requireNonNull(signal, "signal");
        return self();
    }

    /**
     * The caller already holds this kind's lock (taken from the engine's {@link SyncEngine#locks()}), for example
     * because it moves the file into place first: {@link #execute()} then does not take it again. The caller
     * still releases it.
     *
     * @param lock the lock held for this step's kind
     * @return this step
     * @throws IllegalArgumentException when {@code lock} is the lock of another kind
     */
    public SELF underLock(RunLock lock) {
        if (!lock.name().equals(org.moodlesync.api.lock.RunLocks.nameOf(kind))) {
            throw new IllegalArgumentException("lock " + lock.name() + " is not the lock of " + kind.cliName());
        }
        this.heldLock = lock;
        return self();
    }

    /**
     * Adds a listener to this run (the engine's listeners hear it too). Can be called more than once.
     *
     * @param listener the listener; not null
     * @return this step
     * @throws NullPointerException when {@code listener} is null
     */
    public SELF listener(SyncListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /**
     * Runs and returns the result. Never throws for bad lines (they are failed lines of the result), nor for a run
     * that cannot start (unreadable file, refused header, unreachable database): that is a result with status
     * {@link org.moodlesync.api.result.RunStatus#FAILED} and its reason.
     *
     * @return the result of the run: its status, counts and lines
     * @throws org.moodlesync.api.SyncException                when there is nothing to run (a usage error)
     * @throws org.moodlesync.api.lock.RunLockedException when another run of the same kind holds the engine's
     *                                                     lock: the run is refused, nothing is read nor written
     * @throws UnsupportedOperationException               when the backend cannot write this kind of file
     */
    public RunResult execute() {
        check();
        if (heldLock != null) {
            return executeLocked();
        }
        try (RunLock lock = context.locks().acquire(kind)) {
            return executeLocked();
        }
    }

    /**
     * Refuses, before anything runs, a run that cannot be set up (nothing to run, a required option missing): what
     * {@link #execute()} checks first. Callers that run steps chosen at run time (the workspace runner) use it to
     * tell a usage error from a run.
     *
     * @throws org.moodlesync.api.SyncException saying what is missing
     */
    public final void check() {
        checkRunnable();
    }

    /**
     * Refuses a run that cannot be set up (nothing to run, a required option missing), before the lock is taken.
     *
     * @throws org.moodlesync.api.SyncException saying what is missing
     */
    protected abstract void checkRunnable();

    /**
     * The run itself, under the kind's lock.
     *
     * @return the result of the run
     */
    protected abstract RunResult executeLocked();

    /**
     * The kind of file.
     *
     * @return the kind this step runs ({@link SyncKind#USERS} for {@code engine.users()}, …)
     */
    public SyncKind kind() {
        return kind;
    }

    /**
     * What the step needs of its engine: backend, clock, listeners, locks.
     *
     * @return the engine's context
     */
    protected RunContext context() {
        return context;
    }

    /**
     * Whether this run is a dry run.
     *
     * @return true when nothing is to be written
     */
    protected boolean isDryRun() {
        return dryRun;
    }

    /**
     * Who hears this run: the engine's listeners, this step's, and the JSON reports asked for.
     *
     * @return a new list of the listeners, the engine's first
     */
    protected List<SyncListener> runListeners() {
        List<SyncListener> all = new ArrayList<>(context.listeners());
        all.addAll(listeners);
        if (jsonReportDir != null) {
            all.add(new JsonReport(jsonReportDir, context.clock()));
        }
        if (jsonReportFile != null) {
            all.add(JsonReport.toFile(jsonReportFile, context.clock()));
        }
        return all;
    }

    /**
     * Where the report goes: as given, else {@code reports/} beside {@code input} (none for other inputs).
     *
     * @param input the input file, or null for a stream or commands
     * @return the report directory, or null for no report
     */
    protected Path reportDir(Path input) {
        if (input != null && !reportSet) {
            return input.toAbsolutePath().getParent().resolve("reports");
        }
        return reportDir;
    }

    /**
     * Where the tryback file goes: as given, else beside {@code input} (none for other inputs).
     *
     * @param input the input file, or null for a stream or commands
     * @return the tryback directory, or null for no tryback file
     */
    protected Path trybackDir(Path input) {
        if (input != null && !trybackSet) {
            return input.toAbsolutePath().getParent();
        }
        return trybackDir;
    }

    /** The settings of the run, with its outputs in these directories. */
    RunSettings settings(Path reports, Path trybacks, List<SyncListener> all) {
        return new RunSettings(dryRun, chunkSize, stopOnError, retainAllLines, reports, trybacks, context.clock(),
                all, stopSignal);
    }

    /** The report and tryback files of the run, in these directories. */
    RunOutputs outputs(Path reports, Path trybacks) {
        return new RunOutputs(reports, trybacks, context.clock(), dryRun);
    }
}
