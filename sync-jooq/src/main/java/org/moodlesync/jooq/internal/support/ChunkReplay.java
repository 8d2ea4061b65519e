package org.moodlesync.jooq.internal.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.WriteContext;

/**
 * How a writer that writes a chunk set-wise keeps failures to the line: the chunk goes in one transaction, tried again
 * by {@link ChunkRetry} when it loses a race or its connection; when the database refuses it, it is rolled back and
 * replayed line by line, each line in a transaction of its own, so that the line the database refuses fails alone and
 * the others are written. A replay stops at a line boundary once the run is asked to stop (the lines not reached go
 * to the tryback file).
 */
public final class ChunkReplay {

    private ChunkReplay() {
    }

    /**
     * Writes a chunk as described above.
     *
     * @param chunk       the lines
     * @param context     the run (its stop signal)
     * @param transaction writes lines in a transaction of its own and returns what it did (not yet counted anywhere:
     *                    it may be rolled back and run again)
     * @param committed   what the writer does once a transaction is committed; gives the lines' results
     * @param refused     the result of a single line the database refuses, given the reason
     * @param <C>         the command type
     * @param <T>         what a transaction returns
     * @return the results of the lines written or failed, in file order
     */
    public static <C, T> List<LineResult> write(List<CommandLine<C>> chunk, WriteContext context,
                                                Function<List<CommandLine<C>>, T> transaction,
                                                Function<T, List<LineResult>> committed,
                                                BiFunction<CommandLine<C>, String, LineResult> refused) {
        T done;
        try {
            done = ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(),
                    () -> transaction.apply(chunk));
        } catch (DataAccessException e) {
            if (chunk.size() == 1) {
                return List.of(refused.apply(chunk.get(0), "the database refused the line: "
                        + DatabaseFailures.rootMessage(e)));
            }
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (CommandLine<C> line : chunk) {
                if (!results.isEmpty() && context.stopRequested()) {
                    break;
                }
                results.addAll(write(List.of(line), context, transaction, committed, refused));
            }
            return results;
        }
        return committed.apply(done);
    }

    /**
     * {@link #write(List, WriteContext, Function, Function, BiFunction)} for a writer whose chunk transaction gives
     * the lines' results: each transaction on {@code dsl}, {@code afterCommit} run after each commit (statistics).
     */
    public static <C> List<LineResult> write(DSLContext dsl, List<CommandLine<C>> chunk, WriteContext context,
                                             BiFunction<DSLContext, List<CommandLine<C>>, List<LineResult>> writeChunk,
                                             Runnable afterCommit,
                                             BiFunction<CommandLine<C>, String, LineResult> refused) {
        return write(chunk, context, part -> dsl.transactionResult(cfg -> writeChunk.apply(DSL.using(cfg), part)),
                results -> {
                    afterCommit.run();
                    return results;
                }, refused);
    }
}
