package org.moodlesync.jooq.internal.course;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseMetaCommand;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.support.ChunkRetry;
import org.moodlesync.jooq.internal.support.LineApplied;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;

/**
 * The meta-course bindings writer (tool_sync §4.9): one transaction per chunk, one savepoint per line, the chunk's
 * courses (masters and metas) loaded with one query.
 */
public final class JooqCourseMetaWriter implements CommandWriter<CourseMetaCommand> {

    private final DSLContext dsl;
    private final CourseKey identifyBy;
    private final MetaLinks links;
    private int written;
    private boolean dryRun;

    public JooqCourseMetaWriter(DSLContext dsl, CourseKey identifyBy) {
        this.dsl = dsl;
        this.identifyBy = identifyBy;
        this.links = new MetaLinks(CourseSettings.load(dsl));
    }

    @Override
    public List<LineResult> write(List<CommandLine<CourseMetaCommand>> chunk, WriteContext context) {
        long now = context.now();
        dryRun = context.dryRun();
        // a chunk that loses a race (deadlock, serialization failure) or its connection is rolled back as a whole
        // and tried again (ChunkRetry)
        int writtenBefore = written; // counted again if the chunk is tried again
        return ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(), () -> {
            written = writtenBefore;
            return dsl.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                List<String> names = new ArrayList<>();
                chunk.forEach(l -> {
                    names.add(l.command().master());
                    names.add(l.command().meta());
                });
                CourseLookup lookup = CourseLookup.load(tx, identifyBy, names);
                List<LineResult> results = new ArrayList<>(chunk.size());
                for (CommandLine<CourseMetaCommand> line : chunk) {
                    CourseMetaCommand c = line.command();
                    String entity = "meta link " + c.master() + " -> " + c.meta();
                    try {
                        MdlCourseRecord master = course(lookup, c.master(), "master");
                        MdlCourseRecord meta = course(lookup, c.meta(), "meta");
                        LineApplied applied = tx.transactionResult(savepoint ->
                                links.apply(DSL.using(savepoint), master, meta, c.action(), now, dryRun));
                        if (applied.outcome().writes()) {
                            written++;
                        }
                        results.add(LineResult.of(line.ref(), entity, applied.outcome(), dryRun, applied.changes(),
                                applied.messages()));
                    } catch (LineRejected e) {
                        results.add(LineFailures.rejected(line.ref(), entity, e));
                    } catch (DataAccessException e) {
                        results.add(LineFailures.refused(line.ref(), entity, e));
                    }
                }
                return results;
            });
        });
    }

    private MdlCourseRecord course(CourseLookup lookup, String value, String column) {
        MdlCourseRecord course = lookup.find(identifyBy, value, column);
        if (course == null) {
            throw new LineRejected(column, "no course with " + identifyBy.column() + " " + value);
        }
        return course;
    }

    @Override
    public List<String> notices() {
        if (written == 0 || dryRun) {
            return List.of();
        }
        return List.of("meta links changed: Moodle's meta sync task (\\enrol_meta\\task\\enrol_meta_sync, hourly)"
                + " keeps them in step with later enrolment changes in the master courses");
    }
}
