package org.moodlesync.api;

/** Root of moodle-sync's unchecked exceptions: callers catch by meaning through its subclasses. */
public class SyncException extends RuntimeException {

    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
