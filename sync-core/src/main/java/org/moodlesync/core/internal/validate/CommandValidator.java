package org.moodlesync.core.internal.validate;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks commands against their Bean Validation constraints (Moodle's column lengths, value ranges, formats).
 * Thread-safe; one instance serves every run.
 */
public final class CommandValidator {

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

    private final Validator validator = FACTORY.getValidator();

    /**
     * The first violation of a command (by property name, for a stable message), if any.
     *
     * @return the property and message of the first violation
     */
    public Optional<Violation> firstViolation(Object command) {
        Set<ConstraintViolation<Object>> violations = validator.validate(command);
        return violations.stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Violation(v.getPropertyPath().toString(), v.getMessage()));
    }

    /**
     * One broken constraint.
     *
     * @param property the record component (for example {@code email})
     * @param message  what is wrong (for example "size must be between 0 and 100")
     */
    public record Violation(String property, String message) {
    }
}
