package org.moodlesync.api.feed;

import java.util.List;
import java.util.Objects;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.cohort.CohortKey;

/**
 * Which cohort memberships a full feed reads: the members of the scope's cohorts, users and cohorts named by the
 * run's identifiers.
 *
 * @param feed      the feed's name (whose ownership is read); not blank
 * @param scope     {@link FeedScope#cohortsInFile()} or {@link FeedScope#wholeSite()}; not null
 * @param cohorts   for {@link FeedScope#cohortsInFile()}: the cohort identifiers of this chunk; else empty
 * @param userKey   the field that names users; not null
 * @param cohortKey the field that names cohorts; not null
 */
public record CohortMemberScopeQuery(String feed, FeedScope scope, List<String> cohorts, UserKey userKey,
                                     CohortKey cohortKey) {

    /**
     * A query; the list is copied.
     *
     * @param feed      the feed's name
     * @param scope     the scope
     * @param cohorts   the cohort identifiers of this chunk, or empty
     * @param userKey   the field that names users
     * @param cohortKey the field that names cohorts
     * @throws NullPointerException     when a value is null
     * @throws IllegalArgumentException when the feed name is blank
     */
    public CohortMemberScopeQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(cohortKey, "cohortKey");
        cohorts = List.copyOf(cohorts);
        if (Objects.requireNonNull(feed, "feed").isBlank()) {
            throw new IllegalArgumentException("a feed has a name");
        }
    }
}
