/**
 * Commands of the user pictures kind: set a user's picture (the three icons Moodle stores) or remove it, and the
 * options and limits of a pictures run.
 */
package org.moodlesync.api.command.picture;
