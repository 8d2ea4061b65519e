package org.moodlesync.api.feed;

import java.util.Objects;
import org.moodlesync.api.command.UserKey;

/**
 * Which users a full feed of users reads: every user of the scope that is not deleted, a site administrator or the
 * guest account, named by the run's identifier.
 *
 * @param feed    the feed's name (whose ownership is read); not blank
 * @param scope   {@link FeedScope#authMethod}, {@link FeedScope#profileField} or {@link FeedScope#wholeSite()}
 * @param userKey the field that names users in the file (the run's {@code identifyBy}); not null
 */
public record UserScopeQuery(String feed, FeedScope scope, UserKey userKey) {

    /**
     * A query.
     *
     * @param feed    the feed's name
     * @param scope   the scope
     * @param userKey the field that names users
     * @throws NullPointerException     when a value is null
     * @throws IllegalArgumentException when the feed name is blank
     */
    public UserScopeQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(userKey, "userKey");
        if (Objects.requireNonNull(feed, "feed").isBlank()) {
            throw new IllegalArgumentException("a feed has a name");
        }
    }
}
