package org.moodlesync.api.spi;

import java.util.Objects;
import org.moodlesync.api.result.LineRef;

/**
 * A command together with where it comes from, as handed to a {@link CommandWriter}.
 *
 * @param ref     the source line
 * @param command the typed, validated command
 * @param <C>     the command type
 */
public record CommandLine<C>(LineRef ref, C command) {

    /**
     * A command and its line.
     *
     * @param ref     the source line (required)
     * @param command the command (required)
     */
    public CommandLine {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(command, "command");
    }
}
