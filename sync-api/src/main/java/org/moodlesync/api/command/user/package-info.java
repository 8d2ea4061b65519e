/** Commands of the users kinds (users file, user delete and suspend files) and their options. */
package org.moodlesync.api.command.user;
