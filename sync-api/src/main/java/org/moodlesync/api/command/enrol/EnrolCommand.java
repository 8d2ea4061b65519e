package org.moodlesync.api.command.enrol;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.moodlesync.api.command.CommandConstraints;

/**
 * One line of an enrolment file, typed: enrol, unenrol, change the role of, suspend or reactivate one user in one
 * course, and optionally change the user's groups there.
 *
 * <pre>{@code
 * EnrolCommand add = EnrolCommand.builder()
 *         .user("E001").course("CHEM101").role("student")
 *         .timeStart(EnrolTime.parse("2024-09-01"))
 *         .groups(EnrolGroupAction.ADD_CREATE, "Lab A")
 *         .build();
 * }</pre>
 *
 * @param action      what to do
 * @param user        the user, by the run's user identifier (idnumber by default)
 * @param course      the course, by the run's course identifier (shortname by default)
 * @param role        role shortname; null or empty: the enrol instance's default role (for {@code add} and
 *                    {@code shift}), every manual role (for {@code del} in role-only mode)
 * @param method      enrol plugin name ({@code manual}, {@code self}, …); null in role-only mode
 * @param roleOnly    true: no enrolment, only a role assignment in the course context (component {@code ''})
 * @param timeStart   enrolment start, or null to keep the stored one (now for a new enrolment)
 * @param timeEnd     enrolment end ({@code 0}: none), or null to keep the stored one (none for a new enrolment)
 * @param groupAction what to do with {@code groups}, or null for nothing
 * @param groups      group names in the course (tool_sync's {@code g1…g9})
 */
public record EnrolCommand(
        @NotNull EnrolAction action,
        @NotBlank @Size(max = 255) String user,
        @NotBlank @Size(max = 255) String course,
        @Size(max = 100) String role,
        @Size(max = 20) @Pattern(regexp = "[a-z0-9_]+", message = "must be an enrol plugin name") String method,
        boolean roleOnly,
        EnrolTime timeStart,
        EnrolTime timeEnd,
        EnrolGroupAction groupAction,
        List<@NotBlank @Size(max = 254) String> groups) {

    /** The enrol method when none is given. */
    public static final String DEFAULT_METHOD = "manual";

    /**
     * Checks the line and normalises it: without role-only mode a null method becomes {@link #DEFAULT_METHOD}; an empty
     * role becomes null; null groups become an empty list.
     *
     * @param action      what to do
     * @param user        the user, by the run's user identifier (idnumber by default)
     * @param course      the course, by the run's course identifier (shortname by default)
     * @param role        role shortname; null or empty: the enrol instance's default role (for {@code add} and
     *                    {@code shift}), every manual role (for {@code del} in role-only mode)
     * @param method      enrol plugin name ({@code manual}, {@code self}, …); null in role-only mode
     * @param roleOnly    true: no enrolment, only a role assignment in the course context (component {@code ''})
     * @param timeStart   enrolment start, or null to keep the stored one (now for a new enrolment)
     * @param timeEnd     enrolment end ({@code 0}: none), or null to keep the stored one (none for a new enrolment)
     * @param groupAction what to do with {@code groups}, or null for nothing
     * @param groups      group names in the course (tool_sync's {@code g1…g9})
     * @throws NullPointerException     when {@code action} is null
     * @throws IllegalArgumentException when a role-only line names a method, or groups are given without a group action
     */
    public EnrolCommand {
        Objects.requireNonNull(action, "action");
        if (roleOnly && method != null) {
            throw new IllegalArgumentException("a role-only line has no enrol method");
        }
        if (!roleOnly && method == null) {
            method = DEFAULT_METHOD;
        }
        if (role != null && role.isEmpty()) {
            role = null;
        }
        groups = groups == null ? List.of() : List.copyOf(groups);
        if (!groups.isEmpty() && groupAction == null) {
            throw new IllegalArgumentException("groups given without a group action");
        }
    }

    /**
     * A builder for a new command (see the example in the class comment).
     *
     * @return a builder whose action is {@link EnrolAction#ADD}, with the manual method and no groups
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * True when a role is named.
     *
     * @return true when {@code role} is not null
     */
    public boolean hasRole() {
        return role != null;
    }

    @Override
    public String toString() {
        return "EnrolCommand[" + action + " user=" + user + " course=" + course + " role=" + role
                + (roleOnly ? " role-only" : " method=" + method) + "]";
    }

    /** Builds an {@link EnrolCommand}: {@code action} defaults to {@link EnrolAction#ADD}, method to manual. */
    public static final class Builder {
        private EnrolAction action = EnrolAction.ADD;
        private String user;
        private String course;
        private String role;
        private String method;
        private boolean roleOnly;
        private EnrolTime timeStart;
        private EnrolTime timeEnd;
        private EnrolGroupAction groupAction;
        private final List<String> groups = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets what to do ({@code cmd} column); {@link EnrolAction#ADD} unless set.
         *
         * @param v the action, not null
         * @return this builder
         */
        public Builder action(EnrolAction v) { this.action = v; return this; }

        /**
         * Sets the user ({@code uid} column).
         *
         * @param v the user's value of the run's user identifier (idnumber by default), not blank
         * @return this builder
         */
        public Builder user(String v) { this.user = v; return this; }

        /**
         * Sets the course ({@code cid} column).
         *
         * @param v the course's value of the run's course identifier (shortname by default), not blank
         * @return this builder
         */
        public Builder course(String v) { this.course = v; return this; }

        /**
         * Sets the role ({@code rolename} column).
         *
         * @param v the role's short name, or null (or empty) for the instance's default role; in role-only mode with
         *          {@link EnrolAction#DELETE}, null removes every manual role
         * @return this builder
         */
        public Builder role(String v) { this.role = v; return this; }

        /**
         * The enrol method (plugin name); clears role-only mode.
         *
         * @param v the enrol plugin name, for example {@code manual} or {@code self}; null means {@code manual}
         * @return this builder
         */
        public Builder method(String v) { this.method = v; this.roleOnly = false; return this; }

        /**
         * Role-only mode: a role assignment without enrolment.
         *
         * @return this builder
         */
        public Builder roleOnly() { this.roleOnly = true; this.method = null; return this; }

        /**
         * Sets the enrolment start ({@code starttime} column, {@code user_enrolments.timestart}).
         *
         * @param v the start, or null to keep the stored one (now for a new enrolment)
         * @return this builder
         */
        public Builder timeStart(EnrolTime v) { this.timeStart = v; return this; }

        /**
         * Sets the enrolment end ({@code endtime} column, {@code user_enrolments.timeend}).
         *
         * @param v the end ({@code 0}: none), or null to keep the stored one (none for a new enrolment)
         * @return this builder
         */
        public Builder timeEnd(EnrolTime v) { this.timeEnd = v; return this; }

        /**
         * The group action and the groups it applies to (replacing any given before).
         *
         * @param action what to do with the groups ({@code gcmd} column)
         * @param names  the group names in the course ({@code g1}…{@code g9} columns)
         * @return this builder
         */
        public Builder groups(EnrolGroupAction action, String... names) {
            return groups(action, List.of(names));
        }

        /**
         * The group action and the groups it applies to (replacing any given before).
         *
         * @param action what to do with the groups ({@code gcmd} column)
         * @param names  the group names in the course ({@code g1}…{@code g9} columns)
         * @return this builder
         */
        public Builder groups(EnrolGroupAction action, List<String> names) {
            this.groupAction = action;
            this.groups.clear();
            this.groups.addAll(names);
            return this;
        }

        /**
         * Builds the command and checks its constraints.
         *
         * @return the command
         * @throws org.moodlesync.api.command.InvalidCommandException naming the field, when a required
         *         field is missing or a value breaks a constraint (length, range, format)
         */
        public EnrolCommand build() {
            EnrolCommand command = new EnrolCommand(action, user, course, role, method, roleOnly, timeStart, timeEnd,
                    groupAction, groups);
            return CommandConstraints.check(command);
        }
    }
}
