package org.moodlesync.api.command.course;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * A teacher of a course (tool_sync's {@code teacherN_account} and {@code teacherN_role} columns): the user is
 * enrolled in the course's manual enrolment instance with this role.
 *
 * @param account the user: a user id, or a username, idnumber or e-mail that matches exactly one user
 * @param role    the role's shortname, or null for tool_sync's {@code teacher} (non-editing teacher)
 */
public record CourseTeacher(@NotBlank @Size(max = 255) String account, @Size(max = 100) String role) {

    /** The role tool_sync gives when the line names none. */
    public static final String DEFAULT_ROLE = "teacher";

    /**
     * Checks that an account is given.
     *
     * @param account the user: a user id, or a username, idnumber or e-mail that matches exactly one user
     * @param role    the role's shortname, or null for tool_sync's {@code teacher} (non-editing teacher)
     * @throws NullPointerException when {@code account} is null
     */
    public CourseTeacher {
        Objects.requireNonNull(account, "account");
    }

    /**
     * The role's shortname, defaulted.
     *
     * @return {@code role}, or {@link #DEFAULT_ROLE} when it is null or empty
     */
    public String roleOrDefault() {
        return role == null || role.isEmpty() ? DEFAULT_ROLE : role;
    }
}
