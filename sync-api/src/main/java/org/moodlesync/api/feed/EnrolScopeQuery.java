package org.moodlesync.api.feed;

import java.util.List;
import java.util.Objects;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;

/**
 * Which enrolments a full feed reads: those through {@code method} in the scope's courses, their users and courses
 * named by the run's identifiers.
 *
 * @param feed      the feed's name (whose ownership is read); not blank
 * @param scope     the scope; not null
 * @param courses   for {@link FeedScope#coursesInFile()}: the course identifiers of this chunk; else empty
 * @param userKey   the field that names users; not null
 * @param courseKey the field that names courses; not null
 * @param method    the enrol plugin whose enrolments the feed manages ({@code manual}); not blank
 */
public record EnrolScopeQuery(String feed, FeedScope scope, List<String> courses, UserKey userKey,
                              CourseKey courseKey, String method) {

    /**
     * A query; the course list is copied.
     *
     * @param feed      the feed's name
     * @param scope     the scope
     * @param courses   the course identifiers of this chunk, or empty
     * @param userKey   the field that names users
     * @param courseKey the field that names courses
     * @param method    the enrol plugin
     * @throws NullPointerException     when a value is null
     * @throws IllegalArgumentException when the feed name or the method is blank
     */
    public EnrolScopeQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(courseKey, "courseKey");
        courses = List.copyOf(courses);
        if (Objects.requireNonNull(feed, "feed").isBlank()) {
            throw new IllegalArgumentException("a feed has a name");
        }
        if (Objects.requireNonNull(method, "method").isBlank()) {
            throw new IllegalArgumentException("a feed has an enrol method");
        }
    }
}
