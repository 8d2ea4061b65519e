/** Structured results: per line (outcome, changes, messages, error with file:line:column) and per run (counts, timing). */
package org.moodlesync.api.result;
