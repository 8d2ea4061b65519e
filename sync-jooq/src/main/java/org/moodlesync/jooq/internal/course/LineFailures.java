package org.moodlesync.jooq.internal.course;

import org.jooq.exception.DataAccessException;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.jooq.internal.support.DatabaseFailures;

/** The failed results of the course-file writers' lines (deletes, resets, metas). */
final class LineFailures {

    private LineFailures() {
    }

    /** A line the writer refused, naming the column. */
    static LineResult rejected(LineRef ref, String entity, LineRejected e) {
        return LineResult.failed(ref, entity, new LineError(ref.source(), ref.line(), 0, e.column(), e.getMessage()));
    }

    /**
     * A line the database refused. A lost race or connection is not the line's but the chunk's (InnoDB rolls the
     * whole transaction back on a deadlock): it is thrown again, for the chunk to be tried again.
     */
    static LineResult refused(LineRef ref, String entity, DataAccessException e) {
        if (DatabaseFailures.classify(e) != DatabaseFailures.Kind.REFUSED) {
            throw e;
        }
        return LineResult.failed(ref, entity, new LineError(ref.source(), ref.line(), 0, null,
                "the database refused the line: " + DatabaseFailures.rootMessage(e)));
    }
}
