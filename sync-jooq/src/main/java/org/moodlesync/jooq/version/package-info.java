/**
 * The Moodle versions moodle-sync knows, and the check that keeps it from writing into a site whose schema it does
 * not mirror: {@link org.moodlesync.jooq.version.MoodleBranch}, {@link org.moodlesync.jooq.version.MoodleVersion}.
 */
package org.moodlesync.jooq.version;
