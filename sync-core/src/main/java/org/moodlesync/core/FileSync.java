package org.moodlesync.core;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.source.RowSource;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.core.internal.feed.FeedKeys;
import org.moodlesync.core.internal.feed.FeedPlan;
import org.moodlesync.core.internal.feed.FullFeed;
import org.moodlesync.core.internal.feed.UndoFile;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.pipeline.InCodeCommands;
import org.moodlesync.core.internal.pipeline.RunSettings;
import org.moodlesync.core.internal.pipeline.SyncPipeline;
import org.moodlesync.core.internal.read.RowReaders;
import org.moodlesync.core.internal.report.LineEstimate;
import org.moodlesync.core.internal.report.RunOutputs;

/**
 * The step of a command file: where the lines come from and the file format, on top of the options every run
 * shares ({@link SyncStep}: dry run, chunk size, error policy, outputs). A kind's own step (for example
 * {@link UserSync}) adds its options.
 *
 * <p>Outputs default to tool_sync's places when reading a file: the report in {@code reports/} beside the file,
 * the tryback file beside the file. Streams and commands built in code get no files unless asked.
 *
 * @param <SELF> the concrete step, for chaining
 * @param <C>    the command type
 */
public abstract class FileSync<SELF extends FileSync<SELF, C>, C> extends SyncStep<SELF, C> {

    /**
     * Default number of lines written per chunk (one transaction each). A chunk's fixed costs (its lookups, the
     * renumbering of the courses of the categories it touched, the commit) are shared by its lines: chunks of 1000
     * lines ran enrolments and courses about a quarter faster than chunks of 500 (docs/performance.md).
     */
    public static final int DEFAULT_CHUNK_SIZE = 1000;

    private Path file;
    private InputStream stream;
    private String streamName;
    private InCodeCommands<C> commands;
    private CsvFormat format = CsvFormat.toolSync();
    private boolean estimateLines = true;

    /**
     * A command-file step of this kind, with {@link #DEFAULT_CHUNK_SIZE} lines per chunk.
     *
     * @param context what the step needs of its engine; not null
     * @param kind    the kind of file; not null
     */
    protected FileSync(RunContext context, SyncKind kind) {
        super(context, kind, DEFAULT_CHUNK_SIZE);
    }

    /** Reads the lines from a command file. */
    @Override
    public SELF from(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        return self();
    }

    /** Reads the lines from a stream (closed at the end of the run); {@code name} appears in results. */
    @Override
    public SELF from(InputStream in, String name) {
        this.stream = Objects.requireNonNull(in, "in");
        this.streamName = Objects.requireNonNull(name, "name");
        return self();
    }

    @Override
    public SELF commands(List<C> commands) {
        this.commands = InCodeCommands.of(commands);
        return self();
    }

    @Override
    public SELF keyedCommands(Map<String, ? extends C> commands) {
        this.commands = InCodeCommands.keyed(commands);
        return self();
    }

    /**
     * The file format (default: tool_sync's dialect, {@code ;}, UTF-8; the CLI's {@code --separator},
     * {@code --encoding} and {@code --format}).
     *
     * @param format the format; not null
     * @return this step
     * @throws NullPointerException when {@code format} is null
     */
    public SELF format(CsvFormat format) {
        this.format = Objects.requireNonNull(format, "format");
        return self();
    }

    /**
     * Counts a file's data lines before the run, so that progress listeners know the total (default on; the
     * count reads the file once more, quickly, without parsing it). Streams are never counted; commands built in
     * code always are.
     *
     * @param on false to skip the count
     * @return this step
     */
    public SELF estimateLines(boolean on) {
        this.estimateLines = on;
        return self();
    }

    @Override
    protected void checkRunnable() {
        if (commands == null && file == null && stream == null) {
            throw new SyncException("nothing to run: give a file, a stream or commands");
        }
        if (isFullFeed() && commands == null && file == null) {
            throw new SyncException("a full feed reads its file twice (what it lists, before anything is written; "
                    + "then its lines): give it a file or commands, not a stream");
        }
    }

    /** Whether this run is a full feed (its step says so): the default is a run that only applies its lines. */
    boolean isFullFeed() {
        return false;
    }

    /**
     * The full feed of this run, made when the run starts (it may ask the backend for its full-feed support).
     *
     * @return the feed, or null for a run that only applies its lines
     * @throws UnsupportedOperationException when the backend has no full feeds
     */
    FullFeed<C> fullFeed() {
        return null;
    }

    @Override
    protected RunResult executeLocked() {
        List<SyncListener> all = runListeners();
        Path reports = reportDir(file);
        Path trybacks = trybackDir(file);
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
        RunSettings settings = settings(reports, trybacks, all);
        RunOutputs outputs = outputs(reports, trybacks);
        String name = commands != null ? "commands" : file != null ? file.getFileName().toString() : streamName;
        java.time.Instant started = context().clock().instant();
        CommandWriter<C> writer;
        try {
            writer = writer();
        } catch (UnsupportedOperationException e) {
            throw e; // the backend cannot write this kind: no run, and no database problem either
        } catch (RuntimeException e) {
            return new SyncPipeline<C>(kind(), null, settings).failedRun(name, backendFailure(e), started, outputs);
        }
        if (isFullFeed()) {
            return runFullFeed(writer, settings, outputs, name, started, trybacks);
        }
        SyncPipeline<C> pipeline = new SyncPipeline<>(kind(), writer, settings);
        if (commands != null) {
            return pipeline.run("commands", commands, outputs);
        }
        RowSource source;
        try {
            source = file != null ? RowReaders.open(file, format) : RowReaders.open(stream, streamName, format);
        } catch (RuntimeException e) {
            return pipeline.failedRun(name, unreadable(name, e), started, outputs);
        }
        try (source) {
            return pipeline.run(source, layout(), outputs);
        }
    }

    /**
     * A full feed's run: what the input lists is read first and compared with the scope, before anything is written;
     * the run is refused (nothing written) when it would remove more than its limit allows; else the input's lines
     * run, then the removals, and the feed records what it owns and writes its undo file.
     */
    private RunResult runFullFeed(CommandWriter<C> kindWriter, RunSettings settings, RunOutputs outputs, String name,
                                  java.time.Instant started, Path trybacks) {
        SyncPipeline<C> failures = new SyncPipeline<>(kind(), kindWriter, settings);
        FullFeed<C> feed;
        FeedKeys keys;
        char separator = format.separator();
        FeedPlan<C> plan;
        try {
            feed = fullFeed();
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (RuntimeException e) {
            return failures.failedRun(name, backendFailure(e), started, outputs);
        }
        if (commands != null) {
            keys = feed.keys(commands.commands());
        } else {
            try (RowSource rows = RowReaders.open(file, format)) {
                layout().headerCheck().apply(rows);
                separator = rows.separator();
                keys = feed.keys(rows);
            } catch (org.moodlesync.api.InputFormatException e) {
                return failures.failedRun(name, RunFailure.of(e), started, outputs);
            } catch (RuntimeException e) {
                return failures.failedRun(name, unreadable(name, e), started, outputs);
            }
        }
        try {
            plan = feed.plan(keys);
        } catch (SyncException e) {
            return failures.failedRun(name, new RunFailure(RunFailure.Kind.CONFIGURATION, e.getMessage(), e),
                    started, outputs);
        } catch (RuntimeException e) {
            return failures.failedRun(name, backendFailure(e), started, outputs);
        }
        if (plan.refusal() != null) {
            return failures.refusedRun(name, plan.refusal(), plan.refusedLines(name), plan.notices(), started,
                    outputs);
        }
        Path undoDir = undoDir() != null ? undoDir() : trybacks;
        UndoFile undo = undoDir == null || isDryRun() ? null : new UndoFile(undoDir, name, context().clock(),
                separator, format.dialect() == CsvFormat.Dialect.RFC_4180, format.encoding(), plan.undoHeader());
        SyncPipeline<C> pipeline = new SyncPipeline<>(kind(), plan.writer(kindWriter, undo), settings);
        RunResult result;
        if (commands != null) {
            result = pipeline.run("commands", commands, outputs, plan.removalLines("commands"));
        } else {
            RowSource source;
            try {
                source = RowReaders.open(file, format);
            } catch (RuntimeException e) {
                return pipeline.failedRun(name, unreadable(name, e), started, outputs);
            }
            try (source) {
                result = pipeline.run(source, layout(), outputs, plan.removalLines(name));
            }
        }
        // the run began with the read of what the file lists, before the pipeline started
        return plan.finish(result.withStarted(started), keys);
    }

    /** Where a full feed's undo file goes when the step says (null: beside the tryback file). */
    Path undoDir() {
        return null;
    }

    /** A command file that cannot be opened: {@link RunFailure.Kind#INPUT}, the cause in words. */
    static RunFailure unreadable(String name, Throwable e) {
        return new RunFailure(RunFailure.Kind.INPUT, "cannot read " + name + ": " + whyUnreadable(e), e);
    }

    /**
     * A backend that gives no writer: its own kind and sentence where it classified the failure (unsupported
     * version, not a Moodle site, refused login, …), else "cannot reach the Moodle database" and the cause.
     */
    static RunFailure backendFailure(RuntimeException e) {
        RunFailure failure = RunFailure.of(e);
        return switch (failure.kind()) {
            case UNEXPECTED -> new RunFailure(RunFailure.Kind.DATABASE_UNREACHABLE,
                    "cannot reach the Moodle database: " + oneLine(e), e);
            case DATABASE_UNREACHABLE, DATABASE_LOGIN, DATABASE_NOT_FOUND, CONNECTION_LOST, DATABASE ->
                    failure.prefixed("cannot reach the Moodle database: ");
            default -> failure;
        };
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

    /**
     * The backend this step writes to.
     *
     * @return the engine's backend
     */
    protected MoodleBackend moodle() {
        return context().moodle();
    }

    /**
     * The writer of this kind, with this step's options. A {@link RuntimeException} here fails the run (the
     * database cannot be reached); an {@link UnsupportedOperationException} is thrown by {@link #execute()}.
     *
     * @return the writer of this run
     * @throws UnsupportedOperationException when the backend cannot write this kind
     */
    protected abstract CommandWriter<C> writer();

    /** What files of this kind look like. */
    abstract FileLayout<C> layout();
}
