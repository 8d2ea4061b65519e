package org.moodlesync.api.command.cohort;

import java.util.Locale;

/** What a line of a cohort to course bindings file asks for (tool_sync's {@code cmd} column). */
public enum BindingAction {
    /** {@code add}: bind the cohort to the course (create or re-enable the cohort sync instance, enrol members). */
    ADD("add"),
    /** {@code del}: disable the binding (the instance stays; its enrolments give no access any more). */
    DISABLE("del"),
    /** {@code restore}: enable a disabled binding again. */
    RESTORE("restore"),
    /** {@code fulldel}: unbind: delete the instance with every enrolment, role and group membership it made. */
    REMOVE("fulldel");

    private final String command;

    BindingAction(String command) {
        this.command = command;
    }

    /**
     * The {@code cmd} value of the file.
     *
     * @return {@code add}, {@code del}, {@code restore} or {@code fulldel}
     */
    public String command() {
        return command;
    }

    /**
     * The action of a {@code cmd} value ({@code add}, {@code del}, {@code restore}, {@code fulldel}).
     *
     * @param cmd the {@code cmd} cell, any case; surrounding blanks are ignored
     * @return the action
     * @throws IllegalArgumentException when the value is none of these
     */
    public static BindingAction ofCommand(String cmd) {
        String c = cmd.trim().toLowerCase(Locale.ROOT);
        for (BindingAction a : values()) {
            if (a.command.equals(c)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown cmd " + cmd + " (add, del, restore or fulldel)");
    }
}
