package org.moodlesync.core.internal.feed;

import java.nio.file.Path;
import java.util.Objects;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.RemovalLimit;

/**
 * How a run of group members, cohort members or users is a full feed.
 *
 * @param <A>      the kind's drop actions ({@link org.moodlesync.api.feed.MemberDropAction}, …)
 * @param name     the feed's name, whose ownership records it reads and writes
 * @param scope    what the file is the whole truth for
 * @param onAbsent what becomes of an owned membership the file no longer lists
 * @param limit    how much one run may remove before it is refused
 * @param undoDir  where the undo file goes, or null: beside the tryback file
 */
public record FeedSettings<A extends Enum<A>>(String name, FeedScope scope, A onAbsent, RemovalLimit limit,
                                 Path undoDir) {

    /**
     * Settings; the name is trimmed.
     *
     * @throws IllegalArgumentException when the name is blank or longer than 100 characters
     */
    public FeedSettings {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(onAbsent, "onAbsent");
        Objects.requireNonNull(limit, "limit");
        name = EnrolFeedSettings.checkedName(name);
    }

    /**
     * A full feed of this scope with the defaults: feed {@code default}, at most 10 % removed.
     *
     * @param scope    the scope
     * @param onAbsent the kind's default drop action
     * @param <A>      the kind's drop actions
     * @return the settings
     */
    public static <A extends Enum<A>> FeedSettings<A> of(FeedScope scope, A onAbsent) {
        return new FeedSettings<>(EnrolFeedSettings.DEFAULT_NAME, scope, onAbsent, RemovalLimit.DEFAULT, null);
    }

    /** {@return these settings with another scope} @param s the scope */
    public FeedSettings<A> withScope(FeedScope s) {
        return new FeedSettings<>(name, s, onAbsent, limit, undoDir);
    }

    /** {@return these settings under another name} @param n the name */
    public FeedSettings<A> withName(String n) {
        return new FeedSettings<>(n, scope, onAbsent, limit, undoDir);
    }

    /** {@return these settings with another action} @param a the action */
    public FeedSettings<A> withOnAbsent(A a) {
        return new FeedSettings<>(name, scope, a, limit, undoDir);
    }

    /** {@return these settings with another limit} @param l the limit */
    public FeedSettings<A> withLimit(RemovalLimit l) {
        return new FeedSettings<>(name, scope, onAbsent, l, undoDir);
    }

    /** {@return these settings with another undo directory} @param dir the directory, or null */
    public FeedSettings<A> withUndoDir(Path dir) {
        return new FeedSettings<>(name, scope, onAbsent, limit, dir);
    }
}
