package org.moodlesync.api.command.course;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A date of a command file: a Unix time, or a local date and time that the writer converts with the site's time
 * zone (Moodle's {@code timezone} setting), as Moodle's own forms do.
 */
public sealed interface MoodleDate {

    /**
     * A Unix time in seconds.
     *
     * @param seconds the Unix time, 0 or more
     * @return the date
     */
    static MoodleDate epoch(long seconds) {
        return new Epoch(seconds);
    }

    /**
     * A local date and time in the site's time zone.
     *
     * @param dateTime the local date and time, not null
     * @return the date
     */
    static MoodleDate local(LocalDateTime dateTime) {
        return new Local(dateTime);
    }

    /**
     * A Unix time in seconds.
     *
     * @param seconds the Unix time, 0 or more
     */
    record Epoch(long seconds) implements MoodleDate {
        /**
         * Checks that the time is not negative.
         *
         * @param seconds the Unix time
         * @throws IllegalArgumentException when it is before 1970
         */
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

    /**
     * A local date and time, converted with the site's time zone.
     *
     * @param dateTime the local date and time, not null
     */
    record Local(LocalDateTime dateTime) implements MoodleDate {
        /**
         * Checks that a date-time is given.
         *
         * @param dateTime the local date and time
         * @throws NullPointerException when it is null
         */
        public Local {
            Objects.requireNonNull(dateTime, "dateTime");
        }

        @Override
        public String toString() {
            return dateTime.toString();
        }
    }
}
