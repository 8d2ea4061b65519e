package org.moodlesync.api.command.course;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * A line of the meta-course bindings file: link a meta course to a master course (Moodle's "course meta link"
 * enrolment, instance {@code meta} in the meta course pulling the master course's participants), or unlink it.
 *
 * @param master the course whose participants are pulled, by the file's identifier
 * @param meta   the meta course that gets the {@code meta} enrolment instance, by the file's identifier
 * @param action add (default) or delete
 */
public record CourseMetaCommand(@NotBlank @Size(max = 255) String master, @NotBlank @Size(max = 255) String meta,
                                @NotNull Action action) {

    /** What a meta line asks for. */
    public enum Action {
        /** Create the link, or enable it again when it exists disabled. */
        ADD,
        /** Disable the link (tool_sync's intended {@code del}; Moodle keeps the instance, its enrolments stop). */
        DELETE
    }

    /**
     * Checks that every component is given.
     *
     * @param master the course whose participants are pulled, by the file's identifier
     * @param meta   the meta course that gets the {@code meta} enrolment instance, by the file's identifier
     * @param action add (default) or delete
     * @throws NullPointerException when one of them is null
     */
    public CourseMetaCommand {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(action, "action");
    }

    /**
     * A line linking a meta course to a master course.
     *
     * @param master the course whose participants are pulled
     * @param meta   the meta course
     * @return the command, action {@link Action#ADD}
     */
    public static CourseMetaCommand add(String master, String meta) {
        return new CourseMetaCommand(master, meta, Action.ADD);
    }

    /**
     * A line unlinking a meta course from a master course.
     *
     * @param master the course whose participants were pulled
     * @param meta   the meta course
     * @return the command, action {@link Action#DELETE}
     */
    public static CourseMetaCommand delete(String master, String meta) {
        return new CourseMetaCommand(master, meta, Action.DELETE);
    }
}
