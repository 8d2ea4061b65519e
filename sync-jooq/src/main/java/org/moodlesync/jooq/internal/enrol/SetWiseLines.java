package org.moodlesync.jooq.internal.enrol;

import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.internal.support.TableStatistics;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.jooq.internal.support.WriteNow;

/**
 * Applies the lines of one chunk, in file order, in the chunk's transaction. A line first runs gathering its plain
 * adds (new enrolments, role assignments, memberships) into the chunk's {@link ChunkWrites}, written set-wise before
 * any line that must write at once and at the end of the chunk ({@link #flush}). A line that comes to another write
 * (update, delete, new group) is applied again in a savepoint of its own, after the gathered writes are flushed. A
 * dry run gathers nothing and needs no savepoint. A line refused by the writer fails alone, nothing of it written.
 *
 * <p>A database failure outside a line's savepoint (a gathered write, a read) throws: the caller rolls the chunk back
 * and replays it line by line.
 */
public final class SetWiseLines {

    private final DSLContext tx;
    private final EnrolSite site;
    private final EnrolState state;
    private final long now;
    private final boolean dryRun;
    private final boolean markDirty;
    private final ChunkWrites writes;

    /**
     * @param tx        the chunk's transaction
     * @param state     the chunk's state
     * @param markDirty whether users whose access changed are marked dirty ({@code accesslib/dirtyusers})
     * @param statistics told of the rows the chunk inserts
     */
    public SetWiseLines(DSLContext tx, EnrolSite site, EnrolState state, long now, boolean dryRun,
                        boolean markDirty, TableStatistics statistics) {
        this.writes = new ChunkWrites(statistics);
        this.tx = tx;
        this.site = site;
        this.state = state;
        this.now = now;
        this.dryRun = dryRun;
        this.markDirty = markDirty;
    }

    /** Applies one line; {@code body} does what the line says on its {@link LineWork} and may run twice. */
    public LineResult apply(LineRef ref, String entity, Function<LineWork, Outcome> body) {
        try {
            EnrolState.Line view = state.begin();
            ChunkWrites.Line pending = dryRun ? null : writes.begin();
            LineWork w = new LineWork(tx, view, now, dryRun, "", pending);
            try {
                Outcome outcome = body.apply(w);
                view.commit();
                if (pending != null) {
                    writes.add(pending, markDirty ? w.dirtyUsers() : Set.of(), now);
                }
                return LineResult.of(ref, entity, outcome, dryRun, w.changes(), w.messages());
            } catch (WriteNow e) {
                // applied again below, writing as it goes
            }
            return inSavepoint(ref, entity, body);
        } catch (LineRejected e) {
            return LineFailures.rejected(ref, entity, e);
        }
    }

    private LineResult inSavepoint(LineRef ref, String entity, Function<LineWork, Outcome> body) {
        writes.flush(tx, site.config(), state);
        EnrolState.Line view = state.begin();
        try {
            Done done = tx.transactionResult(savepoint -> {
                LineWork w = new LineWork(DSL.using(savepoint), view, now, false, "");
                Outcome outcome = body.apply(w);
                if (markDirty) {
                    w.finish(site);
                }
                return new Done(w, outcome);
            });
            view.commit();
            return LineResult.of(ref, entity, done.outcome(), false, done.work().changes(), done.work().messages());
        } catch (DataAccessException e) {
            return LineFailures.refused(ref, entity, e);
        }
    }

    /** Writes the gathered writes: at the end of the chunk. */
    public void flush() {
        writes.flush(tx, site.config(), state);
    }

    private record Done(LineWork work, Outcome outcome) {
    }
}
