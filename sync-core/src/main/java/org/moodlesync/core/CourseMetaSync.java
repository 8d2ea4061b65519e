package org.moodlesync.core;

import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.course.CourseMetaCommand;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.course.CourseFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;

/**
 * A run of a meta-course bindings file (tool_sync §4.9): {@code master;meta[;cmd]} per line, {@code cmd} add
 * (default) or del. Get one from {@link SyncEngine#courseMetas()}.
 */
public final class CourseMetaSync extends CourseListSync<CourseMetaSync, CourseMetaCommand> {

    CourseMetaSync(RunContext context) {
        super(context, SyncKind.COURSE_METAS);
    }

    @Override
    protected CommandWriter<CourseMetaCommand> writer() {
        return moodle().writer(WriterKind.COURSE_METAS, identifyBy());
    }

    @Override
    FileLayout<CourseMetaCommand> layout() {
        return CourseFileLayouts.metaFile(allowUnknownColumns());
    }
}
