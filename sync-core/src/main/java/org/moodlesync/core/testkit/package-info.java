/**
 * The engine side of the test kit for host applications (see {@code docs/test-kit.md}): {@link
 * org.moodlesync.core.testkit.SyncAssertions} (AssertJ assertions on run and line results), {@link
 * org.moodlesync.core.testkit.FakeMoodle} (a backend that writes nothing, for engine-only tests) and {@link
 * org.moodlesync.core.testkit.CommandFiles}. The embedded Moodle for database tests is in {@code sync-jooq}'s
 * {@code org.moodlesync.jooq.testkit}. AssertJ is an optional dependency: a host adds it to its test scope.
 */
package org.moodlesync.core.testkit;
