package org.moodlesync.api.feed;

/**
 * One user in a full feed's scope, as the feed compares it with its file.
 *
 * @param id        the user's id
 * @param username  the username
 * @param key       the user's value of the run's identifier (the file's key column); may be null or empty
 * @param firstname the first name (for undo lines)
 * @param lastname  the last name (for undo lines)
 * @param suspended whether the user is suspended
 * @param owned     whether the feed owns the user (it listed them in an earlier run)
 */
public record ScopedUser(long id, String username, String key, String firstname, String lastname,
                         boolean suspended, boolean owned) {
}
