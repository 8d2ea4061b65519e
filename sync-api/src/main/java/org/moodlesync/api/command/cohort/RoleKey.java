package org.moodlesync.api.command.cohort;

/** The field that identifies a role in a bindings file (tool_sync's {@code cohorts_roleidentifier}). */
public enum RoleKey {
    ID("id"),
    SHORTNAME("shortname");

    private final String field;

    RoleKey(String field) {
        this.field = field;
    }

    /** The role table field. */
    public String field() {
        return field;
    }

    /** The key named by a field name, case-insensitively. */
    public static RoleKey of(String name) {
        for (RoleKey key : values()) {
            if (key.field.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown role identifier: " + name + " (id or shortname)");
    }
}
