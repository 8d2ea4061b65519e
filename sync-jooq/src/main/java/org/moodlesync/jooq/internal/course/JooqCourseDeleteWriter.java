package org.moodlesync.jooq.internal.course;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseRef;
import org.moodlesync.api.result.FieldChange;
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
 * The course delete writer (tool_sync §4.6): one transaction per chunk, one savepoint per line; the chunk's courses
 * loaded with one query; a course holding activities, grades, questions or files refused whole (its line fails, the
 * course is untouched); Moodle's sortorder and category course counts fixed at the end of the chunk.
 */
public final class JooqCourseDeleteWriter implements CommandWriter<CourseRef> {

    private final DSLContext dsl;
    private final CourseKey identifyBy;
    private final CourseSettings settings;
    private final CourseDeleter deleter;
    private int deleted;
    private boolean dryRun;

    public JooqCourseDeleteWriter(DSLContext dsl, CourseKey identifyBy) {
        this.dsl = dsl;
        this.identifyBy = identifyBy;
        this.settings = CourseSettings.load(dsl);
        this.deleter = new CourseDeleter(settings);
    }

    @Override
    public List<LineResult> write(List<CommandLine<CourseRef>> chunk, WriteContext context) {
        long now = context.now();
        dryRun = context.dryRun();
        // a chunk that loses a race (deadlock, serialization failure) or its connection is rolled back as a whole
        // and tried again (ChunkRetry)
        int deletedBefore = deleted; // counted again if the chunk is tried again
        return ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(), () -> {
            deleted = deletedBefore;
            return dsl.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                CourseLookup lookup = CourseLookup.load(tx, identifyBy,
                        chunk.stream().map(l -> l.command().identifier()).toList());
                List<LineResult> results = new ArrayList<>(chunk.size());
                boolean any = false;
                for (CommandLine<CourseRef> line : chunk) {
                    String value = line.command().identifier();
                    String entity = "course " + (identifyBy == CourseKey.SHORTNAME ? value
                            : identifyBy.column() + " " + value);
                    try {
                        MdlCourseRecord course = lookup.find(identifyBy, value, CourseKeyColumns.IDENTIFIER);
                        if (course == null) {
                            results.add(LineResult.of(line.ref(), entity, Outcome.SKIPPED, dryRun, List.of(),
                                    List.of("no course with " + identifyBy.column() + " " + value
                                            + ": nothing to delete")));
                            continue;
                        }
                        String name = CourseLineWriter.entity(course);
                        List<FieldChange> removed = tx.transactionResult(savepoint -> {
                            DSLContext s = DSL.using(savepoint);
                            CategoryTree.ContextRef ctx = CourseData.context(s, course.getId());
                            List<Long> children = CourseData.childContexts(s, ctx);
                            String refusal = deleter.refusal(s, course, ctx, children);
                            if (refusal != null) {
                                throw new LineRejected(CourseKeyColumns.IDENTIFIER, refusal);
                            }
                            return dryRun ? List.of() : deleter.delete(s, course, ctx, children, now);
                        });
                        lookup.remove(course);
                        any = true;
                        deleted++;
                        List<String> messages = new ArrayList<>();
                        messages.add("course id " + course.getId() + " deleted with its contexts, sections, enrolment"
                                + " methods, enrolments, roles, groups, events and notes");
                        if (settings.pluginLong("tool_recyclebin", "categorybinenable", 0) == 1) {
                            messages.add("not in Moodle's recycle bin: moodle-sync cannot make Moodle's backup");
                        }
                        results.add(LineResult.of(line.ref(), name, Outcome.DELETED, dryRun, removed, messages));
                    } catch (LineRejected e) {
                        results.add(LineFailures.rejected(line.ref(), entity, e));
                    } catch (DataAccessException e) {
                        results.add(LineFailures.refused(line.ref(), entity, e));
                    }
                }
                if (any && !dryRun) {
                    SortOrder.fix(tx, settings.site(), now);
                }
                return results;
            });
        });
    }

    @Override
    public List<String> notices() {
        if (deleted == 0 || dryRun) {
            return List.of();
        }
        return List.of(deleted + " courses deleted: no log entries and no recycle bin backups were made",
                JooqCourseWriter.COURSE_CACHES);
    }
}
