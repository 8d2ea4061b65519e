package org.moodlesync.api.command.enrol;

/**
 * The field that identifies a course in a file (tool_sync's {@code enrols_courseidentifier},
 * {@code groups_courseidentifier} and {@code courses_primaryidentity}).
 */
public enum CourseKey {
    ID("id"),
    IDNUMBER("idnumber"),
    SHORTNAME("shortname");

    private final String column;

    CourseKey(String column) {
        this.column = column;
    }

    /** The course table field of this key. */
    public String column() {
        return column;
    }

    /** The key named by a field name, case-insensitively ({@code id}, {@code idnumber}, {@code shortname}). */
    public static CourseKey of(String name) {
        for (CourseKey key : values()) {
            if (key.column.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown course identifier: " + name + " (id, idnumber or shortname)");
    }
}
