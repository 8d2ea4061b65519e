package org.moodlesync.api.command.cohort;

/** The field that identifies a course in a bindings file (tool_sync's {@code cohorts_courseidentifier}). */
public enum CourseKey {
    ID("id"),
    IDNUMBER("idnumber"),
    SHORTNAME("shortname");

    private final String field;

    CourseKey(String field) {
        this.field = field;
    }

    /** The course table field. */
    public String field() {
        return field;
    }

    /** The key named by a field name, case-insensitively. */
    public static CourseKey of(String name) {
        for (CourseKey key : values()) {
            if (key.field.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown course identifier: " + name + " (id, idnumber or shortname)");
    }
}
