/**
 * Reading command files: {@link org.moodlesync.core.csv.CsvFormat} (tool_sync's dialect or RFC 4180, separator,
 * encoding, header and comment conventions), {@link org.moodlesync.core.internal.read.RowReaders} (streaming
 * {@link org.moodlesync.api.source.RowSource}s with line numbers and raw text) and
 * {@link org.moodlesync.core.internal.read.HeaderRules} (required, allowed and unknown columns).
 */
package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;
