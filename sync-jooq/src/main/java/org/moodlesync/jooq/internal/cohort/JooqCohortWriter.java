package org.moodlesync.jooq.internal.cohort;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortSyncOptions;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.support.ChunkReplay;
import org.moodlesync.jooq.internal.support.ChunkRetry;
import org.moodlesync.jooq.internal.support.LineApplied;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.internal.support.TableStatistics;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.WriteNow;

/**
 * The cohorts writer: one transaction per chunk; the chunk's cohorts, users, their memberships of those cohorts and
 * the cohorts' bindings loaded with one query each. Lines are applied in file order: a plain member add (an
 * {@code add} line of an existing cohort it leaves unchanged) is gathered and written set-wise with the chunk's other
 * adds ({@link MemberAdds}); any other line is written at once in a savepoint of its own (a failing line is rolled
 * back alone), after the gathered rows. A dry run writes nothing, and its member adds need no savepoint either. A
 * chunk the database refuses is rolled back and replayed line by line, so that only the failing line fails; a chunk
 * that loses a race or its connection is tried again ({@link ChunkRetry}).
 */
public final class JooqCohortWriter implements CommandWriter<CohortCommand> {

    private final DSLContext dsl;
    private final SiteConfig site;
    private final CohortSyncOptions options;
    private final CohortEnrolSync sync;
    private final CohortLineWriter lines;
    private final TableStatistics statistics;

    /**
     * @param dsl     the Moodle database
     * @param options the cohorts options
     */
    public JooqCohortWriter(DSLContext dsl, CohortSyncOptions options) {
        this.dsl = dsl;
        this.site = SiteConfig.load(dsl);
        this.options = options;
        this.sync = new CohortEnrolSync(EnrolSettings.load(dsl, site));
        this.lines = new CohortLineWriter(site, options, sync);
        this.statistics = TableStatistics.on(dsl);
    }

    @Override
    public List<LineResult> write(List<CommandLine<CohortCommand>> chunk, WriteContext context) {
        // statistics refreshed after each commit (see TableStatistics)
        return ChunkReplay.write(dsl, chunk, context, (tx, part) -> writeChunk(tx, part, context),
                statistics::refreshGrown,
                (line, reason) -> LineFailures.failed(line.ref(), entity(line), null, reason));
    }

    private List<LineResult> writeChunk(DSLContext tx, List<CommandLine<CohortCommand>> chunk, WriteContext context) {
        List<CohortCommand> commands = chunk.stream().map(CommandLine::command).toList();
        CohortLineWriter.Chunk state = CohortLineWriter.Chunk.load(tx, site, options, commands, sync, statistics);
        long now = context.now();
        List<LineResult> results = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            results.add(applyLine(tx, chunk.get(i), i, state, now, context.dryRun()));
        }
        state.adds.flush(tx, site);
        return results;
    }

    private LineResult applyLine(DSLContext tx, CommandLine<CohortCommand> line, int index,
                                 CohortLineWriter.Chunk state, long now, boolean dryRun) {
        MemberAdds.Line gathered = state.adds.begin();
        try {
            LineApplied applied = lines.apply(tx, line.command(), index, state, now, dryRun, gathered);
            state.adds.commit(gathered, now, dryRun);
            return result(line, applied, dryRun);
        } catch (WriteNow e) {
            // applied again below, writing as it goes
        } catch (LineRejected e) {
            return LineFailures.rejected(line.ref(), entity(line), e);
        }
        // a database failure outside the line's savepoint (here: the gathered rows) is the chunk's
        state.adds.flush(tx, site);
        try {
            LineApplied applied = tx.transactionResult(savepoint ->
                    lines.apply(DSL.using(savepoint), line.command(), index, state, now, dryRun, null));
            return result(line, applied, dryRun);
        } catch (LineRejected e) {
            return LineFailures.rejected(line.ref(), entity(line), e);
        } catch (DataAccessException e) {
            return LineFailures.refused(line.ref(), entity(line), e);
        } finally {
            state.adds.forgetStanding();
        }
    }

    private static LineResult result(CommandLine<CohortCommand> line, LineApplied applied,
                                     boolean dryRun) {
        return applied.toResult(line.ref(), dryRun);
    }

    private String entity(CommandLine<CohortCommand> line) {
        String key = line.command().key(options.identifyBy());
        return key == null ? null : CohortLineWriter.entity(key);
    }

}
