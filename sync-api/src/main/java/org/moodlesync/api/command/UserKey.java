package org.moodlesync.api.command;

/**
 * The field that identifies a user in a file (tool_sync's {@code users_primaryidentity}). Matching always stays
 * within the site's own users ({@code mnethostid = mnet_localhost_id}).
 */
public enum UserKey {
    USERNAME("username"),
    IDNUMBER("idnumber"),
    EMAIL("email"),
    ID("id");

    private final String column;

    UserKey(String column) {
        this.column = column;
    }

    /** The column (and user table field) of this key. */
    public String column() {
        return column;
    }

    /** The key named by a column name, case-insensitively ({@code username}, {@code idnumber}, …). */
    public static UserKey of(String name) {
        for (UserKey key : values()) {
            if (key.column.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown user identifier: " + name + " (username, idnumber, email or id)");
    }
}
