package org.moodlesync.api.command.group;

/**
 * The field that identifies a group or grouping in a file (tool_sync's {@code groups_groupidentifier} and
 * {@code groups_groupingidentifier}). Idnumbers and names are looked up within the line's course; ids anywhere.
 */
public enum GroupKey {
    ID("id"),
    IDNUMBER("idnumber"),
    NAME("name");

    private final String column;

    GroupKey(String column) {
        this.column = column;
    }

    /** The groups table field of this key. */
    public String column() {
        return column;
    }

    /** The key named by a field name, case-insensitively ({@code id}, {@code idnumber}, {@code name}). */
    public static GroupKey of(String name) {
        for (GroupKey key : values()) {
            if (key.column.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown group identifier: " + name + " (id, idnumber or name)");
    }
}
