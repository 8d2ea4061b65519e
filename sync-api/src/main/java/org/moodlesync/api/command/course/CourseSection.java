package org.moodlesync.api.command.course;

import jakarta.validation.constraints.Size;

/**
 * The name and summary of one course section (tool_sync's {@code topicN} column, {@code name|summary}).
 *
 * @param name    the section name, or null to leave it (a new section then has Moodle's default name); empty
 *                gives the default name back (255 characters before Moodle 5.1, 1333 from 5.1: the writer checks
 *                the site)
 * @param summary the section summary (HTML), or null to leave it
 */
public record CourseSection(@Size(max = 1333) String name, String summary) {
}
