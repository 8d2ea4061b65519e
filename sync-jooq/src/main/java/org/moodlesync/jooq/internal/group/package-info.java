/** The writers of the groups and groupings file and of the group members file. */
package org.moodlesync.jooq.internal.group;
