package org.moodlesync.api.command.cohort;

import java.util.Objects;
import org.moodlesync.api.command.UserKey;

/**
 * Options of the cohorts kind, tool_sync's cohort settings as typed values. Immutable; change with the
 * {@code withX} methods.
 *
 * @param identifyBy     the field matching lines to cohorts (tool_sync's {@code cohorts_cohortidentifier},
 *                       default {@code idnumber}); its column ({@code cid}, {@code cidnumber}, {@code cname}) is
 *                       required in the file
 * @param userIdentifyBy the user field the {@code userid} column holds (tool_sync's
 *                       {@code cohorts_useridentifier}, default {@code idnumber})
 * @param autoCreate     create missing cohorts on {@code add} (tool_sync's {@code cohorts_autocreate}, default on)
 */
public record CohortSyncOptions(CohortKey identifyBy, UserKey userIdentifyBy, boolean autoCreate) {

    public CohortSyncOptions {
        Objects.requireNonNull(identifyBy, "identifyBy");
        Objects.requireNonNull(userIdentifyBy, "userIdentifyBy");
    }

    /** tool_sync's defaults: cohorts by idnumber, users by idnumber, create missing cohorts. */
    public static CohortSyncOptions defaults() {
        return new CohortSyncOptions(CohortKey.IDNUMBER, UserKey.IDNUMBER, true);
    }

    public CohortSyncOptions withIdentifyBy(CohortKey key) {
        return new CohortSyncOptions(key, userIdentifyBy, autoCreate);
    }

    public CohortSyncOptions withUserIdentifyBy(UserKey key) {
        return new CohortSyncOptions(identifyBy, key, autoCreate);
    }

    public CohortSyncOptions withAutoCreate(boolean on) {
        return new CohortSyncOptions(identifyBy, userIdentifyBy, on);
    }
}
