package org.moodlesync.core.internal.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Commands a host built in code, in the order given, each with the caller's key or none. Null lists, maps,
 * commands and keys are refused here, with a message that says which, before any run starts.
 *
 * @param commands the commands
 * @param keys     the caller's key of each command (same size), or null when they were given as a plain list
 * @param <C>      the command type
 */
public record InCodeCommands<C>(List<C> commands, List<String> keys) {

    /** Commands given as a list: results refer to them by position (line 1, 2, …). */
    public static <C> InCodeCommands<C> of(List<? extends C> commands) {
        if (commands == null) {
            throw new IllegalArgumentException("commands: the list of commands is null");
        }
        List<C> copy = new ArrayList<>(commands.size());
        for (C command : commands) {
            if (command == null) {
                throw new IllegalArgumentException("commands: the command at position " + (copy.size() + 1)
                        + " is null");
            }
            copy.add(command);
        }
        return new InCodeCommands<>(Collections.unmodifiableList(copy), null);
    }

    /** Commands given with the caller's keys, in the map's iteration order. */
    public static <C> InCodeCommands<C> keyed(Map<String, ? extends C> commands) {
        if (commands == null) {
            throw new IllegalArgumentException("keyedCommands: the map of commands is null");
        }
        List<C> copy = new ArrayList<>(commands.size());
        List<String> keys = new ArrayList<>(commands.size());
        for (Map.Entry<String, ? extends C> e : commands.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("keyedCommands: the key at position " + (copy.size() + 1)
                        + " is null");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("keyedCommands: the command of key " + e.getKey() + " is null");
            }
            keys.add(e.getKey());
            copy.add(e.getValue());
        }
        return new InCodeCommands<>(Collections.unmodifiableList(copy), Collections.unmodifiableList(keys));
    }

    /** How many commands there are. */
    public int size() {
        return commands.size();
    }

    /** The caller's key of the command at a 0-based position, or null. */
    public String keyAt(int index) {
        return keys == null ? null : keys.get(index);
    }
}
