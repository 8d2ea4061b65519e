package org.moodlesync.api.feed;

import java.util.Locale;

/**
 * What a full feed does to an enrolment its file no longer lists (enrol_database's {@code unenrolaction}).
 */
public enum EnrolDropAction {
    /** Moodle's unenrol: the enrolment, its roles, and (when it was the last one) groups and grades go. */
    UNENROL,
    /** Nothing: the enrolment stays as it is (a feed that only adds and updates). */
    KEEP,
    /** The enrolment is suspended: roles, groups and grades stay, and an undo line makes it active again. */
    SUSPEND,
    /** The enrolment is suspended and the user's manual roles in the course are removed. */
    SUSPEND_NO_ROLES;

    /**
     * Reads an action as the CLI writes it: {@code unenrol}, {@code keep}, {@code suspend},
     * {@code suspend-no-roles}.
     *
     * @param value the action; not null
     * @return the action
     * @throws IllegalArgumentException for any other value
     */
    public static EnrolDropAction of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "unenrol", "unenroll", "remove" -> UNENROL;
            case "keep" -> KEEP;
            case "suspend" -> SUSPEND;
            case "suspend-no-roles", "suspend-and-remove-roles" -> SUSPEND_NO_ROLES;
            default -> throw new IllegalArgumentException("unknown action for absent enrolments \"" + value
                    + "\" (unenrol, keep, suspend or suspend-no-roles)");
        };
    }

    /** {@return the action as {@link #of} reads it} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
