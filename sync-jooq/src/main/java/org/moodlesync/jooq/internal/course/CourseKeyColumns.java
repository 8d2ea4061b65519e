package org.moodlesync.jooq.internal.course;

/** Column names of the header-less course files, for errors. */
final class CourseKeyColumns {

    /** The identifier column of delete and check files (they have no header). */
    static final String IDENTIFIER = "identifier";

    private CourseKeyColumns() {
    }
}
