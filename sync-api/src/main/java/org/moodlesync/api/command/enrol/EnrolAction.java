package org.moodlesync.api.command.enrol;

import java.util.Locale;

/** What an enrolment line does (tool_sync's {@code cmd} column). */
public enum EnrolAction {
    /** Enrol the user (or, in role-only mode, assign the role); an existing enrolment gets the role and times. */
    ADD,
    /**
     * Unenrol the user from the method's instance (role-only mode: remove the role, or all manual roles when no role
     * is given). When it was the user's last enrolment in the course, Moodle's cleanup follows: every role in the
     * course and below, every group membership of the course and the course's last access go.
     */
    DELETE,
    /** Change the user's role in the course: enrolled as for {@link #ADD}, other roles of the same owner removed. */
    SHIFT,
    /** Reactivate the user's enrolment (status active). */
    ENABLE,
    /** Suspend the user's enrolment (status suspended); roles and groups stay. */
    DISABLE;

    /**
     * The action of a {@code cmd} value: add, del/delete, shift, enable, disable (any case).
     *
     * @param value the {@code cmd} cell
     * @return the action
     * @throws IllegalArgumentException when the value is none of these
     */
    public static EnrolAction of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "add" -> ADD;
            case "del", "delete" -> DELETE;
            case "shift" -> SHIFT;
            case "enable" -> ENABLE;
            case "disable" -> DISABLE;
            default -> throw new IllegalArgumentException("unknown command \"" + value
                    + "\" (add, del, shift, enable or disable)");
        };
    }
}
