package org.moodlesync.jooq.course;

import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseKey;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.command.course.CourseTeacher;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.support.ChunkRetry;
import org.moodlesync.jooq.support.DatabaseFailures;

/**
 * The course writer: one transaction per chunk, one savepoint per line (a failing line is rolled back alone, the
 * others are committed), the chunk retried as a whole when it loses a race or its connection ({@link ChunkRetry});
 * the chunks of concurrent runs one after the other (a lock on the front page course's row); the chunk's categories and courses loaded once; Moodle's course sortorder fixed once at
 * the end of the chunk when a course or category was created or moved.
 */
public final class JooqCourseWriter implements CommandWriter<CourseCommand> {

    /** What a run that changed courses cannot do itself, and what it did instead. */
    static final String COURSE_CACHES = "courses changed: Moodle's course listing cache (core/coursecat, per"
            + " session, up to 10 minutes) and course contacts cache (core/coursecontacts, up to 1 hour) cannot be"
            + " reached from outside Moodle, so course lists may lag until they expire or Moodle's caches are purged"
            + " (php admin/cli/purge_caches.php --muc); course revisions (cacherev) were bumped and dirty contexts"
            + " and users flagged, so course pages and access are current";

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
        this.settings = CourseSettings.load(dsl);
        this.options = options;
        this.roles = Roles.load(dsl);
        this.lines = new CourseLineWriter(settings, options, roles);
    }

    @Override
    public List<LineResult> write(List<CommandLine<CourseCommand>> chunk, WriteContext context) {
        List<CourseCommand> commands = chunk.stream().map(CommandLine::command).toList();
        long now = context.now();
        boolean dryRun = context.dryRun();
        this.dryRun = dryRun;
        Set<String> categories = new LinkedHashSet<>();
        int[] changed = new int[1];
        // a chunk that loses a race (deadlock, serialization failure) or its connection is rolled back as a whole
        // and tried again (ChunkRetry); what it counted is kept only once it is committed
        List<LineResult> results = ChunkRetry.run(chunk.get(0).ref(), chunk.get(chunk.size() - 1).ref(), () -> {
            categories.clear();
            changed[0] = 0;
            return dsl.transactionResult(cfg -> writeChunk(DSL.using(cfg), chunk, commands, now, dryRun, categories,
                    changed));
        });
        createdCategories.addAll(categories);
        coursesChanged += changed[0];
        return results;
    }

    private List<LineResult> writeChunk(DSLContext tx, List<CommandLine<CourseCommand>> chunk,
                                        List<CourseCommand> commands, long now, boolean dryRun,
                                        Set<String> categories, int[] changed) {
        if (!dryRun) {
            // course chunks of concurrent runs (two machines without a shared run lock) one after the other: each
            // looks its shortnames up only once the other's courses are committed, so none is created twice
            tx.select(MDL_COURSE.ID).from(MDL_COURSE).where(MDL_COURSE.ID.eq(settings.siteCourseId())).forUpdate()
                    .fetch();
        }
        CourseLineWriter.Chunk state = load(tx, commands);
        List<LineResult> results = new ArrayList<>(chunk.size());
        boolean placed = false;
        for (int i = 0; i < chunk.size(); i++) {
            CommandLine<CourseCommand> line = chunk.get(i);
            int index = i;
            CourseLineWriter.Chunk current = state;
            try {
                CourseLineWriter.Applied applied = tx.transactionResult(savepoint ->
                        lines.apply(DSL.using(savepoint), line.command(), index, current, now, dryRun));
                results.add(LineResult.of(line.ref(), applied.entity(), applied.outcome(), dryRun,
                        applied.changes(), applied.messages()));
                placed |= applied.placed();
                categories.addAll(applied.categories());
                if (applied.outcome().writes()) {
                    changed[0]++;
                }
            } catch (LineRejected e) {
                results.add(failed(line, e.column(), e.getMessage()));
                state = load(tx, commands);
            } catch (DataAccessException e) {
                if (DatabaseFailures.classify(e) != DatabaseFailures.Kind.REFUSED) {
                    // a lost race or connection is the chunk's, not the line's: InnoDB rolls the whole transaction
                    // back on a deadlock, so the lines before would be reported but gone
                    throw e;
                }
                results.add(failed(line, null, "the database refused the line: " + rootMessage(e)));
                state = load(tx, commands);
            }
        }
        if (placed && !dryRun) {
            SortOrder.fix(tx, settings.site(), now);
        }
        return results;
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
        return new CourseLineWriter.Chunk(CategoryTree.load(tx, settings.site()),
                CourseLookup.load(tx, ids, shortnames, idnumbers),
                Teachers.load(tx, settings, roles, lines.enrols(), accounts));
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

    private static LineResult failed(CommandLine<CourseCommand> line, String column, String reason) {
        CourseCommand c = line.command();
        String entity = c.shortname() != null ? "course " + c.shortname()
                : c.idnumber() != null ? "course idnumber " + c.idnumber() : null;
        return LineResult.failed(line.ref(), entity,
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
