package org.moodlesync.core.internal.feed;

import java.util.List;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;

/**
 * What a full feed's run does about its scope, decided before anything is written.
 *
 * @param <C> the command type
 */
public interface FeedPlan<C> {

    /** {@return why the run is refused (over the removal limit), or null} */
    RunFailure refusal();

    /**
     * What a refused run would have removed, as dry-run lines.
     *
     * @param source the run's source name
     * @return the lines
     */
    List<LineResult> refusedLines(String source);

    /** {@return the columns of the undo file} */
    List<String> undoHeader();

    /** {@return the feed's notes} */
    List<String> notices();

    /**
     * The removal lines, run after the input's own.
     *
     * @param source the run's source name
     * @return the lines
     */
    List<CommandLine<C>> removalLines(String source);

    /**
     * The run's writer around the kind's writer: it reports removals as such and writes their undo lines.
     *
     * @param writer the kind's writer
     * @param undo   the undo file, or null for none
     * @return the writer of the feed's run
     */
    CommandWriter<C> writer(CommandWriter<C> writer, UndoFile undo);

    /**
     * After the run: the ownership records; the undo file closed.
     *
     * @param result the run's result
     * @param keys   what the input lists
     * @return the result with the undo file
     */
    RunResult finish(RunResult result, FeedKeys keys);
}
