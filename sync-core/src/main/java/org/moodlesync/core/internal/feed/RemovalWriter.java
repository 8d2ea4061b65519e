package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.List;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;

/**
 * The enrolment writer of a full feed: the file's lines go through as they are; a removal line's unenrolment is
 * {@link Outcome#REMOVED}, its suspension {@link Outcome#SUSPENDED}. With roles removed too, a suspension line is
 * followed by a role-only removal of the user's manual roles in the course, reported as one line.
 */
final class RemovalWriter implements CommandWriter<EnrolCommand> {

    private final CommandWriter<EnrolCommand> writer;
    private final boolean removeRoles;
    private final List<String> notices;
    private final java.util.function.Function<String, List<UndoFile.Line>> undoLines;
    private final UndoFile undo;
    private String undoFailure;

    /**
     * @param undoLines the undo lines of a removal line, by its key
     * @param undo      the undo file, or null for none
     */
    RemovalWriter(CommandWriter<EnrolCommand> writer, boolean removeRoles, List<String> notices,
                  java.util.function.Function<String, List<UndoFile.Line>> undoLines, UndoFile undo) {
        this.writer = writer;
        this.removeRoles = removeRoles;
        this.notices = List.copyOf(notices);
        this.undoLines = undoLines;
        this.undo = undo;
    }

    @Override
    public List<LineResult> write(List<CommandLine<EnrolCommand>> chunk, WriteContext context) {
        List<CommandLine<EnrolCommand>> lines = new ArrayList<>(chunk.size());
        for (CommandLine<EnrolCommand> line : chunk) {
            lines.add(line);
            if (removeRoles && isRemoval(line)) {
                EnrolCommand c = line.command();
                lines.add(new CommandLine<>(line.ref(), EnrolCommand.builder().action(EnrolAction.DELETE)
                        .user(c.user()).course(c.course()).roleOnly().build()));
            }
        }
        List<LineResult> written = writer.write(lines, context);
        List<LineResult> results = new ArrayList<>(chunk.size());
        List<UndoFile.Line> toUndo = new ArrayList<>();
        int at = 0;
        for (CommandLine<EnrolCommand> line : chunk) {
            if (at >= written.size()) {
                break; // the writer stopped (the run was asked to stop): the rest was not reached
            }
            LineResult first = written.get(at++);
            if (!isRemoval(line)) {
                results.add(first);
                continue;
            }
            LineResult roles = removeRoles && at < written.size() ? written.get(at++) : null;
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

    private static boolean isRemoval(CommandLine<EnrolCommand> line) {
        return line.ref().line() == 0 && line.ref().key() != null
                && line.ref().key().startsWith(EnrolFeedRun.ABSENT);
    }

    /** A removal's result, from its unenrolment or suspension and, with roles removed, their removal. */
    private static LineResult removal(LineResult first, LineResult roles) {
        if (first.failed()) {
            return first;
        }
        if (roles != null && roles.failed()) {
            return roles;
        }
        Outcome outcome = switch (first.outcome()) {
            case DELETED -> Outcome.REMOVED;
            case UPDATED -> Outcome.SUSPENDED;
            default -> roles != null && roles.outcome() == Outcome.DELETED ? Outcome.SUSPENDED : first.outcome();
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
    public void upcoming(List<CommandLine<EnrolCommand>> next, WriteContext context) {
        writer.upcoming(next, context);
    }

    /** The feed's notices, the undo file's (written, or why not), then the kind writer's. */
    @Override
    public List<String> notices() {
        List<String> all = new ArrayList<>(notices);
        if (undoFailure != null) {
            all.add("the undo file could not be written: " + undoFailure);
        } else if (undo != null && undo.file() != null) {
            all.add("undo file: " + undo.file() + " (run it as an enrolment file to put back what this run removed)");
        }
        all.addAll(writer.notices());
        return all;
    }
}
