package org.moodlesync.jooq.internal.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.result.LineRef;

/**
 * Runs the transaction of one chunk, trying it again when it failed for a reason that is not the rows' fault
 * ({@link DatabaseFailures}):
 * <ul>
 *   <li>a deadlock, serialization failure or lock wait timeout: up to {@value #CONFLICT_ATTEMPTS} attempts in all,
 *       after a short random pause; if it still loses, the failure goes to the caller (which then writes the chunk
 *       line by line, each line retried the same way);</li>
 *   <li>a lost connection, or none to be had from the pool: one more attempt on a new connection (none when the
 *       database stopped answering, a read timed out: that already took the whole timeout); if that fails too, the run cannot go on: a {@link SyncException} says which lines were concerned, and the pipeline ends
 *       the run {@code FAILED} with those lines and all the following ones in the tryback file;</li>
 *   <li>anything else goes to the caller at once.</li>
 * </ul>
 * A retry is safe because the chunk's transaction was rolled back as a whole and the writer plans the chunk anew
 * from what the database holds.
 */
public final class ChunkRetry {

    /** Attempts of a chunk that keeps losing races. */
    public static final int CONFLICT_ATTEMPTS = 4;
    /** Attempts of a chunk whose connection is lost. */
    public static final int CONNECTION_ATTEMPTS = 2;

    private ChunkRetry() {
    }

    /**
     * Runs {@code transaction}, retrying as described above.
     *
     * @param first the chunk's first line (for the message of a lost connection)
     * @param last  its last line
     * @throws DataAccessException the failure of a transaction that is not retried, or still fails
     * @throws SyncException       when the connection stays lost
     */
    public static <T> T run(LineRef first, LineRef last, Supplier<T> transaction) {
        int conflicts = 0;
        int connections = 0;
        while (true) {
            try {
                return transaction.get();
            } catch (DataAccessException e) {
                DatabaseFailures.Kind kind = DatabaseFailures.classify(e);
                if (kind == DatabaseFailures.Kind.CONFLICT && ++conflicts < CONFLICT_ATTEMPTS) {
                    pause(conflicts, e);
                } else if (kind == DatabaseFailures.Kind.CONNECTION) {
                    // a silent network already cost a whole timeout: a second attempt would wait as long again
                    if (++connections >= CONNECTION_ATTEMPTS || silent(e)) {
                        throw new SyncException(RunFailure.Kind.CONNECTION_LOST,
                                "the database connection is lost (or none can be had) while writing "
                                + lines(first, last) + ": " + DatabaseFailures.rootMessage(e) + "; the outcome of "
                                + "these lines is unknown: they and the lines after them are in the tryback file, "
                                + "and a rerun completes the job", e);
                    }
                    pause(connections, e);
                } else {
                    throw e;
                }
            }
        }
    }

    /** True when the database stopped answering (a read timed out), as opposed to a connection that broke. */
    private static boolean silent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String lines(LineRef first, LineRef last) {
        if (first.line() == last.line()) {
            return first.source() + " line " + first.line();
        }
        return first.source() + " lines " + first.line() + "-" + last.line();
    }

    private static void pause(int attempt, RuntimeException failure) {
        long millis = 20L * attempt + ThreadLocalRandom.current().nextLong(30L * attempt);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
