/** The enrolment file: its columns, header check and row mapping (tool_sync §6). */
package org.moodlesync.core.internal.enrol;
