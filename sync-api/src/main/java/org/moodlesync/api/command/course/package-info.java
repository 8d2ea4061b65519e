/**
 * Commands of the course kinds: the course file (create, update, from a template), the delete, existence check and
 * reset files, and the meta-course bindings file; their identifiers and options.
 */
package org.moodlesync.api.command.course;
