package org.moodlesync.api.command.enrol;

import java.util.Locale;

/**
 * What an enrolment line does with the groups it names (tool_sync's {@code gcmd} column, groups {@code g1…g9}, found
 * by name in the course). Joining a group needs an enrolment in the course.
 */
public enum EnrolGroupAction {
    /** Join each named group; a group that does not exist fails the line. */
    ADD,
    /** Join each named group, creating the missing ones. */
    ADD_CREATE,
    /** Leave each named group. */
    DELETE,
    /** Leave every other group of the course, then join the named ones (which must exist). */
    REPLACE,
    /** Leave every other group of the course, then join the named ones, creating the missing ones. */
    REPLACE_CREATE;

    /**
     * True when missing groups are created.
     *
     * @return true for {@link #ADD_CREATE} and {@link #REPLACE_CREATE}
     */
    public boolean creates() {
        return this == ADD_CREATE || this == REPLACE_CREATE;
    }

    /**
     * True when the user leaves the course's other groups first.
     *
     * @return true for {@link #REPLACE} and {@link #REPLACE_CREATE}
     */
    public boolean replaces() {
        return this == REPLACE || this == REPLACE_CREATE;
    }

    /**
     * The action of a {@code gcmd} value, with or without tool_sync's {@code g} prefix and with or without a hyphen:
     * add/gadd, addcreate/gaddcreate, del/gdel, replace/greplace, replace-create/greplacecreate.
     *
     * @param value the {@code gcmd} cell
     * @return the action
     * @throws IllegalArgumentException when the value is none of these
     */
    public static EnrolGroupAction of(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (v.startsWith("g") && !v.equals("g")) {
            v = v.substring(1);
        }
        return switch (v) {
            case "add" -> ADD;
            case "addcreate" -> ADD_CREATE;
            case "del", "delete" -> DELETE;
            case "replace" -> REPLACE;
            case "replacecreate" -> REPLACE_CREATE;
            default -> throw new IllegalArgumentException("unknown group command \"" + value
                    + "\" (add, addcreate, del, replace or replace-create; tool_sync's gadd, gaddcreate, gdel,"
                    + " greplace, greplacecreate too)");
        };
    }
}
