package org.moodlesync.api.command.group;

import java.util.Locale;

/** What a line of the group members file does (tool_sync's {@code cmd} column). */
public enum MemberAction {
    /** Join the group. */
    ADD,
    /** Leave the group. */
    DELETE,
    /** Leave every other group of the course and join this one. */
    SHIFT;

    /**
     * Empty or {@code add}: add; {@code del}/{@code delete}; {@code shift}.
     *
     * @param value the {@code cmd} cell, any case
     * @return the action
     * @throws IllegalArgumentException when the value is none of these
     */
    public static MemberAction of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "add" -> ADD;
            case "del", "delete" -> DELETE;
            case "shift" -> SHIFT;
            default -> throw new IllegalArgumentException("unknown command \"" + value + "\" (add, del or shift)");
        };
    }
}
