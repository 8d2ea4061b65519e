package org.moodlesync.core;

import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;

/**
 * The steps shared by the course files that name existing courses (delete, check, reset, meta bindings): the field
 * that identifies the courses.
 *
 * @param <SELF> the concrete step
 * @param <C>    the command type
 */
public abstract class CourseListSync<SELF extends CourseListSync<SELF, C>, C> extends FileSync<SELF, C> {

    private CourseKey identifyBy = CourseKey.SHORTNAME;
    private boolean allowUnknownColumns;

    protected CourseListSync(RunContext context, SyncKind kind) {
        super(context, kind);
    }

    /** The field naming the courses (default {@code shortname}, as tool_sync). */
    public SELF identifyBy(CourseKey key) {
        this.identifyBy = Objects.requireNonNull(key, "key");
        return self();
    }

    /** Accept unknown columns (files with a header); they are ignored. */
    public SELF allowUnknownColumns(boolean on) {
        this.allowUnknownColumns = on;
        return self();
    }

    /** The field naming the courses. */
    public CourseKey identifyBy() {
        return identifyBy;
    }

    protected boolean allowUnknownColumns() {
        return allowUnknownColumns;
    }
}
