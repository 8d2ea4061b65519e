package org.moodlesync.api.command.group;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.moodlesync.api.command.InvalidCommandException;

/**
 * One line of the group members file, typed: a user joins or leaves a group, or moves to it from the other groups of
 * the course ({@link MemberAction#SHIFT}). A member must be enrolled in the group's course.
 *
 * @param action what to do
 * @param course the course, by the run's course identifier; may be null when groups are identified by id
 * @param group  the group, by the run's group identifier
 * @param user   the user, by the run's user identifier
 */
public record GroupMemberCommand(
        @NotNull MemberAction action,
        @Size(max = 255) String course,
        @NotBlank @Size(max = 254) String group,
        @NotBlank @Size(max = 255) String user) {

    /**
     * Checks that an action is given; an empty course becomes null.
     *
     * @param action what to do
     * @param course the course, by the run's course identifier; may be null when groups are identified by id
     * @param group  the group, by the run's group identifier
     * @param user   the user, by the run's user identifier
     * @throws InvalidCommandException when {@code action} is null
     */
    public GroupMemberCommand {
        if (action == null) {
            throw new InvalidCommandException("GroupMemberCommand", "action", "must not be null");
        }
        course = course == null || course.isEmpty() ? null : course;
    }

    /**
     * {@code user} joins {@code group} of {@code course}.
     *
     * @param course the course, by the run's course identifier, or null when groups are identified by id
     * @param group  the group, by the run's group identifier
     * @param user   the user, by the run's user identifier
     * @return the command
     */
    public static GroupMemberCommand add(String course, String group, String user) {
        return new GroupMemberCommand(MemberAction.ADD, course, group, user);
    }

    /**
     * {@code user} leaves {@code group} of {@code course}.
     *
     * @param course the course, by the run's course identifier, or null when groups are identified by id
     * @param group  the group, by the run's group identifier
     * @param user   the user, by the run's user identifier
     * @return the command
     */
    public static GroupMemberCommand delete(String course, String group, String user) {
        return new GroupMemberCommand(MemberAction.DELETE, course, group, user);
    }

    /**
     * {@code user} leaves the other groups of {@code course} and joins {@code group}.
     *
     * @param course the course, by the run's course identifier, or null when groups are identified by id
     * @param group  the group, by the run's group identifier
     * @param user   the user, by the run's user identifier
     * @return the command
     */
    public static GroupMemberCommand shift(String course, String group, String user) {
        return new GroupMemberCommand(MemberAction.SHIFT, course, group, user);
    }
}
