package org.moodlesync.core.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;

/**
 * Copies of commands with one field changed, made without the builders' checks: for tests of how a run reports a
 * command that breaks its constraints (builders refuse to build one; a run still validates every command, since a
 * record's constructor can make anything).
 *
 * <pre>{@code
 * UserCommand bad = UncheckedCommands.with(valid, "maildisplay", 5);
 * RunResult r = engine.users().commands(List.of(bad)).execute();   // line 1 FAILED, field maildisplay
 * }</pre>
 */
public final class UncheckedCommands {

    private UncheckedCommands() {
    }

    /**
     * A copy of a command record with one component replaced.
     *
     * @param command   the command (any record)
     * @param component the record component to replace, for example {@code maildisplay}
     * @param value     its new value (null allowed)
     * @param <C>       the command type
     * @return the copy, built with the record's canonical constructor
     * @throws IllegalArgumentException when the command is not a record or has no such component
     */
    public static <C extends Record> C with(C command, String component, Object value) {
        Objects.requireNonNull(command, "command");
        RecordComponent[] components = command.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (components[i].getName().equals(component)) {
                    values[i] = value;
                    found = true;
                } else {
                    values[i] = components[i].getAccessor().invoke(command);
                }
            }
            if (!found) {
                throw new IllegalArgumentException(command.getClass().getSimpleName() + " has no field " + component);
            }
            @SuppressWarnings("unchecked")
            C copy = (C) command.getClass().getDeclaredConstructor(types).newInstance(values);
            return copy;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + command.getClass().getSimpleName(), e);
        }
    }
}
