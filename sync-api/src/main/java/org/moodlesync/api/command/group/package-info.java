/** Commands of the groups kinds (tool_sync's groups and groupings file, group members file) and their options. */
package org.moodlesync.api.command.group;
