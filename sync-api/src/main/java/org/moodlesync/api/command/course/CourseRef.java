package org.moodlesync.api.command.course;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.moodlesync.api.command.CourseKey;

/**
 * One course named by the value of an identifier ({@link CourseKey}): a line of a delete file.
 *
 * @param identifier the shortname, idnumber or id of the course, as the file's identifier says
 */
public record CourseRef(@NotBlank @Size(max = 255) String identifier) {

    /**
     * Checks that an identifier is given.
     *
     * @param identifier the shortname, idnumber or id of the course, as the file's identifier says
     * @throws NullPointerException when {@code identifier} is null
     */
    public CourseRef {
        Objects.requireNonNull(identifier, "identifier");
    }

    /**
     * The course named by this identifier.
     *
     * @param identifier the shortname, idnumber or id of the course
     * @return the reference
     */
    public static CourseRef of(String identifier) {
        return new CourseRef(identifier);
    }
}
