package org.moodlesync.core.internal.pipeline;

import java.util.Objects;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;

/**
 * One line of a source that is not a command file (an archive entry, an image handed over by the host): either a
 * command to validate and write, or a line whose outcome is already known (it failed to read, or is skipped).
 * See {@link SyncPipeline#run(String, java.util.Iterator, java.util.List, org.moodlesync.core.internal.report.RunOutputs)}.
 *
 * @param command the command to write, or null
 * @param done    the line's result when it is not written, or null
 * @param <C>     the command type
 */
public record SourceLine<C>(CommandLine<C> command, LineResult done) {

    public SourceLine {
        if ((command == null) == (done == null)) {
            throw new IllegalArgumentException("a source line is either a command or a result");
        }
    }

    /** A command to write. */
    public static <C> SourceLine<C> of(CommandLine<C> command) {
        return new SourceLine<>(Objects.requireNonNull(command, "command"), null);
    }

    /** A line with its result already known (failed or skipped): nothing to write. */
    public static <C> SourceLine<C> done(LineResult result) {
        return new SourceLine<>(null, Objects.requireNonNull(result, "result"));
    }
}
