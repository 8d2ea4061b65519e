package org.moodlesync.api.command.enrol;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.moodlesync.api.command.CourseKey;

/**
 * One course enrolment of a users file line (tool_sync's {@code courseN}, {@code roleN}, {@code enrolN},
 * {@code groupN}, {@code startN}, {@code endN}), applied after the user is created or updated, with the writers of
 * the enrolment file. It only adds: the user is enrolled (or the enrolment gets the role and the times), the role
 * assigned, the group joined (and created when missing).
 *
 * <pre>{@code
 * UserCommand.builder().username("jdoe")...
 *         .enrolment(CourseEnrolment.in("CHEM101").withRole("student").withGroup("Lab A"))
 *         .build();
 * }</pre>
 *
 * @param index     N of the columns the enrolment comes from (1 for commands built in code), for error messages
 * @param course    the course, by {@code courseKey}
 * @param courseKey how {@code course} identifies the course (tool_sync's {@code courses_primaryidentity})
 * @param role      role shortname, or null for the enrol instance's default role (student on a standard site)
 * @param method    enrol plugin name; null in role-only mode
 * @param roleOnly  true: only a role assignment, no enrolment ({@code enrolN} = {@code none})
 * @param timeStart enrolment start, or null (now for a new enrolment, else unchanged)
 * @param timeEnd   enrolment end, or null (none for a new enrolment, else unchanged)
 * @param group     name of a group of the course to join (created when missing), or null
 */
public record CourseEnrolment(
        @Min(1) int index,
        @NotBlank @Size(max = 255) String course,
        @NotNull CourseKey courseKey,
        @Size(max = 100) String role,
        @Size(max = 20) @Pattern(regexp = "[a-z0-9_]+", message = "must be an enrol plugin name") String method,
        boolean roleOnly,
        EnrolTime timeStart,
        EnrolTime timeEnd,
        @Size(max = 254) String group) {

    /**
     * Checks the enrolment and normalises it: without role-only mode a null method becomes
     * {@link EnrolCommand#DEFAULT_METHOD}; an empty role or group becomes null.
     *
     * @param index     N of the columns the enrolment comes from (1 for commands built in code), for error messages
     * @param course    the course, by {@code courseKey}
     * @param courseKey how {@code course} identifies the course (tool_sync's {@code courses_primaryidentity})
     * @param role      role shortname, or null for the enrol instance's default role (student on a standard site)
     * @param method    enrol plugin name; null in role-only mode
     * @param roleOnly  true: only a role assignment, no enrolment ({@code enrolN} = {@code none})
     * @param timeStart enrolment start, or null (now for a new enrolment, else unchanged)
     * @param timeEnd   enrolment end, or null (none for a new enrolment, else unchanged)
     * @param group     name of a group of the course to join (created when missing), or null
     * @throws NullPointerException     when {@code courseKey} is null
     * @throws IllegalArgumentException when a role-only enrolment names a method
     */
    public CourseEnrolment {
        Objects.requireNonNull(courseKey, "courseKey");
        if (roleOnly && method != null) {
            throw new IllegalArgumentException("a role-only enrolment has no enrol method");
        }
        if (!roleOnly && method == null) {
            method = EnrolCommand.DEFAULT_METHOD;
        }
        if (role != null && role.isEmpty()) {
            role = null;
        }
        if (group != null && group.isEmpty()) {
            group = null;
        }
    }

    /**
     * A manual enrolment with the instance's default role in the course with this shortname.
     *
     * @param shortname the course's short name ({@code course.shortname})
     * @return the enrolment, with index 1
     */
    public static CourseEnrolment in(String shortname) {
        return new CourseEnrolment(1, shortname, CourseKey.SHORTNAME, null, null, false, null, null, null);
    }

    /**
     * A copy with another column index.
     *
     * @param n the N of the {@code courseN} columns it comes from, 1 or more
     * @return the changed copy
     */
    public CourseEnrolment withIndex(int n) {
        return new CourseEnrolment(n, course, courseKey, role, method, roleOnly, timeStart, timeEnd, group);
    }

    /**
     * A copy in which {@code course} identifies the course by another field.
     *
     * @param key the course field
     * @return the changed copy
     */
    public CourseEnrolment withCourseKey(CourseKey key) {
        return new CourseEnrolment(index, course, key, role, method, roleOnly, timeStart, timeEnd, group);
    }

    /**
     * A copy with another role.
     *
     * @param shortname the role's short name ({@code role.shortname}), or null for the instance's default role
     * @return the changed copy
     */
    public CourseEnrolment withRole(String shortname) {
        return new CourseEnrolment(index, course, courseKey, shortname, method, roleOnly, timeStart, timeEnd, group);
    }

    /**
     * Through an instance of this enrol method (clears role-only mode).
     *
     * @param plugin the enrol plugin name, for example {@code manual}
     * @return the changed copy
     */
    public CourseEnrolment withMethod(String plugin) {
        return new CourseEnrolment(index, course, courseKey, role, plugin, false, timeStart, timeEnd, group);
    }

    /**
     * Only a role assignment, no enrolment.
     *
     * @return the changed copy, without an enrol method
     */
    public CourseEnrolment asRoleOnly() {
        return new CourseEnrolment(index, course, courseKey, role, null, true, timeStart, timeEnd, group);
    }

    /**
     * A copy with other enrolment times ({@code user_enrolments.timestart} and {@code timeend}).
     *
     * @param start the start, or null: now for a new enrolment, unchanged for an existing one
     * @param end   the end, or null: none for a new enrolment, unchanged for an existing one
     * @return the changed copy
     */
    public CourseEnrolment withTimes(EnrolTime start, EnrolTime end) {
        return new CourseEnrolment(index, course, courseKey, role, method, roleOnly, start, end, group);
    }

    /**
     * A copy joining a group of the course.
     *
     * @param name the group's name, created when missing; null or empty for no group
     * @return the changed copy
     */
    public CourseEnrolment withGroup(String name) {
        return new CourseEnrolment(index, course, courseKey, role, method, roleOnly, timeStart, timeEnd, name);
    }

    /**
     * The same enrolment as a line of the enrolment file ({@code add}, group joined with creation).
     *
     * @param user the value of the command's {@code user} field, naming the user to enrol
     * @return the enrolment command
     */
    public EnrolCommand toCommand(String user) {
        EnrolCommand.Builder b = EnrolCommand.builder().action(EnrolAction.ADD).user(user).course(course)
                .role(role).timeStart(timeStart).timeEnd(timeEnd);
        if (roleOnly) {
            b.roleOnly();
        } else {
            b.method(method);
        }
        if (group != null) {
            b.groups(EnrolGroupAction.ADD_CREATE, group);
        }
        return b.build();
    }
}
