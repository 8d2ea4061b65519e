package org.moodlesync.core.internal.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.InvalidCommandException;
import org.moodlesync.api.result.Counts;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.api.source.RowSource;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.core.internal.report.RunOutputs;
import org.moodlesync.core.internal.validate.CommandValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run loop shared by every kind: read → map → validate → write in chunks → results → outputs.
 *
 * <p>Lines are handed to the writer in chunks of {@link RunSettings#chunkSize()}; a line that fails to map or
 * validate gets its failed result at once but keeps its place, so results always come out in file order. Memory
 * stays flat: a chunk is the only buffer, and results stream to the report and tryback files as they come.
 * <p>A command file is read, mapped and validated one or two chunks ahead, on a thread of its own
 * ({@link ReadAhead}), while the writer writes: the two work at once on a machine with more than one core.
 *
 * @param <C> the command type
 */
public final class SyncPipeline<C> {

    private static final Logger LOG = LoggerFactory.getLogger(SyncPipeline.class);
    private static final CommandValidator VALIDATOR = new CommandValidator();
    /** The start of the reason of a line whose mapping failed unexpectedly (a bug: the fuzz tests look for it). */
    public static final String UNEXPECTED = "unexpected error while reading the line: ";

    private final SyncKind kind;
    private final CommandWriter<C> writer;
    private final RunSettings settings;

    public SyncPipeline(SyncKind kind, CommandWriter<C> writer, RunSettings settings) {
        this.kind = kind;
        this.writer = writer;
        this.settings = settings;
    }

    /** Runs a command file: its header is checked first; a bad header fails the whole run (nothing written). */
    public RunResult run(RowSource source, FileLayout<C> layout, RunOutputs outputs) {
        return run(source, layout, outputs, List.of());
    }

    /**
     * Runs a command file, then lines that are not the file's (a full feed's removals: no raw text, so they never go
     * to the tryback file), as one run.
     */
    public RunResult run(RowSource source, FileLayout<C> layout, RunOutputs outputs, List<CommandLine<C>> after) {
        Instant started = settings.clock().instant();
        List<String> notices;
        try {
            notices = layout.headerCheck().apply(source);
        } catch (InputFormatException e) {
            return failedRun(source.name(), RunFailure.of(e), started, outputs);
        }
        // a file without a header line (given columns) gets a tryback file without one, so it reruns as it is
        outputs.open(source.name(), source.headerLine() == 0 ? List.of() : source.header(), source.separator(),
                source.headerText());
        if (outputs.failure() != null) {
            // the report or tryback file cannot be written: nothing is done (outputs.close says why)
            return finish(new RunResult(kind, source.name(), RunStatus.FAILED, settings.dryRun(), started,
                    settings.clock().instant(), Counts.ZERO, List.of(), null, null, null, notices), outputs);
        }
        Iterator<Slot<C>> slots = new RowSlots<>(source, layout, after.iterator());
        return loop(source.name(), slots, notices, started, outputs, source, source.header());
    }

    /**
     * A run that could not start (unreadable file, refused header, unreachable database): status FAILED with the
     * reason, nothing written; the report file says why, and the listeners hear the run start and end.
     */
    public RunResult failedRun(String sourceName, RunFailure error, Instant started, RunOutputs outputs) {
        tell(l -> l.runStarted(kind, sourceName, settings.dryRun()));
        try {
            outputs.open(sourceName, List.of(), ';');
        } catch (RuntimeException e) {
            LOG.warn("cannot write the report of {}: {}", sourceName, e.getMessage());
        }
        RunResult failed = new RunResult(kind, sourceName, RunStatus.FAILED, settings.dryRun(), started,
                settings.clock().instant(), Counts.ZERO, List.of(), error, null, null, List.of());
        return finish(failed, outputs);
    }

    /**
     * A run refused before it wrote anything (a full feed over its removal limit): status REFUSED with the reason,
     * and the lines it would have written, as a dry run reports them, in the report and the result (kept even when
     * the run keeps only failed lines: they are what the caller must look at).
     */
    public RunResult refusedRun(String sourceName, RunFailure reason, List<LineResult> wouldBe, List<String> notices,
                                Instant started, RunOutputs outputs) {
        tell(l -> l.runStarted(kind, sourceName, settings.dryRun()));
        outputs.open(sourceName, List.of(), ';');
        Counts counts = Counts.ZERO;
        for (LineResult line : wouldBe) {
            counts = counts.plus(line.outcome());
            outputs.line(line);
            tell(l -> l.lineDone(line));
        }
        RunResult refused = new RunResult(kind, sourceName, RunStatus.REFUSED, settings.dryRun(), started,
                settings.clock().instant(), counts, wouldBe, reason, null,
                null, notices);
        return finish(refused, outputs);
    }

    /** Runs commands built in code: no header, no tryback (there is no raw text to write back). */
    public RunResult run(String name, InCodeCommands<C> commands, RunOutputs outputs) {
        return run(name, commands, outputs, List.of());
    }

    /** Runs commands built in code, then lines of the run's own (a full feed's removals). */
    public RunResult run(String name, InCodeCommands<C> commands, RunOutputs outputs, List<CommandLine<C>> after) {
        Instant started = settings.clock().instant();
        outputs.open(name, List.of(), ';');
        if (outputs.failure() != null) {
            return finish(new RunResult(kind, name, RunStatus.FAILED, settings.dryRun(), started,
                    settings.clock().instant(), Counts.ZERO, List.of(), null, null, null, List.of()), outputs);
        }
        List<Slot<C>> slots = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            LineRef ref = new LineRef(name, i + 1, null, commands.keyAt(i));
            slots.add(validated(ref, commands.commands().get(i), f -> f));
        }
        after.forEach(line -> slots.add(validated(line.ref(), line.command(), f -> f)));
        return loop(name, slots.iterator(), List.of(), started, outputs, null, List.of());
    }

    /**
     * Runs lines that do not come from a command file (the entries of an archive, images handed over by the host),
     * read lazily one by one in source order: each is a command, validated then written in chunks, or a line whose
     * result is already known. No header, no tryback file (there is no raw text to write back).
     *
     * @param name    the source name, for results and reports
     * @param lines   the lines; their iterator should not throw (an exception ends the run as FAILED)
     * @param notices run-wide notes known before the run
     * @param outputs the report (and tryback, unused) files
     */
    public RunResult run(String name, Iterator<SourceLine<C>> lines, List<String> notices, RunOutputs outputs) {
        Instant started = settings.clock().instant();
        outputs.open(name, List.of(), ';');
        Iterator<Slot<C>> slots = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Slot<C> next() {
                SourceLine<C> line = lines.next();
                if (line.done() != null) {
                    return Slot.failed(line.done());
                }
                return validated(line.command().ref(), line.command().command(), f -> f);
            }
        };
        return loop(name, slots, notices, started, outputs, null, List.of());
    }

    private RunResult loop(String name, Iterator<Slot<C>> slots, List<String> notices, Instant started,
                           RunOutputs outputs, RowSource remainder, List<String> header) {
        tell(l -> l.runStarted(kind, name, settings.dryRun()));
        Loop run = new Loop(name, slots, outputs, remainder, header);
        run.run();
        RunResult result = new RunResult(kind, name, run.status, settings.dryRun(), started,
                settings.clock().instant(), run.counts, run.kept, run.error, null, null, withWriterNotices(notices));
        return finish(result, outputs);
    }

    /**
     * One run of the loop: chunk after chunk read, written and reported until the lines end or the run stops; then
     * what was not written goes to the tryback file. Holds the chunk being written, the one read ahead, and what
     * came of the lines so far.
     */
    private final class Loop {
        private final String name;
        private final RunOutputs outputs;
        private final RowSource remainder;
        private final List<String> header;
        private final WriteContext context;
        private final List<Slot<C>> chunk = new ArrayList<>(settings.chunkSize());
        private final List<Slot<C>> next = new ArrayList<>(); // the chunk after, read before this one is written
        private final ReadAhead<Slot<C>> ahead;
        private final Iterator<Slot<C>> lines;
        private final List<LineResult> kept = new ArrayList<>();
        private Counts counts = Counts.ZERO;
        private List<LineRef> unwritten = List.of();
        private boolean stop;
        private RunStatus status = RunStatus.COMPLETED;
        private RunFailure error;

        Loop(String name, Iterator<Slot<C>> slots, RunOutputs outputs, RowSource remainder, List<String> header) {
            this.name = name;
            this.outputs = outputs;
            this.remainder = remainder;
            this.header = header;
            this.context = new WriteContext(settings.dryRun(), settings.clock(), settings.stopSignal());
            // a command file is read, mapped and validated on a thread of its own while the writer writes
            this.ahead = remainder == null ? null
                    : ReadAhead.start(slots, 2 * settings.chunkSize(), "moodle-sync reader of " + name);
            this.lines = ahead != null ? ahead : slots;
        }

        void run() {
            try {
                while (!stop && (!next.isEmpty() || lines.hasNext())) {
                    writeOneChunk();
                }
                if (stop) {
                    status = RunStatus.STOPPED;
                    outputs.notProcessed(unwritten);
                    // lines read but not written yet (the run was stopped while filling a chunk, or after one)
                    notProcessedRest();
                } else if (counts.failed() > 0) {
                    status = RunStatus.COMPLETED_WITH_ERRORS;
                }
            } catch (RuntimeException e) {
                // the run's result carries the failure (the command line prints it as one sentence): no stack trace
                // on the console, the trace only in the debug log
                LOG.info("run of {} stopped by an unexpected error: {}", name, e.getMessage());
                LOG.debug("run of {} stopped by an unexpected error", name, e);
                // nothing is lost: the chunk whose outcome is unknown and the unread lines go to the tryback file
                notProcessedRest();
                status = RunStatus.FAILED;
                error = RunFailure.of(e);
            }
            if (ahead != null) {
                ahead.stop(); // the reading thread has ended (it had, unless the loop broke off)
            }
        }

        /** Fills the chunk (after the one read ahead), writes it and reports its lines; sets stop when it must. */
        private void writeOneChunk() {
            chunk.addAll(next); // the chunk read ahead last time is this time's
            next.clear();
            if (fill(chunk, lines)) {
                stop = true; // asked to stop while the chunk was being filled
                return;
            }
            boolean stopWhileReadingAhead = readNextChunk();
            Written written = writeChunk(chunk, context);
            written.results().forEach(this::report);
            chunk.clear();
            outputs.flush();
            if (outputs.failure() != null) {
                stop = true; // a line must not be processed without its report and tryback lines
            }
            if (!written.notReached().isEmpty()) {
                // the writer stopped at a line boundary because the run was asked to stop
                unwritten = written.notReached();
                stop = true;
            }
            if (stopWhileReadingAhead || stopRequested()) {
                stop = true;
            }
        }

        /**
         * The writer is told of the next chunk before it writes this one (it may prepare it meanwhile): the next
         * chunk is read first, when this one is full and lines follow. True when the run was asked to stop meanwhile.
         */
        private boolean readNextChunk() {
            if (settings.stopOnError() || chunk.size() != settings.chunkSize() || !lines.hasNext()) {
                return false;
            }
            boolean stopped = fill(next, lines);
            if (!stopped) {
                announce(next, context);
            }
            return stopped;
        }

        /** A line's result counted, kept if it must be, written to the outputs and told to the listeners. */
        private void report(LineResult done) {
            LineResult result = located(done, header);
            counts = counts.plus(result.outcome());
            if (settings.retainAllLines() || result.failed()) {
                kept.add(result);
            }
            outputs.line(result);
            tell(l -> l.lineDone(result));
            if (result.failed()) {
                tell(l -> l.lineFailed(result));
                if (settings.stopOnError()) {
                    stop = true;
                }
            }
        }

        /** The lines of this chunk and the next, then those read ahead and never read: to the tryback file. */
        private void notProcessedRest() {
            outputs.notProcessed(chunk.stream().map(Slot::ref).toList());
            outputs.notProcessed(next.stream().map(Slot::ref).toList());
            notReached(ahead, remainder, outputs);
        }
    }

    /** Lines read ahead but not written, then lines never read: to the tryback file (the run stopped). */
    private static <C> void notReached(ReadAhead<Slot<C>> ahead, RowSource remainder, RunOutputs outputs) {
        List<LineRef> readAhead = ahead == null ? List.of() : ahead.stop().stream().map(Slot::ref).toList();
        if (remainder != null || !readAhead.isEmpty()) {
            outputs.notProcessed(readAhead, remainder);
        }
    }

    /** The header's notices followed by the writer's own (for example caches only Moodle can purge). */
    private List<String> withWriterNotices(List<String> notices) {
        List<String> fromWriter = writer.notices();
        if (fromWriter == null || fromWriter.isEmpty()) {
            return notices;
        }
        List<String> all = new ArrayList<>(notices);
        all.addAll(fromWriter);
        return all;
    }

    private boolean stopRequested() {
        return Thread.currentThread().isInterrupted() || settings.stopSignal().getAsBoolean();
    }

    private RunResult finish(RunResult result, RunOutputs outputs) {
        RunResult withFiles = outputs.close(result);
        tell(l -> l.runFinished(withFiles));
        return withFiles;
    }

    /** Calls every listener; one that throws is logged and stops neither the run nor the other listeners. */
    private void tell(Consumer<SyncListener> call) {
        for (SyncListener l : settings.listeners()) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed: {}", l.getClass().getName(), e.toString(), e);
            }
        }
    }

    /** A writer names the field of a failure; the file's header gives its column number. */
    private static LineResult located(LineResult result, List<String> header) {
        LineError e = result.error();
        if (e == null || e.column() > 0 || e.field() == null || !header.contains(e.field())) {
            return result;
        }
        return LineResult.failed(result.ref(), result.entity(), new LineError(e.source(), e.line(),
                header.indexOf(e.field()) + 1, e.field(), e.reason()));
    }

    /**
     * Reads lines into a chunk until it is full (one line when stopping on error) or the source ends. True when the
     * run was asked to stop meanwhile — checked after each line that neither fills the chunk nor ends the source (a
     * full chunk is written before the next check).
     */
    private boolean fill(List<Slot<C>> chunk, Iterator<Slot<C>> lines) {
        int size = settings.stopOnError() ? 1 : settings.chunkSize();
        while (chunk.size() < size && lines.hasNext()) {
            chunk.add(lines.next());
            if (chunk.size() < size && lines.hasNext() && stopRequested()) {
                return true;
            }
        }
        return false;
    }

    /** Tells the writer of the next chunk; a hint only, so a writer that fails at it does not stop the run. */
    private void announce(List<Slot<C>> next, WriteContext context) {
        List<CommandLine<C>> commands = commands(next);
        if (commands.isEmpty()) {
            return;
        }
        try {
            writer.upcoming(commands, context);
        } catch (RuntimeException e) {
            LOG.warn("the writer could not prepare the next chunk ({}); it will when it writes it", e.toString());
        }
    }

    /** The commands of a chunk (lines that failed to map or validate have none). */
    private static <C> List<CommandLine<C>> commands(List<Slot<C>> chunk) {
        List<CommandLine<C>> commands = new ArrayList<>(chunk.size());
        for (Slot<C> slot : chunk) {
            if (slot.command() != null) {
                commands.add(slot.command());
            }
        }
        return commands;
    }

    private Written writeChunk(List<Slot<C>> chunk, WriteContext context) {
        List<CommandLine<C>> commands = commands(chunk);
        List<LineResult> written = commands.isEmpty() ? List.of() : writer.write(commands, context);
        boolean partial = written.size() < commands.size() && context.stopRequested();
        if (written.size() != commands.size() && !partial) {
            throw new IllegalStateException("writer returned " + written.size() + " results for "
                    + commands.size() + " lines");
        }
        List<LineResult> results = new ArrayList<>(chunk.size());
        List<LineRef> notReached = new ArrayList<>();
        Iterator<LineResult> next = written.iterator();
        for (Slot<C> slot : chunk) {
            if (!notReached.isEmpty() || slot.command() != null && !next.hasNext()) {
                notReached.add(slot.ref());
            } else {
                results.add(slot.command() != null ? Secrets.mask(next.next(), slot.secrets()) : slot.failure());
            }
        }
        return new Written(results, notReached);
    }

    /** What became of a chunk: the results of the lines written, and the lines a stopping writer did not reach. */
    private record Written(List<LineResult> results, List<LineRef> notReached) {
    }

    private static <C> Slot<C> validated(LineRef ref, C command, java.util.function.Function<String, String> columns) {
        Optional<CommandValidator.Violation> violation = VALIDATOR.firstViolation(command);
        if (violation.isPresent()) {
            String property = violation.get().property();
            String column = columns.apply(property);
            return Slot.failed(LineResult.failed(ref, null,
                    new LineError(ref.source(), ref.line(), 0, column, violation.get().message())));
        }
        return Slot.of(new CommandLine<>(ref, command));
    }

    /**
     * A line on its way: a command to write, or a result already known (mapping or validation failed); with the
     * line's {@link Secrets}, masked in whatever result it gets.
     */
    private record Slot<C>(CommandLine<C> command, LineResult failure, List<String> secrets) {
        LineRef ref() {
            return command != null ? command.ref() : failure.ref();
        }

        static <C> Slot<C> of(CommandLine<C> command) {
            return new Slot<>(command, null, List.of());
        }

        static <C> Slot<C> failed(LineResult failure) {
            return new Slot<>(null, failure, List.of());
        }

        Slot<C> withSecrets(List<String> lineSecrets) {
            return lineSecrets.isEmpty() ? this : new Slot<>(command, failure == null ? null
                    : Secrets.mask(failure, lineSecrets), lineSecrets);
        }
    }

    /** Maps and validates rows lazily, one by one, as the loop asks for them; then the lines given after them. */
    private static final class RowSlots<C> implements Iterator<Slot<C>> {
        private final RowSource source;
        private final FileLayout<C> layout;
        private final Iterator<CommandLine<C>> after;

        RowSlots(RowSource source, FileLayout<C> layout, Iterator<CommandLine<C>> after) {
            this.source = source;
            this.layout = layout;
            this.after = after;
        }

        @Override
        public boolean hasNext() {
            return source.hasNext() || after.hasNext();
        }

        @Override
        public Slot<C> next() {
            if (!source.hasNext()) {
                CommandLine<C> line = after.next();
                return validated(line.ref(), line.command(), f -> f);
            }
            InputRow row;
            try {
                row = source.next();
            } catch (InputFormatException e) {
                LineRef ref = new LineRef(source.name(), e.line(), e.rawText());
                return Slot.failed(LineResult.failed(ref, null,
                        new LineError(source.name(), e.line(), e.column(), null, reasonOf(e))));
            }
            return slot(row).withSecrets(Secrets.of(row));
        }

        private Slot<C> slot(InputRow row) {
            LineRef ref = new LineRef(row.source(), row.lineNumber(), row.rawText());
            if (row.values().size() > row.header().size()) {
                return Slot.failed(LineResult.failed(ref, null, new LineError(row.source(), row.lineNumber(),
                        row.header().size() + 1, null, row.values().size() + " values found, "
                        + row.header().size() + " expected (as many as header columns)")));
            }
            for (int i = 0; i < row.values().size(); i++) {
                String value = row.values().get(i);
                int at = controlCharacter(value);
                if (at >= 0) {
                    String column = i < row.header().size() ? row.header().get(i) : null;
                    return Slot.failed(LineResult.failed(ref, null, new LineError(row.source(), row.lineNumber(),
                            i + 1, column, String.format("control character U+%04X at character %d of the value: "
                            + "not allowed in a value", (int) value.charAt(at), at + 1))));
                }
            }
            C command;
            try {
                command = layout.mapper().map(row);
            } catch (LineFailure f) {
                int column = f.column() == null ? 0 : row.columnNumber(f.column());
                return Slot.failed(LineResult.failed(ref, null,
                        new LineError(row.source(), row.lineNumber(), column, f.column(), f.reason())));
            } catch (InvalidCommandException e) {
                // the builder checked the command: the same violation the validation below would find
                String column = layout.columnOfField().apply(e.field());
                return Slot.failed(LineResult.failed(ref, null, new LineError(row.source(), row.lineNumber(),
                        row.columnNumber(column), column, e.problem())));
            } catch (RuntimeException e) {
                // a mapper's bug must not end the run: the line fails alone, and the cause is logged
                LOG.warn("{}:{}: unexpected error while reading the line", row.source(), row.lineNumber(), e);
                return Slot.failed(LineResult.failed(ref, null, new LineError(row.source(), row.lineNumber(), 0,
                        null, UNEXPECTED + e.getClass().getSimpleName())));
            }
            Slot<C> slot = validated(ref, command, layout.columnOfField());
            if (slot.failure() != null) {
                LineError e = slot.failure().error();
                LineError located = new LineError(e.source(), e.line(), row.columnNumber(e.field()), e.field(),
                        e.reason());
                return Slot.failed(LineResult.failed(ref, null, located));
            }
            return slot;
        }

        /**
         * The index of the first control character of a value that no Moodle column should hold (C0 controls but
         * tab, line feed and carriage return, and DEL; NUL cannot even be stored by PostgreSQL), or -1.
         */
        private static int controlCharacter(String value) {
            if (value == null) {
                return -1;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                    return i;
                }
            }
            return -1;
        }

        private static String reasonOf(InputFormatException e) {
            String message = e.getMessage();
            int cut = message.indexOf(": ");
            return cut > 0 ? message.substring(cut + 2) : message;
        }
    }
}
