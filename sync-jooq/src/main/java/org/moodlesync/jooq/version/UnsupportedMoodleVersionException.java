package org.moodlesync.jooq.version;

import org.moodlesync.api.SyncException;

/** A run was refused before writing anything: the site's Moodle version is not one moodle-sync writes into. */
public final class UnsupportedMoodleVersionException extends SyncException {

    private final transient MoodleVersion version;

    /** The refusal for a site of {@code version}. */
    public UnsupportedMoodleVersionException(MoodleVersion version) {
        super(org.moodlesync.api.RunFailure.Kind.UNSUPPORTED_MOODLE_VERSION, version.refusal());
        this.version = version;
    }

    /** The site's version. */
    public MoodleVersion version() {
        return version;
    }
}
