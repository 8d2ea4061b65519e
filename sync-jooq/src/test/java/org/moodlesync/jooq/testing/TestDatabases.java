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
     * The Moodle branches every writer test runs on: 4.5 LTS for now (adding 5.3 LTS here is the next step of #19;
     * BranchSchemaTest covers the schema of every branch, and the users writer runs on 5.3 in its own tests).
     */
    public static final List<MoodleBranch> BRANCHES = List.of(MoodleBranch.MOODLE_4_5);

    /** A fresh, installed Moodle (prefix {@code mdl_}) of each of {@link #BRANCHES} on H2, PostgreSQL and MariaDB. */
    public static Stream<TestDatabase> all() {
        return Stream.of(DatabaseServer.values()).flatMap(server -> BRANCHES.stream()
                .map(branch -> TestDatabase.installed(server, TablePrefix.DEFAULT.value(), branch)));
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
