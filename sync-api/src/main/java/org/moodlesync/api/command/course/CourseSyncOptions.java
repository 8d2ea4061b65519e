package org.moodlesync.api.command.course;

import java.util.Objects;
import org.moodlesync.api.command.CourseKey;

/**
 * Options of the course file, tool_sync's course settings as typed values. Immutable; change with the
 * {@code withX} methods:
 *
 * <pre>{@code
 * CourseSyncOptions options = CourseSyncOptions.defaults().withIdentifyBy(CourseKey.IDNUMBER)
 *         .withCategoryKey(CategoryKey.IDNUMBER);
 * }</pre>
 *
 * @param identifyBy           the field matching lines to existing courses (tool_sync's
 *                             {@code courses_fileuploadidentifier}, default {@code shortname})
 * @param categoryKey          how the {@code category} column names a category (tool_sync's
 *                             {@code courses_coursecategoryidentifier}, default a path or an id)
 * @param newCategoriesVisible categories created from a path are visible (tool_sync's
 *                             {@code courses_newcategoriesvisible}, default on; a category under a hidden parent is
 *                             hidden anyway, as in Moodle)
 * @param protectCategory      never move an existing course to another category (tool_sync's
 *                             {@code courses_protectcategory}, default off)
 * @param updateExisting       update courses that exist (tool_sync's {@code courses_forceupdate}, default on); off:
 *                             their lines are skipped
 * @param resetMissingColumns  compatibility with tool_sync's bug #5: an update also resets the course columns that
 *                             the file does not have to the values a new course would get (default off: an update
 *                             changes only the columns present in the file)
 */
public record CourseSyncOptions(CourseKey identifyBy, CategoryKey categoryKey, boolean newCategoriesVisible,
                                boolean protectCategory, boolean updateExisting, boolean resetMissingColumns) {

    /**
     * Checks that both keys are given.
     *
     * @param identifyBy           the field matching lines to existing courses (tool_sync's
     *                             {@code courses_fileuploadidentifier}, default {@code shortname})
     * @param categoryKey          how the {@code category} column names a category (tool_sync's
     *                             {@code courses_coursecategoryidentifier}, default a path or an id)
     * @param newCategoriesVisible categories created from a path are visible (tool_sync's
     *                             {@code courses_newcategoriesvisible}, default on; a category under a hidden parent is
     *                             hidden anyway, as in Moodle)
     * @param protectCategory      never move an existing course to another category (tool_sync's
     *                             {@code courses_protectcategory}, default off)
     * @param updateExisting       update courses that exist (tool_sync's {@code courses_forceupdate}, default on); off:
     *                             their lines are skipped
     * @param resetMissingColumns  compatibility with tool_sync's bug #5: an update also resets the course columns that
     *                             the file does not have to the values a new course would get (default off: an update
     *                             changes only the columns present in the file)
     * @throws NullPointerException when {@code identifyBy} or {@code categoryKey} is null
     */
    public CourseSyncOptions {
        Objects.requireNonNull(identifyBy, "identifyBy");
        Objects.requireNonNull(categoryKey, "categoryKey");
    }

    /**
     * tool_sync's defaults: identify by shortname, categories by path or id, new categories visible, update.
     *
     * @return the default options
     */
    public static CourseSyncOptions defaults() {
        return new CourseSyncOptions(CourseKey.SHORTNAME, CategoryKey.PATH, true, false, true, false);
    }

    /**
     * A copy matching lines to courses by another field.
     *
     * @param key the course field
     * @return the changed copy
     */
    public CourseSyncOptions withIdentifyBy(CourseKey key) {
        return new CourseSyncOptions(key, categoryKey, newCategoriesVisible, protectCategory, updateExisting,
                resetMissingColumns);
    }

    /**
     * A copy reading the {@code category} column another way.
     *
     * @param key how the column names a category
     * @return the changed copy
     */
    public CourseSyncOptions withCategoryKey(CategoryKey key) {
        return new CourseSyncOptions(identifyBy, key, newCategoriesVisible, protectCategory, updateExisting,
                resetMissingColumns);
    }

    /**
     * A copy creating categories visible or hidden.
     *
     * @param on true: categories created from a path are visible (unless their parent is hidden)
     * @return the changed copy
     */
    public CourseSyncOptions withNewCategoriesVisible(boolean on) {
        return new CourseSyncOptions(identifyBy, categoryKey, on, protectCategory, updateExisting,
                resetMissingColumns);
    }

    /**
     * A copy with category protection on or off.
     *
     * @param on true: an existing course is never moved to another category
     * @return the changed copy
     */
    public CourseSyncOptions withProtectCategory(boolean on) {
        return new CourseSyncOptions(identifyBy, categoryKey, newCategoriesVisible, on, updateExisting,
                resetMissingColumns);
    }

    /**
     * A copy updating, or skipping, existing courses.
     *
     * @param on true: existing courses are updated; false: their lines are skipped
     * @return the changed copy
     */
    public CourseSyncOptions withUpdateExisting(boolean on) {
        return new CourseSyncOptions(identifyBy, categoryKey, newCategoriesVisible, protectCategory, on,
                resetMissingColumns);
    }

    /**
     * A copy with tool_sync's bug #5 behaviour on or off.
     *
     * @param on true: an update also resets the columns the file does not have to a new course's values
     * @return the changed copy
     */
    public CourseSyncOptions withResetMissingColumns(boolean on) {
        return new CourseSyncOptions(identifyBy, categoryKey, newCategoriesVisible, protectCategory, updateExisting,
                on);
    }
}
