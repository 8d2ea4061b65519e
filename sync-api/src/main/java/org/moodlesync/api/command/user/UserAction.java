package org.moodlesync.api.command.user;

/** What a user command asks for. */
public enum UserAction {
    /** Create the user, or update the matching one (reviving it when it was deleted). */
    CREATE_OR_UPDATE,
    /** Delete the user as Moodle does (soft delete). */
    DELETE,
    /** Suspend the user and end its sessions. */
    SUSPEND
}
