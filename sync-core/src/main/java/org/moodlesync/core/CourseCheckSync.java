package org.moodlesync.core;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.course.CourseCheckCommand;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.course.CourseFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.csv.CsvFormat;

/**
 * A run of a course existence check file (tool_sync §4.7): no header, {@code identifier[;description]} per line.
 * Nothing is ever written; each line's result says whether the course exists ({@code UNCHANGED} with its id and
 * names) or not ({@code SKIPPED}). Get one from {@link SyncEngine#courseChecks()}.
 */
public final class CourseCheckSync extends CourseListSync<CourseCheckSync, CourseCheckCommand> {

    CourseCheckSync(RunContext context) {
        super(context, SyncKind.COURSE_CHECKS);
        format(CsvFormat.toolSync());
    }

    /** The file's separator, encoding and dialect; it never has a header. */
    @Override
    public CourseCheckSync format(CsvFormat format) {
        return super.format(CourseFileLayouts.headerless(format, CourseFileLayouts.IDENTIFIER, CourseFileLayouts.DESCRIPTION));
    }

    @Override
    protected CommandWriter<CourseCheckCommand> writer() {
        return moodle().writer(WriterKind.COURSE_CHECKS, identifyBy());
    }

    @Override
    FileLayout<CourseCheckCommand> layout() {
        return CourseFileLayouts.checkFile();
    }
}
