package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.command.course.CourseTeacher;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.support.ChunkReplay;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.internal.support.TableStatistics;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;

/**
 * The course writer. Per chunk: one transaction; the chunk's categories, courses (and the sections, format options,
 * contexts and enrolment instances of those that exist) and teachers loaded once; then every line is planned in
 * memory, in file order.
 *
 * <p>Plain new courses (no template, no teachers: the bulk of any feed) are gathered and written set-wise
 * ({@link BatchedCourseWrites}); a line whose category path must be created first plans in a savepoint of its own.
 * Lines of existing courses are planned without writing first: a line with nothing to change (a rerun) writes
 * nothing and needs no savepoint; one that changes its course is written in a savepoint of its own, after the
 * gathered writes are flushed, as are lines with a template or teachers. A line the writer refuses fails alone
 * before anything of it is written. Should the database refuse a gathered write, the chunk is rolled back and
 * replayed line by line, each line in a transaction of its own, so the failing line fails alone; a chunk that loses
 * a race or its connection is tried again as a whole ({@link ChunkRetry}), and the chunks of concurrent runs go one
 * after the other (a lock on the front page course's row). Moodle's course
 * sortorder is fixed once at the end of the chunk when a course or category was created or moved. A dry run plans
 * every line the same way and writes nothing.
 */
public final class JooqCourseWriter implements CommandWriter<CourseCommand> {

    /** What a run that changed courses cannot do itself, and what it did instead. */
    static final String COURSE_CACHES = "courses changed: Moodle's course listing cache (core/coursecat, per"
            + " session, up to 10 minutes) and course contacts cache (core/coursecontacts, up to 1 hour) cannot be"
            + " reached from outside Moodle, so course lists may lag until they expire or Moodle's caches are purged"
            + " (php admin/cli/purge_caches.php --muc); course revisions (cacherev) were bumped and dirty contexts"
            + " and users flagged, so course pages and access are current";

    private final TableStatistics statistics;
    private final DSLContext dsl;
    private final CourseSettings settings;
    private final CourseSyncOptions options;
    private final Roles roles;
    private final CourseLineWriter lines;
    private final Set<String> createdCategories = new LinkedHashSet<>();
    private int coursesChanged;
    private boolean dryRun;

    /**
     * @param dsl     the Moodle database
     * @param options the course options
     */
    public JooqCourseWriter(DSLContext dsl, CourseSyncOptions options) {
        this.dsl = dsl;
        this.statistics = TableStatistics.on(dsl);
        this.settings = CourseSettings.load(dsl);
        this.options = options;
        this.roles = Roles.load(dsl);
        this.lines = new CourseLineWriter(settings, options, roles);
    }

    /** What a chunk did, kept once its transaction is committed. */
    private static final class Written {
        final List<LineResult> results = new ArrayList<>();
        final Set<String> categories = new LinkedHashSet<>();
        int changed;
    }

    @Override
    public List<LineResult> write(List<CommandLine<CourseCommand>> chunk, WriteContext context) {
        this.dryRun = context.dryRun();
        // what a chunk counted is kept only once it is committed: it may be rolled back and tried again
        return ChunkReplay.write(chunk, context,
                part -> dsl.transactionResult(cfg -> writeChunk(DSL.using(cfg), part, context)),
                written -> {
                    statistics.refreshGrown(); // after the commit (see TableStatistics)
                    createdCategories.addAll(written.categories);
                    coursesChanged += written.changed;
                    return written.results;
                },
                (line, reason) -> LineFailures.failed(line.ref(), entity(line), null, reason));
    }

    private Written writeChunk(DSLContext tx, List<CommandLine<CourseCommand>> chunk, WriteContext context) {
        List<CourseCommand> commands = chunk.stream().map(CommandLine::command).toList();
        long now = context.now();
        boolean dryRun = context.dryRun();
        if (!dryRun) {
            // course chunks of concurrent runs (two machines without a shared run lock) one after the other: each
            // looks its shortnames up only once the other's courses are committed, so none is created twice
            tx.select(MDL_COURSE.ID).from(MDL_COURSE).where(MDL_COURSE.ID.eq(settings.siteCourseId())).forUpdate()
                    .fetch();
        }
        CourseLineWriter.Chunk state = load(tx, commands);
        BatchedCourseWrites gathered = new BatchedCourseWrites(tx, settings.site(), statistics);
        Written written = new Written();
        boolean placed = false;
        for (int i = 0; i < chunk.size(); i++) {
            CommandLine<CourseCommand> line = chunk.get(i);
            CourseCommand c = line.command();
            int index = i;
            CourseLineWriter.Chunk current = state;
            try {
                CourseLineWriter.Applied applied;
                if (dryRun) {
                    applied = lines.apply(tx, c, index, current, now, true);
                } else {
                    applied = switch (lines.route(c, current)) {
                        case GATHER -> lines.createsCategories(c, current)
                                ? tx.transactionResult(sp -> lines.apply(DSL.using(sp), c, index, current, now,
                                        false, gathered))
                                : lines.apply(tx, c, index, current, now, false, gathered);
                        case PROBE -> {
                            MdlCourseRecord stored = stored(c, current);
                            CourseLineWriter.Applied probe = lines.apply(tx, c, index, current, now, true);
                            if (!probe.writes()) {
                                yield probe;
                            }
                            if (stored != null) {
                                current.lookup().put(stored); // the probe recorded the course as planned
                            }
                            yield immediate(tx, c, index, current, now, gathered);
                        }
                        case IMMEDIATE -> immediate(tx, c, index, current, now, gathered);
                    };
                }
                written.results.add(applied.line().toResult(line.ref(), dryRun));
                placed |= applied.placed();
                written.categories.addAll(applied.categories());
                if (applied.line().outcome().writes()) {
                    written.changed++;
                }
            } catch (LineRejected e) {
                written.results.add(LineFailures.rejected(line.ref(), entity(line), e));
                state = reload(tx, commands, gathered, state);
            } catch (DataAccessException e) {
                if (e instanceof ChunkRefused) {
                    throw e; // a refused gathered write is the chunk's, not the line's
                }
                // a lost race or connection is rethrown too: InnoDB rolls the whole transaction back on a deadlock
                written.results.add(LineFailures.refused(line.ref(), entity(line), e));
                state = reload(tx, commands, gathered, state);
            }
        }
        flush(gathered, state);
        if (placed && !dryRun) {
            SortOrder.fix(tx, settings.site(), now);
        }
        return written;
    }

    /** A line written at once in a savepoint, after the gathered writes; its course is then read afresh. */
    private CourseLineWriter.Applied immediate(DSLContext tx, CourseCommand c, int index,
                                               CourseLineWriter.Chunk state, long now, BatchedCourseWrites gathered) {
        flush(gathered, state);
        try {
            return tx.transactionResult(sp -> lines.apply(DSL.using(sp), c, index, state, now, false));
        } finally {
            forget(c, state);
        }
    }

    /** Writes the gathered courses; a refusal concerns the chunk (rolled back and replayed line by line). */
    private static void flush(BatchedCourseWrites gathered, CourseLineWriter.Chunk state) {
        try {
            gathered.flush(state.lookup());
        } catch (DataAccessException e) {
            throw new ChunkRefused(e);
        }
    }

    /** After a failed line: what the database holds (the gathered courses written first). */
    private CourseLineWriter.Chunk reload(DSLContext tx, List<CourseCommand> commands, BatchedCourseWrites gathered,
                                          CourseLineWriter.Chunk state) {
        flush(gathered, state);
        return load(tx, commands);
    }

    private void forget(CourseCommand c, CourseLineWriter.Chunk state) {
        MdlCourseRecord stored = stored(c, state);
        if (stored != null) {
            state.details().forget(stored.getId());
        }
    }

    /** The stored course a line names (as routed: the route found it), or null. */
    private MdlCourseRecord stored(CourseCommand c, CourseLineWriter.Chunk state) {
        String value = c.key(options.identifyBy());
        try {
            return value == null || value.isEmpty() ? null
                    : state.lookup().find(options.identifyBy(), value, options.identifyBy().column());
        } catch (LineRejected e) {
            return null; // the line fails when applied
        }
    }

    /** A gathered write the database refused: the chunk is rolled back and replayed line by line. */
    private static final class ChunkRefused extends DataAccessException {
        ChunkRefused(DataAccessException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The chunk's categories, courses (identifiers, shortnames, idnumbers, templates) and teachers. */
    private CourseLineWriter.Chunk load(DSLContext tx, List<CourseCommand> commands) {
        List<String> ids = new ArrayList<>();
        List<String> shortnames = new ArrayList<>();
        List<String> idnumbers = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (CourseCommand c : commands) {
            if (c.id() != null) {
                ids.add(c.id().toString());
            }
            if (options.identifyBy() == CourseKey.ID && c.key(CourseKey.ID) != null) {
                ids.add(c.key(CourseKey.ID));
            }
            shortnames.add(c.shortname());
            idnumbers.add(c.idnumber());
            if (c.template() != null) {
                shortnames.add(c.template());
                idnumbers.add(c.template());
            }
            for (CourseTeacher t : c.teachers()) {
                accounts.add(t.account());
            }
        }
        CourseLookup lookup = CourseLookup.load(tx, ids, shortnames, idnumbers);
        return new CourseLineWriter.Chunk(CategoryTree.load(tx, settings.site()), lookup,
                Teachers.load(tx, settings, roles, lines.enrols(), accounts),
                CourseDetails.load(tx, lookup.storedIds()));
    }

    @Override
    public List<String> notices() {
        List<String> notices = new ArrayList<>();
        if (!createdCategories.isEmpty()) {
            notices.add(createdCategories.size() + (dryRun ? " categories would be created (" : " categories created (")
                    + String.join(", ", createdCategories) + "): Moodle caches its category tree, so purge Moodle's caches (php admin/cli/purge_caches.php"
                    + " --muc, or Site administration > Development > Purge caches) before they show in category"
                    + " lists");
        }
        if (coursesChanged > 0 && !dryRun) {
            notices.add(COURSE_CACHES);
        }
        return notices;
    }

    private static String entity(CommandLine<CourseCommand> line) {
        CourseCommand c = line.command();
        return c.shortname() != null ? "course " + c.shortname()
                : c.idnumber() != null ? "course idnumber " + c.idnumber() : null;
    }

}
