package org.moodlesync.api.command.group;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.moodlesync.api.command.CommandConstraints;
import org.moodlesync.api.command.InvalidCommandException;

/**
 * One line of the groups and groupings file, typed: create, update or delete one group or grouping of a course.
 *
 * <p>Which existing group (grouping) a line means: the one {@code updateId} names by the run's group (grouping)
 * identifier, when given; else the one with the line's {@code idnumber}, when given; else the one with the line's
 * {@code name} — always within the line's course. A create-or-update line that finds none creates it.
 *
 * <pre>{@code
 * GroupCommand lab = GroupCommand.builder().course("CHEM101").name("Lab A").idnumber("CHEM101-A")
 *         .description("Monday lab").grouping("CHEM101-LABS").build();
 * }</pre>
 *
 * @param action       create or update, or delete
 * @param type         group or grouping
 * @param course       the course, by the run's course identifier
 * @param name         the name (groups: 254 characters at most, groupings 255); may be null on delete lines that
 *                     give an idnumber or updateid
 * @param idnumber     the idnumber (unique in the course when not empty), or null to keep the stored one ({@code ''}
 *                     for a new one)
 * @param description  the description (HTML), or null to keep the stored one
 * @param updateId     the current identifier of the group or grouping to update (rename), or null
 * @param selfGrouping for a group: also ensure a grouping of the same name holding it
 * @param grouping     for a group: a grouping of the course (by idnumber, else by name) the group is added to, or null
 */
public record GroupCommand(
        @NotNull GroupAction action,
        @NotNull GroupType type,
        @NotBlank @Size(max = 255) String course,
        @Size(max = 255) String name,
        @Size(max = 100) String idnumber,
        String description,
        @Size(max = 255) String updateId,
        boolean selfGrouping,
        @Size(max = 255) String grouping) {

    /**
     * Checks the line: an action and a type are given, a create-or-update line has a name, a delete line says which
     * group (name, idnumber or updateid), and {@code selfGrouping} and {@code grouping} are only set for groups. Name
     * and idnumber are trimmed; an empty updateid or grouping becomes null.
     *
     * @param action       create or update, or delete
     * @param type         group or grouping
     * @param course       the course, by the run's course identifier
     * @param name         the name (groups: 254 characters at most, groupings 255); may be null on delete lines that
     *                     give an idnumber or updateid
     * @param idnumber     the idnumber (unique in the course when not empty), or null to keep the stored one
     *                     ({@code ''} for a new one)
     * @param description  the description (HTML), or null to keep the stored one
     * @param updateId     the current identifier of the group or grouping to update (rename), or null
     * @param selfGrouping for a group: also ensure a grouping of the same name holding it
     * @param grouping     for a group: a grouping of the course (by idnumber, else by name) the group is added to, or
     *                     null
     * @throws InvalidCommandException when one of these checks fails
     */
    public GroupCommand {
        if (action == null) {
            throw new InvalidCommandException("GroupCommand", "action", "must not be null");
        }
        if (type == null) {
            throw new InvalidCommandException("GroupCommand", "type", "must not be null");
        }
        name = name == null ? null : name.trim();
        idnumber = idnumber == null ? null : idnumber.trim();
        updateId = updateId == null || updateId.isEmpty() ? null : updateId;
        grouping = grouping == null || grouping.isEmpty() ? null : grouping;
        if (action == GroupAction.CREATE_OR_UPDATE && (name == null || name.isEmpty())) {
            throw new InvalidCommandException("GroupCommand", "name", "a group or grouping needs a name");
        }
        if (action == GroupAction.DELETE && (name == null || name.isEmpty()) && (idnumber == null || idnumber.isEmpty())
                && updateId == null) {
            throw new InvalidCommandException("GroupCommand", "name",
                    "say which group to delete: name, idnumber or updateid");
        }
        if (type == GroupType.GROUPING && (selfGrouping || grouping != null)) {
            throw new InvalidCommandException("GroupCommand", "selfGrouping",
                    "selfgrouping and grouping are for groups, not groupings");
        }
    }

    /**
     * A builder for a new command (see the example in the class comment).
     *
     * @return a builder for a group, created or updated, with the other fields unset
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "GroupCommand[" + action + " " + type + " course=" + course + " name=" + name + " idnumber=" + idnumber
                + "]";
    }

    /** Builds a {@link GroupCommand}: a group, created or updated, unless told otherwise. */
    public static final class Builder {
        private GroupAction action = GroupAction.CREATE_OR_UPDATE;
        private GroupType type = GroupType.GROUP;
        private String course;
        private String name;
        private String idnumber;
        private String description;
        private String updateId;
        private boolean selfGrouping;
        private String grouping;

        private Builder() {
        }

        /**
         * Sets what to do ({@code cmd} column); {@link GroupAction#CREATE_OR_UPDATE} unless set.
         *
         * @param v the action, not null
         * @return this builder
         */
        public Builder action(GroupAction v) { this.action = v; return this; }

        /**
         * Sets whether the line is about a group or a grouping ({@code type} column); {@link GroupType#GROUP} unless
         * set.
         *
         * @param v the type, not null
         * @return this builder
         */
        public Builder type(GroupType v) { this.type = v; return this; }

        /**
         * Sets the course ({@code courseid} column), required.
         *
         * @param v the course, by the run's course identifier (shortname by default)
         * @return this builder
         */
        public Builder course(String v) { this.course = v; return this; }

        /**
         * Sets the name ({@code name} column), required unless a delete line gives an idnumber or updateid.
         *
         * @param v the name (groups at most 254 characters, groupings 255); trimmed
         * @return this builder
         */
        public Builder name(String v) { this.name = v; return this; }

        /**
         * Sets the idnumber ({@code idnumber} column), unique in the course when not empty; an empty one clears it.
         *
         * @param v the idnumber (at most 100 characters), or null to keep the stored one
         * @return this builder
         */
        public Builder idnumber(String v) { this.idnumber = v; return this; }

        /**
         * Sets the description ({@code description} column, HTML); an empty one clears it.
         *
         * @param v the description, or null to keep the stored one
         * @return this builder
         */
        public Builder description(String v) { this.description = v; return this; }

        /**
         * Sets the current identifier of the group (grouping) to update ({@code updateid} column), so that a line can
         * rename.
         *
         * @param v the identifier, by the run's group (grouping) identifier, or null
         * @return this builder
         */
        public Builder updateId(String v) { this.updateId = v; return this; }

        /**
         * For a group: also ensures a grouping of the group's name holding it ({@code selfgrouping} column).
         *
         * @param v true to ensure that grouping
         * @return this builder
         */
        public Builder selfGrouping(boolean v) { this.selfGrouping = v; return this; }

        /**
         * For a group: a grouping of the course the group is put into ({@code grouping} column); it must exist.
         *
         * @param v the grouping, by idnumber or else by name, or null
         * @return this builder
         */
        public Builder grouping(String v) { this.grouping = v; return this; }

        /**
         * Builds the command and checks its constraints.
         *
         * @return the command
         * @throws org.moodlesync.api.command.InvalidCommandException naming the field, when a required
         *         field is missing or a value breaks a constraint (length, range, format)
         */
        public GroupCommand build() {
            GroupCommand command = new GroupCommand(action, type, course, name, idnumber, description, updateId,
                    selfGrouping, grouping);
            return CommandConstraints.check(command);
        }
    }
}
