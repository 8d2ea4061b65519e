/** The groups and groupings file and the group members file: columns, header checks, row mapping (tool_sync §7). */
package org.moodlesync.core.internal.group;
