package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;

/**
 * The writer of a full feed's run, around its kind's writer: the file's lines go through as they are; a removal
 * line's deletion is {@link Outcome#REMOVED}, its suspension (an update) {@link Outcome#SUSPENDED}. A removal line
 * may be followed by a companion line (the role-only removal of an enrolment suspended without its roles), reported
 * with it as one line.
 *
 * @param <C> the command type
 */
final class RemovalWriter<C> implements CommandWriter<C> {

    private final CommandWriter<C> writer;
    private final UnaryOperator<CommandLine<C>> companion;
    private final List<String> notices;
    private final Function<String, List<UndoFile.Line>> undoLines;
    private final UndoFile undo;
    private final String undoKind;
    private final Outcome dropOutcome;
    private String undoFailure;

    /**
     * @param companion the line that follows each removal line, or null for none
     * @param undoLines the undo lines of a removal line, by its key
     * @param undo      the undo file, or null for none
     * @param undoKind    the kind the undo file is run as ({@code enrolments})
     * @param dropOutcome what a removal line that changed something is ({@link Outcome#REMOVED} or
     *                    {@link Outcome#SUSPENDED}), whatever the kind's writer called it (a cohort member's removal
     *                    updates its cohort)
     */
    RemovalWriter(CommandWriter<C> writer, UnaryOperator<CommandLine<C>> companion, List<String> notices,
                  Function<String, List<UndoFile.Line>> undoLines, UndoFile undo, String undoKind,
                  Outcome dropOutcome) {
        this.dropOutcome = dropOutcome;
        this.writer = writer;
        this.companion = companion;
        this.notices = List.copyOf(notices);
        this.undoLines = undoLines;
        this.undo = undo;
        this.undoKind = undoKind;
    }

    @Override
    public List<LineResult> write(List<CommandLine<C>> chunk, WriteContext context) {
        List<CommandLine<C>> lines = new ArrayList<>(chunk.size());
        for (CommandLine<C> line : chunk) {
            lines.add(line);
            if (companion != null && isRemoval(line)) {
                lines.add(companion.apply(line));
            }
        }
        List<LineResult> written = writer.write(lines, context);
        List<LineResult> results = new ArrayList<>(chunk.size());
        List<UndoFile.Line> toUndo = new ArrayList<>();
        int at = 0;
        for (CommandLine<C> line : chunk) {
            if (at >= written.size()) {
                break; // the writer stopped (the run was asked to stop): the rest was not reached
            }
            LineResult first = written.get(at++);
            if (!isRemoval(line)) {
                results.add(first);
                continue;
            }
            LineResult roles = companion != null && at < written.size() ? written.get(at++) : null;
            LineResult result = removal(first, roles);
            if (!result.failed() && !context.dryRun() && result.outcome() != Outcome.UNCHANGED) {
                toUndo.addAll(undoLines.apply(line.ref().key()));
            }
            results.add(result);
        }
        if (undo != null && undoFailure == null) {
            try {
                undo.append(toUndo);
            } catch (RuntimeException e) {
                undoFailure = e.getMessage(); // the removals are done: the run goes on, and says so
            }
        }
        return results;
    }

    private static boolean isRemoval(CommandLine<?> line) {
        return line.ref().line() == 0 && line.ref().key() != null
                && line.ref().key().startsWith(ScopedFeedRun.ABSENT);
    }

    /** A removal's result, from its deletion or suspension and its companion line's. */
    private LineResult removal(LineResult first, LineResult roles) {
        if (first.failed()) {
            return first;
        }
        if (roles != null && roles.failed()) {
            return roles;
        }
        Outcome outcome = switch (first.outcome()) {
            case DELETED, UPDATED -> dropOutcome;
            default -> roles != null && roles.outcome() == Outcome.DELETED ? dropOutcome : first.outcome();
        };
        List<FieldChange> changes = new ArrayList<>(first.changes());
        List<String> messages = new ArrayList<>(first.messages());
        messages.add(0, "not listed by the feed");
        if (roles != null) {
            changes.addAll(roles.changes());
            messages.addAll(roles.messages().stream().filter(m -> !m.startsWith("not enrolled")).toList());
        }
        return new LineResult(first.ref(), first.entity(), outcome, first.dryRun(), changes, messages, null);
    }

    @Override
    public void upcoming(List<CommandLine<C>> next, WriteContext context) {
        writer.upcoming(next, context);
    }

    /** The feed's notices, the undo file's (written, or why not), then the kind writer's. */
    @Override
    public List<String> notices() {
        List<String> all = new ArrayList<>(notices);
        if (undoFailure != null) {
            all.add("the undo file could not be written: " + undoFailure);
        } else if (undo != null && undo.file() != null) {
            all.add("undo file: " + undo.file() + " (run it as a file of " + undoKind
                    + ", with this run's identifiers (--user-by, --course-by, …), to put back what this run removed)");
        }
        all.addAll(writer.notices());
        return all;
    }
}
