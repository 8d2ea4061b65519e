package org.moodlesync.core;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.course.CourseFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;

/**
 * A run of a course reset file (tool_sync §4.8): the identifier's column and any of the reset option columns. What
 * lives in Moodle's core tables is reset; what needs Moodle's module code is reported as not done. Get one from
 * {@link SyncEngine#courseResets()}.
 */
public final class CourseResetSync extends CourseListSync<CourseResetSync, CourseResetCommand> {

    CourseResetSync(RunContext context) {
        super(context, SyncKind.COURSE_RESETS);
    }

    @Override
    protected CommandWriter<CourseResetCommand> writer() {
        return moodle().writer(WriterKind.COURSE_RESETS, identifyBy());
    }

    @Override
    FileLayout<CourseResetCommand> layout() {
        return CourseFileLayouts.resetFile(identifyBy(), allowUnknownColumns());
    }
}
