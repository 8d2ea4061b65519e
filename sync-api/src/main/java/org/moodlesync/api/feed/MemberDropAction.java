package org.moodlesync.api.feed;

import java.util.Locale;

/** What a full feed of group members does to a membership its file no longer lists. */
public enum MemberDropAction {
    /** The user leaves the group (Moodle's {@code groups_remove_member}); an undo line adds them back. */
    REMOVE,
    /** Nothing: the membership stays (a feed that only adds). */
    KEEP;

    /**
     * Reads an action as the CLI writes it: {@code remove} or {@code keep}.
     *
     * @param value the action; not null
     * @return the action
     * @throws IllegalArgumentException for any other value
     */
    public static MemberDropAction of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "remove", "delete" -> REMOVE;
            case "keep" -> KEEP;
            default -> throw new IllegalArgumentException("unknown action for absent group members \"" + value
                    + "\" (remove or keep)");
        };
    }

    /** {@return the action as {@link #of} reads it} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
