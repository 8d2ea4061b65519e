package org.moodlesync.api.command.group;

import java.util.Locale;

/** A line of the groups file is about a group or a grouping (tool_sync's {@code type} column). */
public enum GroupType {
    /** A group ({@code groups} table). */
    GROUP,
    /** A grouping ({@code groupings} table). */
    GROUPING;

    /**
     * {@code group} (or empty) is a group; {@code grouping} a grouping.
     *
     * @param value the {@code type} cell, any case
     * @return the type
     * @throws IllegalArgumentException when the value is none of these
     */
    public static GroupType of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "group" -> GROUP;
            case "grouping" -> GROUPING;
            default -> throw new IllegalArgumentException("unknown type \"" + value + "\" (group or grouping)");
        };
    }
}
