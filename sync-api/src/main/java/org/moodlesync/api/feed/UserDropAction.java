package org.moodlesync.api.feed;

import java.util.Locale;

/** What a full feed of users does to a user it owns that its file no longer lists. */
public enum UserDropAction {
    /**
     * The user is suspended ({@code user.suspended = 1}, sessions ended), as Moodle's auth sync does with
     * {@code removeuser} = suspend; an undo line makes them active again. The default.
     */
    SUSPEND,
    /**
     * The user is deleted, as Moodle's {@code delete_user} does (a soft delete: the row stays, marked deleted, its
     * username and e-mail scrambled, enrolments, roles, memberships gone). Cannot be undone.
     */
    DELETE,
    /** Nothing: the user stays as they are (a feed that only adds and updates). */
    KEEP;

    /**
     * Reads an action as the CLI writes it: {@code suspend}, {@code delete} or {@code keep}.
     *
     * @param value the action; not null
     * @return the action
     * @throws IllegalArgumentException for any other value
     */
    public static UserDropAction of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "suspend" -> SUSPEND;
            case "delete" -> DELETE;
            case "keep" -> KEEP;
            default -> throw new IllegalArgumentException("unknown action for absent users \"" + value
                    + "\" (suspend, delete or keep)");
        };
    }

    /** {@return the action as {@link #of} reads it} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
