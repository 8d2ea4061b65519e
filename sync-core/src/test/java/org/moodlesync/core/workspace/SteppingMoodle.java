package org.moodlesync.core.workspace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.MoodleBackend;
import org.moodlesync.api.spi.WriteContext;

/**
 * A test backend whose users writer writes line by line, as the jOOQ writer does: before each line but the first
 * of a chunk it honours the run's stop signal, and it calls a hook with the number of lines written so far (to
 * stop the run, or block it, at a chosen line).
 */
final class SteppingMoodle implements MoodleBackend {

    final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final IntConsumer beforeLine;

    SteppingMoodle(IntConsumer beforeLine) {
        this.beforeLine = beforeLine;
    }

    @Override
    public CommandWriter<UserCommand> users(UserSyncOptions options) {
        return this::write;
    }

    private List<LineResult> write(List<CommandLine<UserCommand>> chunk, WriteContext context) {
        List<LineResult> results = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            beforeLine.accept(written.size());
            if (i > 0 && context.stopRequested()) {
                break;
            }
            CommandLine<UserCommand> line = chunk.get(i);
            written.add(line.command().username());
            results.add(LineResult.of(line.ref(), "user " + line.command().username(), Outcome.CREATED,
                    context.dryRun(), List.of(new FieldChange("username", null, line.command().username())),
                    List.of()));
        }
        return results;
    }
}
