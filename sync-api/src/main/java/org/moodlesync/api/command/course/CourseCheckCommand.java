package org.moodlesync.api.command.course;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * A line of a course existence check file: does this course exist? Never writes.
 *
 * @param identifier  the shortname, idnumber or id of the course, as the file's identifier says
 * @param description the line's free description (tool_sync's second value), repeated in the result, or null
 */
public record CourseCheckCommand(@NotBlank @Size(max = 255) String identifier, String description) {

    /**
     * Checks that an identifier is given.
     *
     * @param identifier  the shortname, idnumber or id of the course, as the file's identifier says
     * @param description the line's free description (tool_sync's second value), repeated in the result, or null
     * @throws NullPointerException when {@code identifier} is null
     */
    public CourseCheckCommand {
        Objects.requireNonNull(identifier, "identifier");
    }

    /**
     * A check without description.
     *
     * @param identifier the shortname, idnumber or id of the course
     * @return the command
     */
    public static CourseCheckCommand of(String identifier) {
        return new CourseCheckCommand(identifier, null);
    }
}
