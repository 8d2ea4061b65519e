package org.moodlesync.jooq.internal.course;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CourseCheckCommand;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCourseRecord;

/**
 * The course existence check (tool_sync §4.7): per line, whether the course exists ({@code UNCHANGED}, with its id,
 * names and category) or not ({@code SKIPPED}). Reads only; the chunk's courses in one query.
 */
public final class JooqCourseCheckWriter implements CommandWriter<CourseCheckCommand> {

    private final DSLContext dsl;
    private final CourseKey identifyBy;
    private long found;
    private long missing;

    public JooqCourseCheckWriter(DSLContext dsl, CourseKey identifyBy) {
        this.dsl = dsl;
        this.identifyBy = identifyBy;
    }

    @Override
    public List<LineResult> write(List<CommandLine<CourseCheckCommand>> chunk, WriteContext context) {
        CourseLookup lookup = CourseLookup.load(dsl, identifyBy,
                chunk.stream().map(l -> l.command().identifier()).toList());
        CategoryTree tree = null;
        List<LineResult> results = new ArrayList<>(chunk.size());
        for (CommandLine<CourseCheckCommand> line : chunk) {
            CourseCheckCommand c = line.command();
            String entity = "course " + identifyBy.column() + " " + c.identifier();
            String about = c.description() == null ? "" : " (" + c.description() + ")";
            MdlCourseRecord course;
            try {
                course = lookup.find(identifyBy, c.identifier(), identifyBy.column());
            } catch (LineRejected e) {
                results.add(LineFailures.failed(line.ref(), entity, CourseKeyColumns.IDENTIFIER, e.getMessage()));
                continue;
            }
            if (course == null) {
                missing++;
                results.add(LineResult.of(line.ref(), entity, Outcome.SKIPPED, context.dryRun(), List.of(),
                        List.of("not found: no course with " + identifyBy.column() + " " + c.identifier() + about)));
                continue;
            }
            found++;
            if (tree == null) {
                tree = CategoryTree.load(dsl, null);
            }
            CategoryTree.Category cat = tree.byId(course.getCategory());
            results.add(LineResult.of(line.ref(), entity, Outcome.UNCHANGED, context.dryRun(), List.of(),
                    List.of("exists: id " + course.getId() + ", shortname " + course.getShortname() + ", fullname "
                            + course.getFullname() + (course.getIdnumber().isEmpty() ? ""
                            : ", idnumber " + course.getIdnumber()) + ", category "
                            + (cat == null ? course.getCategory() : tree.pathOf(cat)) + about)));
        }
        return results;
    }

    @Override
    public List<String> notices() {
        return List.of((found + missing) + " courses checked: " + found + " exist, " + missing + " do not"
                + " (nothing was written)");
    }
}
