package org.moodlesync.core.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.WriteContext;

/**
 * An in-memory Moodle for engine-only tests (part of the test kit, see {@code docs/test-kit.md}): it writes
 * nothing anywhere, so a host application can test how it drives {@link org.moodlesync.core.SyncEngine} (the
 * commands it builds, the options, chunking, dry runs, how it handles failed lines) without a database. It
 * implements the users kind only; the other kinds throw {@link UnsupportedOperationException} as
 * {@link MoodleBackend}'s defaults do.
 *
 * <p>Its users writer records every chunk it is handed (commands and write
 * context) and answers each line with the outcome a rule gives (CREATED unless told otherwise). A FAILED answer
 * carries a {@link LineError} naming {@link #failingField(String) a field}; a writer can also be told to throw on
 * its n-th call, or to return one result too few.
 */
public final class FakeMoodle implements MoodleBackend {

    /** The reason of lines the rule fails. */
    public static final String REJECTED = "rejected by the test backend";

    private final List<List<CommandLine<UserCommand>>> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<WriteContext> contexts = Collections.synchronizedList(new ArrayList<>());
    private final List<UserSyncOptions> options = Collections.synchronizedList(new ArrayList<>());
    private Function<UserCommand, Outcome> rule = c -> Outcome.CREATED;
    private String failingField;
    private int throwOnCall;
    private boolean dropLastResult;
    private boolean throwOnUpcoming;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** A backend that creates every user. */
    public static FakeMoodle creatingEveryone() {
        return new FakeMoodle();
    }

    /** A backend answering each command with the outcome of this rule. */
    public static FakeMoodle answering(Function<UserCommand, Outcome> rule) {
        FakeMoodle fake = new FakeMoodle();
        fake.rule = rule;
        return fake;
    }

    /** Failed lines name this field in their error (null: none). */
    public FakeMoodle failingField(String field) {
        this.failingField = field;
        return this;
    }

    /** The writer throws an {@link IllegalStateException} on its n-th call (1-based), instead of writing. */
    public FakeMoodle throwingOnCall(int n) {
        this.throwOnCall = n;
        return this;
    }

    /** The writer breaks the SPI contract: one result fewer than lines. */
    public FakeMoodle droppingLastResult() {
        this.dropLastResult = true;
        return this;
    }

    /** The writer throws when told of the next chunk ({@link CommandWriter#upcoming}). */
    public FakeMoodle throwingOnUpcoming() {
        this.throwOnUpcoming = true;
        return this;
    }

    @Override
    public CommandWriter<UserCommand> users(UserSyncOptions userOptions) {
        options.add(userOptions);
        return new CommandWriter<>() {
            @Override
            public List<LineResult> write(List<CommandLine<UserCommand>> chunk, WriteContext context) {
                return FakeMoodle.this.write(chunk, context);
            }

            @Override
            public void upcoming(List<CommandLine<UserCommand>> next, WriteContext context) {
                events.add("upcoming " + lineNumbers(next));
                if (throwOnUpcoming) {
                    throw new IllegalStateException("cannot prepare");
                }
            }
        };
    }

    private static List<Long> lineNumbers(List<CommandLine<UserCommand>> lines) {
        return lines.stream().map(l -> l.ref().line()).toList();
    }

    private List<LineResult> write(List<CommandLine<UserCommand>> chunk, WriteContext context) {
        events.add("write " + lineNumbers(chunk));
        calls.add(List.copyOf(chunk));
        contexts.add(context);
        if (throwOnCall == calls.size()) {
            throw new IllegalStateException("database connection lost (call " + calls.size() + ")");
        }
        List<LineResult> results = new ArrayList<>(chunk.size());
        for (CommandLine<UserCommand> line : chunk) {
            UserCommand c = line.command();
            String entity = "user " + c.username();
            Outcome outcome = rule.apply(c);
            if (outcome == Outcome.FAILED) {
                results.add(LineResult.failed(line.ref(), entity,
                        new LineError(line.ref().source(), line.ref().line(), 0, failingField, REJECTED)));
            } else {
                List<FieldChange> changes = new ArrayList<>();
                if (outcome == Outcome.CREATED) {
                    changes.add(new FieldChange("username", null, c.username()));
                }
                if (c.password() != null && outcome.writes()) {
                    changes.add(FieldChange.secret("password", outcome != Outcome.CREATED));
                }
                results.add(LineResult.of(line.ref(), entity, outcome, context.dryRun(), changes, List.of()));
            }
        }
        if (dropLastResult && !results.isEmpty()) {
            results.remove(results.size() - 1);
        }
        return results;
    }

    /** How many times the writer was called. */
    public int callCount() {
        return calls.size();
    }

    /** The chunks handed to the writer, in order. */
    public List<List<CommandLine<UserCommand>>> calls() {
        return List.copyOf(calls);
    }

    /** The size of each chunk handed to the writer. */
    public List<Integer> chunkSizes() {
        return calls().stream().map(List::size).toList();
    }

    /** The line numbers of each chunk handed to the writer. */
    public List<List<Long>> chunkLines() {
        return calls().stream().map(chunk -> chunk.stream().map(l -> l.ref().line()).toList()).toList();
    }

    /** Every command handed to the writer, in order. */
    public List<UserCommand> written() {
        return calls().stream().flatMap(List::stream).map(CommandLine::command).toList();
    }

    /** The usernames of every command handed to the writer, in order. */
    public List<String> writtenUsernames() {
        return written().stream().map(UserCommand::username).toList();
    }

    /** What the writer was told, in order: "upcoming [lines]" and "write [lines]". */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** The write context of each call. */
    public List<WriteContext> contexts() {
        return List.copyOf(contexts);
    }

    /** The options each writer was made with. */
    public List<UserSyncOptions> options() {
        return List.copyOf(options);
    }
}
