package org.moodlesync.api.command.group;

import java.util.Locale;

/** What a line of the groups file does (its optional {@code cmd} column). */
public enum GroupAction {
    /** Create the group or grouping, or update the one the line identifies. */
    CREATE_OR_UPDATE,
    /** Delete the group (its memberships and grouping links) or the grouping (its links to groups). */
    DELETE;

    /**
     * Empty, {@code add} or {@code update}: create or update; {@code del} or {@code delete}: delete.
     *
     * @param value the {@code cmd} cell, any case
     * @return the action
     * @throws IllegalArgumentException when the value is none of these
     */
    public static GroupAction of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "add", "update" -> CREATE_OR_UPDATE;
            case "del", "delete" -> DELETE;
            default -> throw new IllegalArgumentException("unknown command \"" + value + "\" (add or del)");
        };
    }
}
