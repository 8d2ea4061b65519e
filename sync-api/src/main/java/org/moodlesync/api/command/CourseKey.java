package org.moodlesync.api.command;

/**
 * How a command names a course: by short name, idnumber or id — one vocabulary for every kind that refers to a
 * course (courses, enrolments, groups, cohort bindings, …).
 */
public enum CourseKey {
    SHORTNAME("shortname"),
    IDNUMBER("idnumber"),
    ID("id");

    private final String column;

    CourseKey(String column) {
        this.column = column;
    }

    /** The course table field of this key, which is also its column name in the files. */
    public String column() {
        return column;
    }

    /** The course table field of this key (the same as {@link #column()}). */
    public String field() {
        return column;
    }

    /** The key named by a field name, case-insensitively ({@code shortname}, {@code idnumber}, {@code id}). */
    public static CourseKey of(String name) {
        for (CourseKey key : values()) {
            if (key.column.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown course identifier: " + name + " (shortname, idnumber or id)");
    }
}
