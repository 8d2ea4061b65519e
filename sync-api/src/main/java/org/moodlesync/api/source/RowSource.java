package org.moodlesync.api.source;

import java.util.Iterator;
import java.util.List;

/**
 * A stream of {@link InputRow}s read from one command file. Implementations read lazily (constant memory) and
 * are closed by the engine when the run ends.
 *
 * <p>Header problems (unknown or missing required columns) are reported by the reader's
 * {@link org.moodlesync.api.InputFormatException}; data lines are handed over as they are.
 */
public interface RowSource extends Iterator<InputRow>, AutoCloseable {

    /** Name of the source (the file name), used in results and reports. */
    String name();

    /** The header's column names, in file order (read before the first data row). */
    List<String> header();

    /** The separator character that the tryback file writes between header names. */
    char separator();

    @Override
    void close();
}
