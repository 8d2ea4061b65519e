/**
 * Reading command files: {@link org.moodlesync.core.read.CsvFormat} (tool_sync's dialect or RFC 4180, separator,
 * encoding, header and comment conventions), {@link org.moodlesync.core.read.RowReaders} (streaming
 * {@link org.moodlesync.api.source.RowSource}s with line numbers and raw text) and
 * {@link org.moodlesync.core.read.HeaderRules} (required, allowed and unknown columns).
 */
package org.moodlesync.core.read;
