package org.moodlesync.core.internal.feed;

import java.nio.file.Path;
import java.util.Objects;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.MemberDropAction;
import org.moodlesync.api.feed.RemovalLimit;

/**
 * How a group members run is a full feed.
 *
 * @param name     the feed's name, whose ownership records it reads and writes
 * @param scope    what the file is the whole truth for
 * @param onAbsent what becomes of an owned membership the file no longer lists
 * @param limit    how much one run may remove before it is refused
 * @param undoDir  where the undo file goes, or null: beside the tryback file
 */
public record MemberFeedSettings(String name, FeedScope scope, MemberDropAction onAbsent, RemovalLimit limit,
                                 Path undoDir) {

    /**
     * Settings; the name is trimmed.
     *
     * @throws IllegalArgumentException when the name is blank or longer than 100 characters
     */
    public MemberFeedSettings {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(onAbsent, "onAbsent");
        Objects.requireNonNull(limit, "limit");
        name = EnrolFeedSettings.checkedName(name);
    }

    /**
     * A full feed of this scope with the defaults: feed {@code default}, absent members removed, at most 10 %.
     *
     * @param scope the scope
     * @return the settings
     */
    public static MemberFeedSettings of(FeedScope scope) {
        return new MemberFeedSettings(EnrolFeedSettings.DEFAULT_NAME, scope, MemberDropAction.REMOVE,
                RemovalLimit.DEFAULT, null);
    }

    /** {@return these settings with another scope} @param s the scope */
    public MemberFeedSettings withScope(FeedScope s) {
        return new MemberFeedSettings(name, s, onAbsent, limit, undoDir);
    }

    /** {@return these settings under another name} @param n the name */
    public MemberFeedSettings withName(String n) {
        return new MemberFeedSettings(n, scope, onAbsent, limit, undoDir);
    }

    /** {@return these settings with another action} @param a the action */
    public MemberFeedSettings withOnAbsent(MemberDropAction a) {
        return new MemberFeedSettings(name, scope, a, limit, undoDir);
    }

    /** {@return these settings with another limit} @param l the limit */
    public MemberFeedSettings withLimit(RemovalLimit l) {
        return new MemberFeedSettings(name, scope, onAbsent, l, undoDir);
    }

    /** {@return these settings with another undo directory} @param dir the directory, or null */
    public MemberFeedSettings withUndoDir(Path dir) {
        return new MemberFeedSettings(name, scope, onAbsent, limit, dir);
    }
}
