package org.moodlesync.core.internal.feed;

import java.nio.file.Path;
import java.util.Objects;
import org.moodlesync.api.feed.EnrolDropAction;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.RemovalLimit;

/**
 * How an enrolment run is a full feed.
 *
 * @param name     the feed's name, whose ownership records it reads and writes
 * @param scope    what the file is the whole truth for
 * @param onAbsent what becomes of an owned enrolment the file no longer lists
 * @param limit    how much one run may remove before it is refused
 * @param method   the enrol plugin whose enrolments the feed manages
 * @param undoDir  where the undo file goes, or null: beside the tryback file
 */
public record EnrolFeedSettings(String name, FeedScope scope, EnrolDropAction onAbsent, RemovalLimit limit,
                                String method, Path undoDir) {

    /** The name of a feed that was given none. */
    public static final String DEFAULT_NAME = "default";

    /**
     * Settings; the name is trimmed.
     *
     * @throws IllegalArgumentException when the name is blank or longer than 100 characters
     */
    public EnrolFeedSettings {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(onAbsent, "onAbsent");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(method, "method");
        name = checkedName(name);
    }

    /**
     * A feed's name, trimmed.
     *
     * @param name the name
     * @return the name, trimmed
     * @throws IllegalArgumentException when it is blank or longer than 100 characters
     */
    static String checkedName(String name) {
        String n = Objects.requireNonNull(name, "name").trim();
        if (n.isEmpty() || n.length() > 100) {
            throw new IllegalArgumentException("a feed's name has 1 to 100 characters: \"" + n + "\"");
        }
        return n;
    }

    /**
     * A full feed of this scope with the defaults: feed {@value #DEFAULT_NAME}, absent enrolments suspended, at
     * most 10 % removed, the manual method.
     *
     * @param scope the scope
     * @return the settings
     */
    public static EnrolFeedSettings of(FeedScope scope) {
        return new EnrolFeedSettings(DEFAULT_NAME, scope, EnrolDropAction.SUSPEND, RemovalLimit.DEFAULT, "manual",
                null);
    }

    /** {@return these settings under another name} @param n the name */
    public EnrolFeedSettings withName(String n) {
        return new EnrolFeedSettings(n, scope, onAbsent, limit, method, undoDir);
    }

    /** {@return these settings with another action} @param a the action */
    public EnrolFeedSettings withOnAbsent(EnrolDropAction a) {
        return new EnrolFeedSettings(name, scope, a, limit, method, undoDir);
    }

    /** {@return these settings with another limit} @param l the limit */
    public EnrolFeedSettings withLimit(RemovalLimit l) {
        return new EnrolFeedSettings(name, scope, onAbsent, l, method, undoDir);
    }

    /** {@return these settings with another method} @param m the enrol plugin */
    public EnrolFeedSettings withMethod(String m) {
        return new EnrolFeedSettings(name, scope, onAbsent, limit, m, undoDir);
    }

    /** {@return these settings with another undo directory} @param dir the directory, or null */
    public EnrolFeedSettings withUndoDir(Path dir) {
        return new EnrolFeedSettings(name, scope, onAbsent, limit, method, dir);
    }
}
