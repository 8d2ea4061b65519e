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

    /** {@return the name of the source (the file name), used in results and reports} */
    String name();

    /** {@return the header's column names, in file order (read before the first data row)} */
    List<String> header();

    /** {@return the 1-based line number of the header line (1 unless the source knows better; 0 when there is none)} */
    default long headerLine() {
        return 1;
    }

    /** {@return the header line exactly as written (quotes kept), or null when unknown; tryback files repeat it} */
    default String headerText() {
        return null;
    }

    /** {@return the separator character that the tryback file writes between header names} */
    char separator();

    @Override
    void close();
}
