package org.moodlesync.jooq.cohort;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortSyncOptions;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.support.ChunkRetry;
import org.moodlesync.jooq.support.DatabaseFailures;
import org.moodlesync.jooq.site.SiteConfig;

/**
 * The cohorts writer: one transaction per chunk, one savepoint per line (a failing line is rolled back alone, the
 * others are committed), the chunk's cohorts, users and cohort bindings loaded with one query each.
 */
public final class JooqCohortWriter implements CommandWriter<CohortCommand> {

    private final DSLContext dsl;
    private final SiteConfig site;
    private final CohortSyncOptions options;
    private final CohortLineWriter lines;

    /**
     * @param dsl     the Moodle database
     * @param options the cohorts options
     */
    public JooqCohortWriter(DSLContext dsl, CohortSyncOptions options) {
        this.dsl = dsl;
        this.site = SiteConfig.load(dsl);
        this.options = options;
        this.lines = new CohortLineWriter(site, options, new CohortEnrolSync(EnrolSettings.load(dsl, site)));
    }

    @Override
    public List<LineResult> write(List<CommandLine<CohortCommand>> chunk, WriteContext context) {
        List<CohortCommand> commands = chunk.stream().map(CommandLine::command).toList();
        // a chunk that loses a race (deadlock, serialization failure) or its connection is rolled back as a whole
        // and tried again (ChunkRetry)
        return ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(),
                () -> dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            CohortLineWriter.Chunk state = CohortLineWriter.Chunk.load(tx, site, options, commands);
            long now = context.now();
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                results.add(applyLine(tx, chunk.get(i), i, state, now, context.dryRun()));
            }
            return results;
        }));
    }

    private LineResult applyLine(DSLContext tx, CommandLine<CohortCommand> line, int index,
                                 CohortLineWriter.Chunk state, long now, boolean dryRun) {
        try {
            CohortLineWriter.Applied applied = tx.transactionResult(savepoint ->
                    lines.apply(DSL.using(savepoint), line.command(), index, state, now, dryRun));
            return LineResult.of(line.ref(), applied.entity(), applied.outcome(), dryRun, applied.changes(),
                    applied.messages());
        } catch (CohortRejected e) {
            return failed(line, e.column(), e.getMessage());
        } catch (DataAccessException e) {
            if (DatabaseFailures.classify(e) != DatabaseFailures.Kind.REFUSED) {
                throw e; // a lost race or connection is the chunk's: InnoDB rolled all of it back
            }
            return failed(line, null, "the database refused the line: " + rootMessage(e));
        }
    }

    private LineResult failed(CommandLine<CohortCommand> line, String column, String reason) {
        String key = line.command().key(options.identifyBy());
        return LineResult.failed(line.ref(), key == null ? null : CohortLineWriter.entity(key),
                new LineError(line.ref().source(), line.ref().line(), 0, column, reason));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
