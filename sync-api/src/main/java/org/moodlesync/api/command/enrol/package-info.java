/**
 * Commands of the enrolments kind (tool_sync's enrolment file) and the course enrolments of a users file line
 * ({@code courseN}, {@code roleN}, {@code enrolN}, {@code groupN}, {@code startN}, {@code endN}), with their options.
 */
package org.moodlesync.api.command.enrol;
