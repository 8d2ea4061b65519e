package org.moodlesync.jooq.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test of the class (or the test method) a fresh embedded Moodle: shorthand for
 * {@code @ExtendWith(EmbeddedMoodleExtension.class)}. See {@link EmbeddedMoodleExtension}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedMoodleExtension.class)
public @interface WithEmbeddedMoodle {
}
