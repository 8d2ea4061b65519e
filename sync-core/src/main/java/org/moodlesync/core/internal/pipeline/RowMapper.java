package org.moodlesync.core.internal.pipeline;

import org.moodlesync.api.source.InputRow;

/**
 * Turns one file row into a typed command.
 *
 * @param <C> the command type
 */
@FunctionalInterface
public interface RowMapper<C> {

    /**
     * @param row a data row of the file
     * @return the command
     * @throws LineFailure when a value cannot be used (naming its column)
     */
    C map(InputRow row);
}
