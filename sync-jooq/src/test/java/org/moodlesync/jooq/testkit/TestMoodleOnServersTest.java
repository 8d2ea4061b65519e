package org.moodlesync.jooq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.moodlesync.jooq.testing.DatabaseServer;

/**
 * The setting {@value TestMoodleSettings#URL} moves the embedded Moodles of a test class to a PostgreSQL or MariaDB
 * server: a test class using the extension is run as a host's build would run it, with the setting as a JUnit
 * configuration parameter; its site is on that server, in a database of its own, dropped afterwards.
 */
class TestMoodleOnServersTest {

    /** What the probe's test saw: dialect, database name. */
    static final List<String[]> SEEN = new CopyOnWriteArrayList<>();

    /** A host's test class (run by the launcher below; surefire skips nested classes). */
    @WithEmbeddedMoodle
    static class HostTest {
        @Test
        void syncsIntoItsSite(TestMoodle moodle) {
            moodle.enablePlugin("enrol_meta");
            long course = moodle.createCourse("C1");
            moodle.createUser("jdoe");
            assertThat(moodle.count("user")).isEqualTo(3);
            assertThat(moodle.courseId("C1")).isEqualTo(course);
            assertThat(moodle.enabledEnrolPlugins()).contains("meta");
            SEEN.add(new String[] {moodle.dialect().name(), moodle.databaseName()});
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseServer.class, names = {"POSTGRESQL", "MARIADB"})
    void theSettingPutsTheSiteOnAServer(DatabaseServer server) throws SQLException {
        server.requireAvailable();
        SEEN.clear();

        TestExecutionSummary summary = run(server.adminUrl(), server.user(), server.password());

        assertThat(summary.getFailures()).as("failures of the host's test").isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(SEEN).hasSize(1);
        SQLDialect expected = server == DatabaseServer.POSTGRESQL ? SQLDialect.POSTGRES : SQLDialect.MARIADB;
        assertThat(SEEN.get(0)[0]).isEqualTo(expected.name());
        String database = SEEN.get(0)[1];
        assertThat(database).startsWith("msynckit_");
        assertThat(databaseExists(server, database)).as("dropped after the test").isFalse();
    }

    @Test
    void withoutTheSettingTheSiteIsInH2() {
        SEEN.clear();
        TestExecutionSummary summary = run("", "", "");
        assertThat(summary.getFailures()).isEmpty();
        assertThat(SEEN).hasSize(1);
        assertThat(SEEN.get(0)[0]).isEqualTo(SQLDialect.H2.name());
    }

    private static TestExecutionSummary run(String url, String user, String password) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(HostTest.class))
                .configurationParameter(TestMoodleSettings.URL, url)
                .configurationParameter(TestMoodleSettings.USER, user)
                .configurationParameter(TestMoodleSettings.PASSWORD, password)
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static boolean databaseExists(DatabaseServer server, String name) throws SQLException {
        String sql = server == DatabaseServer.POSTGRESQL
                ? "select count(*) from pg_database where datname = ?"
                : "select count(*) from information_schema.schemata where schema_name = ?";
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }
}
