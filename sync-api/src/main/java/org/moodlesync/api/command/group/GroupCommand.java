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

        public Builder action(GroupAction v) { this.action = v; return this; }
        public Builder type(GroupType v) { this.type = v; return this; }
        public Builder course(String v) { this.course = v; return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder idnumber(String v) { this.idnumber = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder updateId(String v) { this.updateId = v; return this; }
        public Builder selfGrouping(boolean v) { this.selfGrouping = v; return this; }
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
