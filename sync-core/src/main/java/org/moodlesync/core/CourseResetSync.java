package org.moodlesync.core;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.course.CourseResetCommand;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.core.course.CourseFileLayouts;
import org.moodlesync.core.pipeline.FileLayout;

/**
 * A run of a course reset file (tool_sync §4.8): the identifier's column and any of the reset option columns. What
 * lives in Moodle's core tables is reset; what needs Moodle's module code is reported as not done. Get one from
 * {@link SyncEngine#courseResets()}.
 */
public final class CourseResetSync extends CourseListSync<CourseResetSync, CourseResetCommand> {

    /** Use {@link SyncEngine#courseResets()}. */
    public CourseResetSync(SyncEngine engine) {
        super(engine, SyncKind.COURSE_RESETS);
    }

    @Override
    protected CommandWriter<CourseResetCommand> writer() {
        return engine().moodle().courseResets(identifyBy());
    }

    @Override
    protected FileLayout<CourseResetCommand> layout() {
        return CourseFileLayouts.resetFile(identifyBy(), allowUnknownColumns());
    }
}
