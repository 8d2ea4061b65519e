package org.moodlesync.jooq.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once on each engine (H2, PostgreSQL, MariaDB) with a {@link TestDatabase} parameter: a database of its
 * own, installed and seeded as a fresh Moodle (prefix {@code mdl_}), dropped afterwards.
 *
 * <pre>{@code
 * @OnEachDatabase
 * void createsAUser(TestDatabase db) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "{0}")
@MethodSource(TestDatabases.ALL)
@ExtendWith(TestDatabaseExtension.class)
public @interface OnEachDatabase {
}
