package org.moodlesync.api.command;

/**
 * How a command names a course: by short name, idnumber or id — one vocabulary for every kind that refers to a
 * course (courses, enrolments, groups, cohort bindings, …).
 */
public enum CourseKey {
    /** By the course short name ({@code course.shortname}). */
    SHORTNAME("shortname"),
    /** By the course idnumber ({@code course.idnumber}). */
    IDNUMBER("idnumber"),
    /** By the Moodle course id ({@code course.id}). */
    ID("id");

    private final String column;

    CourseKey(String column) {
        this.column = column;
    }

    /**
     * The course table field of this key, which is also its column name in the files.
     *
     * @return the field name, for example {@code shortname}
     */
    public String column() {
        return column;
    }

    /**
     * The course table field of this key (the same as {@link #column()}).
     *
     * @return the field name, for example {@code shortname}
     */
    public String field() {
        return column;
    }

    /**
     * The key named by a field name, case-insensitively ({@code shortname}, {@code idnumber}, {@code id}).
     *
     * @param name a field name: {@code shortname}, {@code idnumber} or {@code id}; surrounding blanks are ignored
     * @return the matching key
     * @throws IllegalArgumentException when the name is none of these
     */
    public static CourseKey of(String name) {
        for (CourseKey key : values()) {
            if (key.column.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown course identifier: " + name + " (shortname, idnumber or id)");
    }
}
