package org.moodlesync.api.command.cohort;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.moodlesync.api.command.CommandConstraints;
import org.moodlesync.api.command.InvalidCommandException;

/**
 * One line of a cohorts file, typed. The cohort is found by the field the options name
 * ({@link CohortSyncOptions#identifyBy()}); the other fields are what the cohort should be. A {@code null} field
 * means "not given": an update leaves it as it is. Sizes are Moodle 4.5's column lengths.
 *
 * <pre>{@code
 * CohortCommand staff = CohortCommand.builder()
 *         .idnumber("STAFF").name("Staff").description("All staff")
 *         .context(CohortContext.categoryIdnumber("SCI"))
 *         .member("E001")
 *         .build();
 * }</pre>
 *
 * @param action      what to do
 * @param id          the cohort id (key when cohorts are identified by id)
 * @param idnumber    the cohort idnumber (key, or the idnumber to set)
 * @param name        the cohort name (key, or the name to set)
 * @param description the description to set (HTML)
 * @param context     where the cohort lives (system or a category); when given for an existing cohort, it moves
 * @param component   the plugin owning the cohort ({@code ''} = editable in Moodle's interface), set on creation
 *                    and when given
 * @param member      the user to add or remove: the value of the users identifier
 *                    ({@link CohortSyncOptions#userIdentifyBy()})
 */
public record CohortCommand(
        @NotNull CohortAction action,
        @Min(1) Long id,
        @Size(max = 100) String idnumber,
        @Size(max = 254) String name,
        String description,
        CohortContext context,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9_]*", message = "must be a plugin name such as tool_sync")
        String component,
        @Size(max = 255) String member) {

    /**
     * Checks that an action and an identifying value (id, idnumber or name) are given.
     *
     * @param action      what to do
     * @param id          the cohort id (key when cohorts are identified by id)
     * @param idnumber    the cohort idnumber (key, or the idnumber to set)
     * @param name        the cohort name (key, or the name to set)
     * @param description the description to set (HTML)
     * @param context     where the cohort lives (system or a category); when given for an existing cohort, it moves
     * @param component   the plugin owning the cohort ({@code ''} = editable in Moodle's interface), set on creation
     *                    and when given
     * @param member      the user to add or remove: the value of the users identifier
     *                    ({@link CohortSyncOptions#userIdentifyBy()})
     * @throws InvalidCommandException when the action is null or no identifying value is given
     */
    public CohortCommand {
        if (action == null) {
            throw new InvalidCommandException("CohortCommand", "action", "must not be null");
        }
        if (id == null && blank(idnumber) && blank(name)) {
            throw new InvalidCommandException("CohortCommand", "name", "a cohort needs a name, idnumber or id");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * A builder for a new command (see the example in the class comment).
     *
     * @return a builder whose action is {@link CohortAction#ADD} and whose other fields are unset (null)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The value of the identifying field, as a string (null when absent).
     *
     * @param key the identifying field
     * @return that field's value, the id as a decimal string; null when the command has none
     */
    public String key(CohortKey key) {
        return switch (key) {
            case ID -> id == null ? null : id.toString();
            case IDNUMBER -> idnumber;
            case NAME -> name;
        };
    }

    /** Builds a {@link CohortCommand}; {@code action} defaults to {@link CohortAction#ADD}. */
    public static final class Builder {
        private CohortAction action = CohortAction.ADD;
        private Long id;
        private String idnumber;
        private String name;
        private String description;
        private CohortContext context;
        private String component;
        private String member;

        private Builder() {
        }

        /**
         * Sets what to do; {@link CohortAction#ADD} unless set.
         *
         * @param v the action, not null
         * @return this builder
         */
        public Builder action(CohortAction v) { this.action = v; return this; }

        /**
         * Sets the cohort id ({@code cid} column), the key when cohorts are identified by id.
         *
         * @param v the cohort id (1 or more), or null
         * @return this builder
         */
        public Builder id(Long v) { this.id = v; return this; }

        /**
         * Sets the cohort idnumber ({@code cidnumber} column): the key by default, else the idnumber to set.
         *
         * @param v the idnumber (at most 100 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder idnumber(String v) { this.idnumber = v; return this; }

        /**
         * Sets the cohort name ({@code cname} column): the key when cohorts are identified by name, else the name to
         * set.
         *
         * @param v the name (at most 254 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder name(String v) { this.name = v; return this; }

        /**
         * Sets the description ({@code cdescription} column, HTML).
         *
         * @param v the description, or null to leave it unchanged
         * @return this builder
         */
        public Builder description(String v) { this.description = v; return this; }

        /**
         * Sets where the cohort lives ({@code ccatcontext}, {@code ccatcontextidnumber} or {@code ccatpath} column); an
         * existing cohort moves there.
         *
         * @param v the system context or a category, or null: a new cohort goes to the system context, an existing
         *          one stays where it is
         * @return this builder
         */
        public Builder context(CohortContext v) { this.context = v; return this; }

        /**
         * Sets the plugin owning the cohort ({@code component} column).
         *
         * @param v a plugin name such as {@code tool_sync}, {@code ""} for a cohort editable in Moodle's interface, or
         *          null to leave it unchanged
         * @return this builder
         */
        public Builder component(String v) { this.component = v; return this; }

        /**
         * Sets the user to add or remove ({@code userid} column).
         *
         * @param v the value of the users identifier ({@link CohortSyncOptions#userIdentifyBy()}), or null for no user
         * @return this builder
         */
        public Builder member(String v) { this.member = v; return this; }

        /**
         * Builds the command and checks its constraints.
         *
         * @return the command
         * @throws org.moodlesync.api.command.InvalidCommandException naming the field, when a required
         *         field is missing or a value breaks a constraint (length, range, format)
         */
        public CohortCommand build() {
            CohortCommand command = new CohortCommand(action, id, idnumber, name, description, context, component,
                    member);
            return CommandConstraints.check(command);
        }
    }
}
