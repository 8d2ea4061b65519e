package org.moodlesync.api.command.group;

/**
 * The field that identifies a group or grouping in a file (tool_sync's {@code groups_groupidentifier} and
 * {@code groups_groupingidentifier}). Idnumbers and names are looked up within the line's course; ids anywhere.
 */
public enum GroupKey {
    /** By the group (grouping) id, looked up anywhere on the site. */
    ID("id"),
    /** By the idnumber, looked up within the line's course. */
    IDNUMBER("idnumber"),
    /** By the name, looked up within the line's course; tool_sync's default. */
    NAME("name");

    private final String column;

    GroupKey(String column) {
        this.column = column;
    }

    /**
     * The groups table field of this key.
     *
     * @return the field name, {@code id}, {@code idnumber} or {@code name}
     */
    public String column() {
        return column;
    }

    /**
     * The key named by a field name, case-insensitively ({@code id}, {@code idnumber}, {@code name}).
     *
     * @param name the field name; surrounding blanks are ignored
     * @return the matching key
     * @throws IllegalArgumentException when the name is none of these
     */
    public static GroupKey of(String name) {
        for (GroupKey key : values()) {
            if (key.column.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown group identifier: " + name + " (id, idnumber or name)");
    }
}
