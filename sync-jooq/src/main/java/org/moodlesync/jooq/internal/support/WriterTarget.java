package org.moodlesync.jooq.internal.support;

import java.util.Objects;
import org.jooq.DSLContext;
import org.moodlesync.api.site.PasswordPeppers;

/**
 * What {@code JooqMoodle} makes its writers from: the Moodle database and the site settings that are not in it.
 *
 * @param dsl     the Moodle database (prefix mapped)
 * @param peppers the site's password peppers ({@code $CFG->passwordpeppers}, from config.php)
 */
public record WriterTarget(DSLContext dsl, PasswordPeppers peppers) {

    public WriterTarget {
        Objects.requireNonNull(dsl, "dsl");
        Objects.requireNonNull(peppers, "peppers");
    }
}
