package org.moodlesync.api.command;

/**
 * The field that identifies a user in a file (tool_sync's {@code users_primaryidentity}). Matching always stays
 * within the site's own users ({@code mnethostid = mnet_localhost_id}).
 */
public enum UserKey {
    /** By the login name, column {@code username} ({@code user.username}). */
    USERNAME("username"),
    /** By the external identifier, column {@code idnumber} ({@code user.idnumber}); tool_sync's default. */
    IDNUMBER("idnumber"),
    /** By the e-mail address, column {@code email} ({@code user.email}). */
    EMAIL("email"),
    /** By the Moodle user id, column {@code id} ({@code user.id}); the id is only used to find users, never written. */
    ID("id");

    private final String column;

    UserKey(String column) {
        this.column = column;
    }

    /**
     * The column (and user table field) of this key.
     *
     * @return the column name, for example {@code idnumber}
     */
    public String column() {
        return column;
    }

    /**
     * The key named by a column name, case-insensitively ({@code username}, {@code idnumber}, …).
     *
     * @param name a column name: {@code username}, {@code idnumber}, {@code email} or {@code id}; surrounding
     *             blanks are ignored
     * @return the matching key
     * @throws IllegalArgumentException when the name is none of these
     */
    public static UserKey of(String name) {
        for (UserKey key : values()) {
            if (key.column.equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown user identifier: " + name + " (username, idnumber, email or id)");
    }
}
