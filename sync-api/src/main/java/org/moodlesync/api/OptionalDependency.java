package org.moodlesync.api;

/**
 * The optional libraries of moodle-sync's modules (scheduling, mail, cross-machine locks): a feature checks for its
 * library before it first touches one of its classes, so that a host without it gets a sentence naming the
 * dependency to add, not a {@link NoClassDefFoundError}.
 */
public final class OptionalDependency {

    private OptionalDependency() {
    }

    /**
     * Fails unless {@code className} can be loaded.
     *
     * @param className   a class of the library
     * @param coordinates its Maven coordinates, {@code groupId:artifactId}
     * @param feature     what needs it, as the start of a sentence
     * @throws IllegalStateException naming the dependency to add
     */
    public static void require(String className, String coordinates, String feature) {
        try {
            Class.forName(className, false, OptionalDependency.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(feature + " needs " + coordinates + " on the class path: add the"
                    + " dependency " + coordinates + " (an optional dependency of moodle-sync, see docs/artifacts.md)",
                    e);
        }
    }
}
