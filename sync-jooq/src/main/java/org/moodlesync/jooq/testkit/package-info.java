/**
 * The database side of the test kit for host applications (see {@code docs/test-kit.md}): a fresh embedded Moodle
 * per test ({@link org.moodlesync.jooq.testkit.TestMoodle}, made and dropped by the JUnit 5
 * {@link org.moodlesync.jooq.testkit.EmbeddedMoodleExtension}) on in-memory H2 or, when
 * {@link org.moodlesync.jooq.testkit.TestMoodleSettings} say so, on a PostgreSQL or MariaDB server; with helpers to
 * enable plugins, set settings, create users and courses and count rows. JUnit Jupiter's API is an optional
 * dependency: a host adds JUnit to its test scope (and the JDBC driver of its database, H2 by default).
 */
package org.moodlesync.jooq.testkit;
