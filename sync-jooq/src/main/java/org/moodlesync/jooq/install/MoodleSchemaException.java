package org.moodlesync.jooq.install;

import org.moodlesync.api.SyncException;

/** The Moodle schema cannot be installed: its tables already exist, or the database did not behave as expected. */
public class MoodleSchemaException extends SyncException {

    public MoodleSchemaException(String message) {
        super(message);
    }

    public MoodleSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
