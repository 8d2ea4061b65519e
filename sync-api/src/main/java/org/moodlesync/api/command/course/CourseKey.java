package org.moodlesync.api.command.course;

/**
 * The field that identifies a course in a file (tool_sync's {@code courses_fileuploadidentifier},
 * {@code courses_filedeleteidentifier}, {@code courses_existfileidentifier}, {@code courses_fileresetidentifier},
 * {@code courses_filemetabindingidentifier}).
 */
public enum CourseKey {
    SHORTNAME("shortname"),
    IDNUMBER("idnumber"),
    ID("id");

    private final String column;

    CourseKey(String column) {
        this.column = column;
    }

    /** The column (and course table field) of this key. */
    public String column() {
        return column;
    }

    /** The key named by a column name, case-insensitively ({@code shortname}, {@code idnumber}, {@code id}). */
    public static CourseKey of(String name) {
        for (CourseKey key : values()) {
            if (key.column.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown course identifier: " + name + " (shortname, idnumber or id)");
    }
}
