package org.moodlesync.jooq.testing;

import java.util.List;
import java.util.stream.Stream;
import org.moodlesync.jooq.database.TablePrefix;
import org.moodlesync.jooq.version.MoodleBranch;

/**
 * Sources for running one test on every database engine (and, for {@link #all()}, on each Moodle branch of
 * {@link #BRANCHES}), each invocation with a database of its own:
 *
 * <pre>{@code
 * @OnEachDatabase                                   // = the three lines below, for TestDatabases.ALL
 * void createsAUser(TestDatabase db) { ... }
 *
 * @ParameterizedTest
 * @MethodSource(TestDatabases.ALL_EMPTY)
 * @ExtendWith(TestDatabaseExtension.class)
 * void installs(TestDatabase db) { db.installer().install(); ... }
 * }</pre>
 *
 * The databases are created just before the invocation ({@link TestDatabaseExtension}; without it, on first use)
 * and dropped after it (JUnit closes the argument). See {@link DatabaseServer} for where the servers are and what
 * happens when one is down.
 */
public final class TestDatabases {

    /** {@code @MethodSource} for {@link #all()}. */
    public static final String ALL = "org.moodlesync.jooq.testing.TestDatabases#all";
    /** {@code @MethodSource} for {@link #allOf45()}. */
    public static final String ALL_4_5 = "org.moodlesync.jooq.testing.TestDatabases#allOf45";
    /** {@code @MethodSource} for {@link #allEmpty()}. */
    public static final String ALL_EMPTY = "org.moodlesync.jooq.testing.TestDatabases#allEmpty";
    /** {@code @MethodSource} for {@link #allWithOtherPrefix()}. */
    public static final String ALL_WITH_OTHER_PREFIX = "org.moodlesync.jooq.testing.TestDatabases#allWithOtherPrefix";
    /** The prefix of {@link #allWithOtherPrefix()}. */
    public static final String OTHER_PREFIX = "ms_";

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private TestDatabases() {
    }

    /**
     * The Moodle branches every writer test runs on: 4.5 LTS and 5.3 LTS, or those the system property
     * {@code moodlesync.test.branches} lists ({@code -Dmoodlesync.test.branches=4.1,4.5,5.3}).
     */
    public static final List<MoodleBranch> BRANCHES = Stream.of(
                    System.getProperty("moodlesync.test.branches", "4.5,5.3").split(","))
            .map(String::trim).filter(label -> !label.isEmpty()).map(MoodleBranch::ofLabel).toList();

    /** A fresh, installed Moodle (prefix {@code mdl_}) of each of {@link #BRANCHES} on H2, PostgreSQL and MariaDB. */
    public static Stream<TestDatabase> all() {
        return Stream.of(DatabaseServer.values()).flatMap(server -> BRANCHES.stream()
                .map(branch -> TestDatabase.installed(server, TablePrefix.DEFAULT.value(), branch)));
    }

    /** A fresh, installed Moodle 4.5 (prefix {@code mdl_}) on H2, PostgreSQL and MariaDB: tests of the 4.5 mirror. */
    public static Stream<TestDatabase> allOf45() {
        return Stream.of(DatabaseServer.values())
                .map(server -> TestDatabase.installed(server, TablePrefix.DEFAULT.value(), MoodleBranch.MOODLE_4_5));
    }

    /** An empty database on H2, PostgreSQL and MariaDB. */
    public static Stream<TestDatabase> allEmpty() {
        return Stream.of(DatabaseServer.values()).map(TestDatabase::empty);
    }

    /** A fresh, installed Moodle with the prefix {@value #OTHER_PREFIX} on H2, PostgreSQL and MariaDB. */
    public static Stream<TestDatabase> allWithOtherPrefix() {
        return Stream.of(DatabaseServer.values()).map(server -> TestDatabase.installed(server, OTHER_PREFIX));
    }
}
