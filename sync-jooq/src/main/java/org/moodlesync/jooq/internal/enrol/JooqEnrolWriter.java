package org.moodlesync.jooq.internal.enrol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.command.enrol.EnrolSyncOptions;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.support.ChunkReplay;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.internal.support.TableStatistics;

/**
 * The enrolment file writer: one transaction per chunk; the chunk's users, courses (with their contexts and enrol
 * instances), the users' standing in those courses and the courses' groups loaded in a few queries first; then the
 * lines applied in file order ({@link SetWiseLines}): plain adds written set-wise, other lines in a savepoint each.
 * A chunk the database refuses is rolled back and replayed line by line, so that only the failing line fails; a chunk
 * that loses a race or its connection is tried again ({@link ChunkRetry}).
 */
public final class JooqEnrolWriter implements CommandWriter<EnrolCommand> {

    private final TableStatistics statistics;
    private final DSLContext dsl;
    private final EnrolSyncOptions options;
    private final EnrolSite site;
    private final EnrolLineWriter lines;

    public JooqEnrolWriter(DSLContext dsl, EnrolSyncOptions options) {
        this.dsl = dsl;
        this.statistics = TableStatistics.on(dsl);
        this.options = options;
        this.site = EnrolSite.load(dsl, options.timeZone());
        this.lines = new EnrolLineWriter(new EnrolmentOps(site), options);
    }

    @Override
    public List<LineResult> write(List<CommandLine<EnrolCommand>> chunk, WriteContext context) {
        // statistics refreshed after each commit (see TableStatistics)
        return ChunkReplay.write(dsl, chunk, context, (tx, part) -> writeChunk(tx, part, context),
                statistics::refreshGrown,
                (line, reason) -> LineFailures.failed(line.ref(), entity(line.command()), null, reason));
    }

    private List<LineResult> writeChunk(DSLContext tx, List<CommandLine<EnrolCommand>> chunk,
                                        WriteContext context) {
        List<EnrolCommand> commands = chunk.stream().map(CommandLine::command).toList();
        Users users = Users.load(tx, site, options.userKey(), commands.stream().map(EnrolCommand::user).toList());
        Map<org.moodlesync.api.command.CourseKey, Set<String>> wanted = Courses.wanted();
        commands.forEach(c -> Courses.want(wanted, options.courseKey(), c.course()));
        Courses courses = Courses.load(tx, site, wanted);
        EnrolState state = new EnrolState().groupsOnly();
        Set<EnrolState.Pair> pairs = new HashSet<>();
        for (EnrolCommand c : commands) {
            try {
                pairs.add(new EnrolState.Pair(users.find(c.user(), "uid").id(),
                        courses.find(options.courseKey(), c.course(), "cid").id()));
            } catch (LineRejected e) {
                // the line fails when applied
            }
        }
        state.preload(tx, pairs, courses);
        if (commands.stream().anyMatch(c -> c.groupAction() != null)) {
            state.preloadGroups(tx, courses.ids());
        }
        SetWiseLines set = new SetWiseLines(tx, site, state, context.now(), context.dryRun(), true,
                statistics);
        List<LineResult> results = new ArrayList<>(chunk.size());
        for (CommandLine<EnrolCommand> line : chunk) {
            EnrolCommand c = line.command();
            results.add(set.apply(line.ref(), entity(c), w -> lines.apply(w, c, users, courses)));
        }
        set.flush();
        return results;
    }

    private static String entity(EnrolCommand c) {
        return "enrolment " + c.user() + " in " + c.course();
    }

}
