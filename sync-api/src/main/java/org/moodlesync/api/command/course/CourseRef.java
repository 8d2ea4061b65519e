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

    public CourseRef {
        Objects.requireNonNull(identifier, "identifier");
    }

    public static CourseRef of(String identifier) {
        return new CourseRef(identifier);
    }
}
