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

    /**
     * Checks that both keys are given.
     *
     * @param identifyBy     the field matching lines to cohorts (tool_sync's {@code cohorts_cohortidentifier},
     *                       default {@code idnumber}); its column ({@code cid}, {@code cidnumber}, {@code cname}) is
     *                       required in the file
     * @param userIdentifyBy the user field the {@code userid} column holds (tool_sync's
     *                       {@code cohorts_useridentifier}, default {@code idnumber})
     * @param autoCreate     create missing cohorts on {@code add} (tool_sync's {@code cohorts_autocreate}, default on)
     * @throws NullPointerException when a key is null
     */
    public CohortSyncOptions {
        Objects.requireNonNull(identifyBy, "identifyBy");
        Objects.requireNonNull(userIdentifyBy, "userIdentifyBy");
    }

    /**
     * tool_sync's defaults: cohorts by idnumber, users by idnumber, create missing cohorts.
     *
     * @return the default options
     */
    public static CohortSyncOptions defaults() {
        return new CohortSyncOptions(CohortKey.IDNUMBER, UserKey.IDNUMBER, true);
    }

    /**
     * A copy matching lines to cohorts by another field.
     *
     * @param key the cohort field
     * @return the changed copy
     */
    public CohortSyncOptions withIdentifyBy(CohortKey key) {
        return new CohortSyncOptions(key, userIdentifyBy, autoCreate);
    }

    /**
     * A copy reading the {@code userid} column as another user field.
     *
     * @param key the user field
     * @return the changed copy
     */
    public CohortSyncOptions withUserIdentifyBy(UserKey key) {
        return new CohortSyncOptions(identifyBy, key, autoCreate);
    }

    /**
     * A copy creating, or not, missing cohorts on {@code add}.
     *
     * @param on true: missing cohorts are created
     * @return the changed copy
     */
    public CohortSyncOptions withAutoCreate(boolean on) {
        return new CohortSyncOptions(identifyBy, userIdentifyBy, on);
    }
}
