package org.moodlesync.jooq.internal.user;

import org.moodlesync.jooq.internal.cohort.UserCohorts;

/**
 * What the lines of one chunk of a users file share while they are planned and written: the users they name, their
 * prepared password hashes, the cohorts of their {@code cohort} columns, and the chunk's clock.
 *
 * @param lookup    the stored users the chunk's lines name (and, as lines run, the users they created or changed)
 * @param passwords the password hashes prepared for the chunk's lines
 * @param cohorts   the cohorts the chunk's {@code cohort}/{@code cohortid} columns name
 * @param now       the chunk's time, in seconds since the epoch
 */
record UserChunk(UserLookup lookup, PreparedPasswords passwords, UserCohorts.Chunk cohorts, long now) {
}
