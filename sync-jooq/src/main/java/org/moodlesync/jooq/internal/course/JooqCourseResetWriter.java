package org.moodlesync.jooq.internal.course;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.support.ChunkRetry;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;

/**
 * The course reset writer (tool_sync §4.8, its bug #11 fixed: one identifier setting, idnumber identity works, the
 * {@code modules} column is read, completion reset only when asked, dry runs work): one transaction per chunk, one
 * savepoint per line, the chunk's courses loaded with one query. Options that need Moodle's own code are listed in
 * the line's messages ({@code NOT DONE: …}) and in the run's notices.
 */
public final class JooqCourseResetWriter implements CommandWriter<CourseResetCommand> {

    private final DSLContext dsl;
    private final CourseKey identifyBy;
    private final CourseSettings settings;
    private final CourseResetter resetter;
    private final Set<String> notDone = new LinkedHashSet<>();
    private boolean groupsChanged;
    private boolean dryRun;

    public JooqCourseResetWriter(DSLContext dsl, CourseKey identifyBy) {
        this.dsl = dsl;
        this.identifyBy = identifyBy;
        this.settings = CourseSettings.load(dsl);
        this.resetter = new CourseResetter(settings, Roles.load(dsl));
    }

    @Override
    public List<LineResult> write(List<CommandLine<CourseResetCommand>> chunk, WriteContext context) {
        long now = context.now();
        dryRun = context.dryRun();
        // a chunk that loses a race (deadlock, serialization failure) or its connection is rolled back as a whole
        // and tried again (ChunkRetry)
        return ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(),
                () -> dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            CourseLookup lookup = CourseLookup.load(tx, identifyBy,
                    chunk.stream().map(l -> l.command().identifier()).toList());
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (CommandLine<CourseResetCommand> line : chunk) {
                CourseResetCommand c = line.command();
                String entity = "course " + (identifyBy == CourseKey.SHORTNAME ? c.identifier()
                        : identifyBy.column() + " " + c.identifier());
                try {
                    MdlCourseRecord course = lookup.find(identifyBy, c.identifier(), identifyBy.column());
                    if (course == null) {
                        throw new LineRejected(identifyBy.column(), "no course with " + identifyBy.column() + " "
                                + c.identifier());
                    }
                    if (course.getId() == settings.siteCourseId()) {
                        throw new LineRejected(identifyBy.column(), "the front page course cannot be reset");
                    }
                    CourseResetter.Done done = tx.transactionResult(savepoint ->
                            resetter.reset(DSL.using(savepoint), course, c, now, dryRun));
                    groupsChanged |= done.groupsChanged();
                    List<String> messages = new ArrayList<>(done.messages());
                    for (String item : done.notDone()) {
                        messages.add("NOT DONE: " + item);
                        notDone.add(item.substring(0, item.indexOf(' ') < 0 ? item.length() : item.indexOf(' ')));
                    }
                    Outcome outcome = done.changes().isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED;
                    results.add(LineResult.of(line.ref(), CourseLineWriter.entity(course), outcome, dryRun,
                            done.changes(), messages));
                } catch (LineRejected e) {
                    results.add(LineFailures.rejected(line.ref(), entity, e));
                } catch (DataAccessException e) {
                    results.add(LineFailures.refused(line.ref(), entity, e));
                }
            }
            return results;
        }));
    }

    @Override
    public List<String> notices() {
        List<String> notices = new ArrayList<>();
        if (!notDone.isEmpty()) {
            notices.add("reset options NOT DONE (they need Moodle's own code; use Moodle's course reset for them): "
                    + String.join(", ", notDone));
        }
        if (groupsChanged && !dryRun) {
            notices.add("groups or groupings changed: Moodle caches them (core/groupdata, core/user_group_groupings),"
                    + " so purge Moodle's caches (php admin/cli/purge_caches.php --muc) before the change shows");
        }
        return notices;
    }
}
