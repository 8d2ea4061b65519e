package org.moodlesync.examples.cli;

import picocli.CommandLine.Option;

/** The options of the course kinds (courses, course-deletes, course-checks, course-resets, course-metas). */
public final class CourseOptions {

    @Option(names = "--category-identify-by", paramLabel = "KEY", defaultValue = "path",
            description = "courses: how the category column names categories: path (a number is an id; missing"
                    + " categories of a path are created), idnumber or id (default: ${DEFAULT-VALUE})")
    String categoryIdentifyBy;

    @Option(names = "--new-categories-hidden", description = "courses: categories created from a path are hidden")
    boolean newCategoriesHidden;

    @Option(names = "--protect-category", description = "courses: never move existing courses to another category")
    boolean protectCategory;

    @Option(names = "--no-update", description = "courses: skip the lines of courses that exist")
    boolean noUpdate;

    @Option(names = "--reset-missing-columns",
            description = "courses: tool_sync compatibility (its bug #5): an update resets the columns the file does"
                    + " not have to a new course's values")
    boolean resetMissingColumns;
}
