package org.moodlesync.api.command;

import java.util.Optional;

/**
 * Service interface that checks a command against its constraints (the Bean Validation annotations on its
 * components: Moodle's column lengths, value ranges, required fields). Builders call {@link #check(Object)} in
 * {@code build()}.
 *
 * <p>sync-core provides the implementation (Hibernate Validator), found with {@link java.util.ServiceLoader}; with
 * sync-api alone on the class path nothing is checked at {@code build()}, and the engine still validates every
 * command before writing it.
 */
public interface CommandConstraints {

    /**
     * The first broken constraint of a command, in the order of its field names, or empty when it has none.
     *
     * @param command a command record
     * @return the violation, naming the command type and the field
     */
    Optional<InvalidCommandException> firstViolation(Object command);

    /**
     * Checks a command with the implementation on the class path.
     *
     * @param command the command just built; must not be null
     * @param <C>     the command type
     * @return the same command
     * @throws InvalidCommandException when it breaks a constraint
     */
    static <C> C check(C command) {
        Optional<InvalidCommandException> violation = ConstraintsProvider.INSTANCE.firstViolation(command);
        if (violation.isPresent()) {
            throw violation.get();
        }
        return command;
    }
}
