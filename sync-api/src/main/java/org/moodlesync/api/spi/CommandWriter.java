package org.moodlesync.api.spi;

import java.util.List;
import org.moodlesync.api.result.LineResult;

/**
 * Writes commands of one kind to a Moodle (the writer SPI, one per aggregate).
 *
 * <p>The engine hands over chunks of lines in file order. A writer resolves what it needs for the whole chunk at
 * once (no per-line round trips where it can be helped), writes, and returns exactly one {@link LineResult} per
 * line, in the same order. A failing line must leave nothing of itself behind and must not make the other lines
 * of the chunk fail: the writer isolates it (transaction per line on retry, savepoints, …).
 *
 * @param <C> the command type
 */
@FunctionalInterface
public interface CommandWriter<C> {

    /**
     * Writes one chunk.
     *
     * @param chunk   the lines, in file order
     * @param context dry run flag and clock
     * @return one result per line, same order
     */
    List<LineResult> write(List<CommandLine<C>> chunk, WriteContext context);

    /**
     * The lines of the chunk that comes after the one about to be written, handed over just before that
     * {@link #write} call: a writer may begin CPU work for them in the background while it writes (the users writer
     * hashes their passwords). A hint only: the writer must not write them here nor count on this call — the run
     * may stop before they are written, and a chunk may reach {@link #write} without it (or, replayed, in other
     * parts). Called from the thread that calls {@link #write}. Nothing by default.
     *
     * @param next    the next chunk's lines, in file order
     * @param context dry run flag and clock
     */
    default void upcoming(List<CommandLine<C>> next, WriteContext context) {
    }

    /**
     * Run-wide notes the writer gathered while writing (for example caches that only Moodle can purge), asked once
     * when the run ends and added to the run result's notices. None by default.
     *
     * @return the notes, one sentence each
     */
    default List<String> notices() {
        return List.of();
    }
}
