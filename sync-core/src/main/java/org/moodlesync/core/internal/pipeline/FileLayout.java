package org.moodlesync.core.internal.pipeline;

import java.util.List;
import java.util.function.Function;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.source.RowSource;

/**
 * What a kind of command file looks like: how its header is checked, how a row becomes a command, and which
 * column a validated property comes from (for {@code file:line:column} in validation errors).
 *
 * @param kind          the kind of file
 * @param headerCheck   checks the header, throwing {@link org.moodlesync.api.InputFormatException}; returns
 *                      run-wide notices (for example ignored columns)
 * @param mapper        row to command
 * @param columnOfField the file column of a command property ({@code oldUsername -> oldusername})
 * @param <C>           the command type
 */
public record FileLayout<C>(SyncKind kind, Function<RowSource, List<String>> headerCheck, RowMapper<C> mapper,
                            Function<String, String> columnOfField) {
}
