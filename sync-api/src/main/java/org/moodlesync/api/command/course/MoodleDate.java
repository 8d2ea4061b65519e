package org.moodlesync.api.command.course;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A date of a command file: a Unix time, or a local date and time that the writer converts with the site's time
 * zone (Moodle's {@code timezone} setting), as Moodle's own forms do.
 */
public sealed interface MoodleDate {

    /** A Unix time in seconds. */
    static MoodleDate epoch(long seconds) {
        return new Epoch(seconds);
    }

    /** A local date and time in the site's time zone. */
    static MoodleDate local(LocalDateTime dateTime) {
        return new Local(dateTime);
    }

    /** A Unix time in seconds. */
    record Epoch(long seconds) implements MoodleDate {
        public Epoch {
            if (seconds < 0) {
                throw new IllegalArgumentException("a date cannot be before 1970: " + seconds);
            }
        }

        @Override
        public String toString() {
            return Long.toString(seconds);
        }
    }

    /** A local date and time, converted with the site's time zone. */
    record Local(LocalDateTime dateTime) implements MoodleDate {
        public Local {
            Objects.requireNonNull(dateTime, "dateTime");
        }

        @Override
        public String toString() {
            return dateTime.toString();
        }
    }
}
