package org.moodlesync.jooq.internal.cohort;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.cohort.CohortBindingOptions;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.support.ChunkRetry;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.LineApplied;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * The cohort bindings writer: one transaction per chunk, one savepoint per line, the chunk's courses, cohorts,
 * roles and existing cohort sync instances loaded with one query each.
 */
public final class JooqCohortBindingWriter implements CommandWriter<CohortBindingCommand> {

    private final DSLContext dsl;
    private final CohortBindingOptions options;
    private final BindingLineWriter lines;

    /**
     * @param dsl     the Moodle database
     * @param options the bindings options
     */
    public JooqCohortBindingWriter(DSLContext dsl, CohortBindingOptions options) {
        this.dsl = dsl;
        this.options = options;
        SiteConfig site = SiteConfig.load(dsl);
        this.lines = new BindingLineWriter(site, options, new CohortEnrolSync(EnrolSettings.load(dsl, site)));
    }

    @Override
    public List<LineResult> write(List<CommandLine<CohortBindingCommand>> chunk, WriteContext context) {
        List<CohortBindingCommand> commands = chunk.stream().map(CommandLine::command).toList();
        // a chunk that loses a race (deadlock, serialization failure) or its connection is rolled back as a whole
        // and tried again (ChunkRetry)
        return ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(),
                () -> dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            BindingLineWriter.Chunk state = BindingLineWriter.Chunk.load(tx, options, commands);
            long now = context.now();
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                results.add(applyLine(tx, chunk.get(i), i, state, now, context.dryRun()));
            }
            return results;
        }));
    }

    private LineResult applyLine(DSLContext tx, CommandLine<CohortBindingCommand> line, int index,
                                 BindingLineWriter.Chunk state, long now, boolean dryRun) {
        try {
            LineApplied applied = tx.transactionResult(savepoint ->
                    lines.apply(DSL.using(savepoint), line.command(), index, state, now, dryRun));
            return applied.toResult(line.ref(), dryRun);
        } catch (LineRejected e) {
            return LineFailures.rejected(line.ref(), entity(line), e);
        } catch (DataAccessException e) {
            return LineFailures.refused(line.ref(), entity(line), e);
        }
    }

    private static String entity(CommandLine<CohortBindingCommand> line) {
        return "binding " + line.command().course() + " <- " + line.command().cohort();
    }
}
