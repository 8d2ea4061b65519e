package org.moodlesync.core.internal.feed;

import java.util.List;
import org.moodlesync.api.source.RowSource;

/**
 * A run of command lines as a full feed, as the command-file step drives it: the file's keys read first, then the
 * plan made before anything is written.
 *
 * @param <C> the command type
 */
public interface FullFeed<C> {

    /**
     * The keys a file lists (its header already checked).
     *
     * @param rows the file's rows
     * @return the keys
     */
    FeedKeys keys(RowSource rows);

    /**
     * The keys of commands built in code.
     *
     * @param commands the commands
     * @return the keys
     */
    FeedKeys keys(List<C> commands);

    /**
     * Compares the keys with the scope.
     *
     * @param keys what the input lists
     * @return the plan
     * @throws org.moodlesync.api.SyncException when the feed cannot run
     */
    FeedPlan<C> plan(FeedKeys keys);
}
