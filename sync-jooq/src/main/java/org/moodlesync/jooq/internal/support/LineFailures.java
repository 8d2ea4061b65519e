package org.moodlesync.jooq.internal.support;

import org.jooq.exception.DataAccessException;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;

/** The failed results of the writers' lines: refused by the writer ({@link LineRejected}) or by the database. */
public final class LineFailures {

    private LineFailures() {
    }

    /** A line that fails for {@code reason}, naming {@code column} (or none, when null). */
    public static LineResult failed(LineRef ref, String entity, String column, String reason) {
        return LineResult.failed(ref, entity, new LineError(ref.source(), ref.line(), 0, column, reason));
    }

    /** A line the writer refused, naming the column. */
    public static LineResult rejected(LineRef ref, String entity, LineRejected e) {
        return failed(ref, entity, e.column(), e.getMessage());
    }

    /**
     * A line the database refused (a constraint, a value too long…). A lost race or connection is not the line's but
     * the chunk's (InnoDB rolls the whole transaction back on a deadlock): it is thrown again, for the chunk to be
     * tried again.
     */
    public static LineResult refused(LineRef ref, String entity, DataAccessException e) {
        if (DatabaseFailures.classify(e) != DatabaseFailures.Kind.REFUSED) {
            throw e;
        }
        return failed(ref, entity, null, "the database refused the line: " + DatabaseFailures.rootMessage(e));
    }
}
