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

    /**
     * A step of a course file of this kind.
     *
     * @param context what the step needs of its engine; not null
     * @param kind    the kind of file; not null
     */
    protected CourseListSync(RunContext context, SyncKind kind) {
        super(context, kind);
    }

    /**
     * The field naming the courses (default {@code shortname}, as tool_sync).
     *
     * @param key the course field (the CLI's {@code --course-by}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public SELF identifyBy(CourseKey key) {
        this.identifyBy = Objects.requireNonNull(key, "key");
        return self();
    }

    /**
     * Accept unknown columns (files with a header); they are ignored.
     *
     * @param on true to ignore unknown columns, false (the default) to refuse the file
     * @return this step
     */
    public SELF allowUnknownColumns(boolean on) {
        this.allowUnknownColumns = on;
        return self();
    }

    /**
     * The field naming the courses.
     *
     * @return the course field set so far
     */
    public CourseKey identifyBy() {
        return identifyBy;
    }

    /**
     * Whether unknown columns are accepted, as set by {@link #allowUnknownColumns(boolean)}.
     *
     * @return true when unknown columns are ignored
     */
    protected boolean allowUnknownColumns() {
        return allowUnknownColumns;
    }
}
