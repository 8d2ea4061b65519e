package org.moodlesync.core.internal.validate;

import java.util.Optional;
import org.moodlesync.api.command.CommandConstraints;
import org.moodlesync.api.command.InvalidCommandException;

/**
 * The {@link CommandConstraints} the builders of sync-api find through {@link java.util.ServiceLoader}: the same
 * Bean Validation rules, and the same first violation, as the engine's check of every command before it is written.
 */
public final class BeanValidationConstraints implements CommandConstraints {

    private static final CommandValidator VALIDATOR = new CommandValidator();

    @Override
    public Optional<InvalidCommandException> firstViolation(Object command) {
        return VALIDATOR.firstViolation(command)
                .map(v -> new InvalidCommandException(command.getClass().getSimpleName(), v.property(), v.message()));
    }
}
