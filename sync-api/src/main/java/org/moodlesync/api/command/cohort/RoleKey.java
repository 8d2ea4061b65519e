package org.moodlesync.api.command.cohort;

/** The field that identifies a role in a bindings file (tool_sync's {@code cohorts_roleidentifier}). */
public enum RoleKey {
    /** By the role id ({@code role.id}). */
    ID("id"),
    /** By the role short name ({@code role.shortname}), the default. */
    SHORTNAME("shortname");

    private final String field;

    RoleKey(String field) {
        this.field = field;
    }

    /**
     * The role table field.
     *
     * @return the field name, {@code id} or {@code shortname}
     */
    public String field() {
        return field;
    }

    /**
     * The key named by a field name, case-insensitively.
     *
     * @param name {@code id} or {@code shortname}; surrounding blanks are ignored
     * @return the matching key
     * @throws IllegalArgumentException when the name is none of these
     */
    public static RoleKey of(String name) {
        for (RoleKey key : values()) {
            if (key.field.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown role identifier: " + name + " (id or shortname)");
    }
}
