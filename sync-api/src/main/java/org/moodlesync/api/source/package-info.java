/** Rows read from command files, with their file, line number and raw text. */
package org.moodlesync.api.source;
