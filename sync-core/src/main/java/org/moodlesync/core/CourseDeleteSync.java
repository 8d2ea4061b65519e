package org.moodlesync.core;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.course.CourseRef;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.course.CourseFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.csv.CsvFormat;

/**
 * A run of a course delete file (tool_sync §4.6): no header, one course identifier per line. A course holding
 * activities, grades, questions or files is refused (Moodle's own deletion is needed for those). Get one from
 * {@link SyncEngine#courseDeletes()}.
 */
public final class CourseDeleteSync extends CourseListSync<CourseDeleteSync, CourseRef> {

    CourseDeleteSync(RunContext context) {
        super(context, SyncKind.COURSE_DELETES);
        format(CsvFormat.toolSync());
    }

    /** The file's separator, encoding and dialect; it never has a header. */
    @Override
    public CourseDeleteSync format(CsvFormat format) {
        return super.format(CourseFileLayouts.headerless(format, CourseFileLayouts.IDENTIFIER));
    }

    @Override
    protected CommandWriter<CourseRef> writer() {
        return moodle().writer(WriterKind.COURSE_DELETES, identifyBy());
    }

    @Override
    FileLayout<CourseRef> layout() {
        return CourseFileLayouts.deleteFile();
    }
}
