/**
 * The enrolment writers: enrolments, role assignments and group memberships of users in courses, written row for
 * row as Moodle's enrol, access and group APIs write them. Shared by the enrolment file, the users file's course
 * columns and the group files.
 */
package org.moodlesync.jooq.internal.enrol;
