package org.moodlesync.api.command;

import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link CommandConstraints} implementation on the class path, looked up once (none: nothing is checked). */
final class ConstraintsProvider {

    static final CommandConstraints INSTANCE = ServiceLoader.load(CommandConstraints.class,
                    CommandConstraints.class.getClassLoader())
            .findFirst()
            .orElse(command -> Optional.empty());

    private ConstraintsProvider() {
    }
}
