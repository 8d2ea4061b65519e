package org.moodlesync.jooq.enrol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.support.ChunkRetry;
import org.moodlesync.jooq.support.DatabaseFailures;

/**
 * The enrolment file writer: one transaction per chunk, one savepoint per line, the chunk retried as a whole when it
 * loses a race or its connection ({@link ChunkRetry}); the chunk's users, courses (with
 * their contexts and enrol instances) and the users' standing in those courses loaded in batches first.
 */
public final class JooqEnrolWriter implements CommandWriter<EnrolCommand> {

    private final DSLContext dsl;
    private final EnrolSyncOptions options;
    private final EnrolSite site;
    private final EnrolLineWriter lines;

    public JooqEnrolWriter(DSLContext dsl, EnrolSyncOptions options) {
        this.dsl = dsl;
        this.options = options;
        this.site = EnrolSite.load(dsl, options.timeZone());
        this.lines = new EnrolLineWriter(new EnrolmentOps(site), options);
    }

    @Override
    public List<LineResult> write(List<CommandLine<EnrolCommand>> chunk, WriteContext context) {
        // a chunk that loses a race (deadlock, serialization failure) or its connection is rolled back as a whole
        // and tried again, planned anew from what the database then holds
        return ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(), () -> writeChunk(chunk, context));
    }

    private List<LineResult> writeChunk(List<CommandLine<EnrolCommand>> chunk, WriteContext context) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            List<EnrolCommand> commands = chunk.stream().map(CommandLine::command).toList();
            Users users = Users.load(tx, site, options.userKey(), commands.stream().map(EnrolCommand::user).toList());
            Map<org.moodlesync.api.command.enrol.CourseKey, Set<String>> wanted = Courses.wanted();
            commands.forEach(c -> Courses.want(wanted, options.courseKey(), c.course()));
            Courses courses = Courses.load(tx, site, wanted);
            EnrolState state = new EnrolState();
            Set<EnrolState.Pair> pairs = new HashSet<>();
            for (EnrolCommand c : commands) {
                try {
                    pairs.add(new EnrolState.Pair(users.find(c.user(), "uid").id(),
                            courses.find(options.courseKey(), c.course(), "cid").id()));
                } catch (EnrolRejected e) {
                    // the line fails when applied
                }
            }
            state.preload(tx, pairs);
            if (commands.stream().anyMatch(c -> c.groupAction() != null)) {
                state.preloadGroups(tx, courses.ids());
            }
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (CommandLine<EnrolCommand> line : chunk) {
                results.add(apply(tx, line, users, courses, state, context));
            }
            return results;
        });
    }

    private LineResult apply(DSLContext tx, CommandLine<EnrolCommand> line, Users users, Courses courses,
                             EnrolState state, WriteContext context) {
        EnrolCommand c = line.command();
        String entity = "enrolment " + c.user() + " in " + c.course();
        EnrolState.Line view = state.begin();
        try {
            Done done = tx.transactionResult(savepoint -> {
                LineWork w = new LineWork(DSL.using(savepoint), view, context.now(), context.dryRun(), "");
                Outcome outcome = lines.apply(w, c, users, courses);
                w.finish(site);
                return new Done(w, outcome);
            });
            view.commit();
            return LineResult.of(line.ref(), entity, done.outcome(), context.dryRun(), done.work().changes(),
                    done.work().messages());
        } catch (EnrolRejected e) {
            return LineResult.failed(line.ref(), entity,
                    new LineError(line.ref().source(), line.ref().line(), 0, e.column(), e.getMessage()));
        } catch (DataAccessException e) {
            if (DatabaseFailures.classify(e) != DatabaseFailures.Kind.REFUSED) {
                // the chunk's, not the line's: InnoDB rolls the whole transaction back on a deadlock, so the lines
                // before would be reported but gone
                throw e;
            }
            return LineResult.failed(line.ref(), entity, new LineError(line.ref().source(), line.ref().line(), 0,
                    null, "the database refused the line: " + rootMessage(e)));
        }
    }

    private record Done(LineWork work, Outcome outcome) {
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
