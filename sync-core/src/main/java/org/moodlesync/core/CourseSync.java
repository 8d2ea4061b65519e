package org.moodlesync.core;

import java.util.Objects;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.course.CategoryKey;
import org.moodlesync.api.command.course.CourseCommand;
import org.moodlesync.api.command.course.CourseSyncOptions;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.internal.course.CourseFileLayouts;
import org.moodlesync.core.internal.pipeline.FileLayout;

/**
 * A run of a course file (create, update, from a template; categories created on demand): tool_sync's course
 * settings as fluent steps. Get one from {@link SyncEngine#courses()}.
 *
 * <pre>{@code
 * RunResult run = engine.courses()
 *         .from(Path.of("uploadcourses.csv"))
 *         .identifyBy(CourseKey.IDNUMBER)
 *         .protectCategory(true)
 *         .execute();
 * }</pre>
 */
public final class CourseSync extends FileSync<CourseSync, CourseCommand> {

    private CourseSyncOptions options = CourseSyncOptions.defaults();
    private boolean allowUnknownColumns;

    CourseSync(RunContext context) {
        super(context, SyncKind.COURSES);
    }

    /**
     * All course options at once.
     *
     * @param options the options, replacing those set so far (default {@link CourseSyncOptions#defaults()}); not null
     * @return this step
     * @throws NullPointerException when {@code options} is null
     */
    public CourseSync options(CourseSyncOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The field matching lines to existing courses (default {@code shortname}, as tool_sync).
     *
     * @param key the course field (the CLI's {@code --course-by}, tool_sync's {@code courses_fileuploadidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public CourseSync identifyBy(CourseKey key) {
        options = options.withIdentifyBy(key);
        return this;
    }

    /**
     * How the {@code category} column names categories (default: a path, or an id when it is a number).
     *
     * @param key the category field (tool_sync's {@code courses_coursecategoryidentifier}); not null
     * @return this step
     * @throws NullPointerException when {@code key} is null
     */
    public CourseSync categoryKey(CategoryKey key) {
        options = options.withCategoryKey(key);
        return this;
    }

    /**
     * Whether categories created from a path are visible (default on).
     *
     * @param on false to create them hidden (tool_sync's {@code courses_newcategoriesvisible}); a category under a hidden parent is hidden anyway
     * @return this step
     */
    public CourseSync newCategoriesVisible(boolean on) {
        options = options.withNewCategoriesVisible(on);
        return this;
    }

    /**
     * Never move existing courses to another category (default off).
     *
     * @param on true to keep existing courses where they are (tool_sync's {@code courses_protectcategory})
     * @return this step
     */
    public CourseSync protectCategory(boolean on) {
        options = options.withProtectCategory(on);
        return this;
    }

    /**
     * Update existing courses (default on); off: their lines are skipped.
     *
     * @param on false to only create courses (tool_sync's {@code courses_forceupdate})
     * @return this step
     */
    public CourseSync updateExisting(boolean on) {
        options = options.withUpdateExisting(on);
        return this;
    }

    /**
     * tool_sync compatibility (its bug #5): an update resets the columns the file does not have to a new course's
     * values. Off by default: an update changes only the columns present in the file.
     *
     * @param on true for tool_sync's behaviour
     * @return this step
     */
    public CourseSync resetMissingColumns(boolean on) {
        options = options.withResetMissingColumns(on);
        return this;
    }

    /**
     * Accept columns the course file does not know; they are ignored.
     *
     * @param on true to ignore unknown columns, false (the default) to refuse the file (the CLI's {@code --allow-unknown-columns})
     * @return this step
     */
    public CourseSync allowUnknownColumns(boolean on) {
        this.allowUnknownColumns = on;
        return this;
    }

    /**
     * The options this run will use.
     *
     * @return the course options set so far
     */
    public CourseSyncOptions options() {
        return options;
    }

    @Override
    protected CommandWriter<CourseCommand> writer() {
        return moodle().writer(WriterKind.COURSES, options);
    }

    @Override
    FileLayout<CourseCommand> layout() {
        return CourseFileLayouts.coursesFile(options, allowUnknownColumns);
    }
}
