package org.moodlesync.api;

import java.util.Objects;

/**
 * Root of moodle-sync's unchecked exceptions: callers catch by meaning through its subclasses, or read
 * {@link #kind()}, the kind of {@link RunFailure} it makes when it ends a run.
 */
public class SyncException extends RuntimeException {

    /** The kind of run failure this exception makes. */
    private final RunFailure.Kind kind;

    /**
     * An exception of kind {@link RunFailure.Kind#UNEXPECTED}.
     *
     * @param message what went wrong
     */
    public SyncException(String message) {
        this(RunFailure.Kind.UNEXPECTED, message, null);
    }

    /**
     * An exception of kind {@link RunFailure.Kind#UNEXPECTED}.
     *
     * @param message what went wrong
     * @param cause   the exception behind it
     */
    public SyncException(String message, Throwable cause) {
        this(RunFailure.Kind.UNEXPECTED, message, cause);
    }

    /**
     * An exception whose run failure is of this kind.
     *
     * @param kind    the kind of run failure (required)
     * @param message what went wrong
     */
    public SyncException(RunFailure.Kind kind, String message) {
        this(kind, message, null);
    }

    /**
     * An exception whose run failure is of this kind.
     *
     * @param kind    the kind of run failure (required)
     * @param message what went wrong
     * @param cause   the exception behind it
     */
    public SyncException(RunFailure.Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** {@return the kind of run failure this exception makes} */
    public RunFailure.Kind kind() {
        return kind;
    }
}
