package org.moodlesync.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A host that only syncs users needs none of the optional libraries (docs/artifacts.md): {@link UsersOnlyHost} runs
 * in a class loader made of this test's class path without cron-utils, Jakarta Mail, ShedLock, the command line
 * (sync-examples' classes, picocli), the other JDBC drivers and any logging binding. A static reference to one of them
 * on the path a users sync takes fails this test with a {@link NoClassDefFoundError}; a feature used without its
 * library must name the dependency to add.
 */
class UsersOnlyHostTest {

    /** What a users-only host does not have: the optional libraries of sync-core, sync-jooq and sync-examples. */
    private static final Pattern LEFT_OUT = Pattern.compile(
            "cron-utils|angus-mail|jakarta\\.mail|angus-activation|jakarta\\.activation|shedlock"
                    + "|picocli|slf4j-simple|postgresql|mariadb|sync-examples[/\\\\]target[/\\\\]classes");

    @Test
    void syncsUsersWithoutTheOptionalLibrariesAndSaysWhichToAddForTheFeaturesThatNeedThem() throws Exception {
        URL[] hostPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !LEFT_OUT.matcher(entry).find())
                .map(UsersOnlyHostTest::url)
                .toArray(URL[]::new);
        try (URLClassLoader host = new URLClassLoader("users-only-host", hostPath,
                ClassLoader.getPlatformClassLoader())) {
            for (String absent : List.of("com.cronutils.parser.CronParser", "jakarta.mail.Session",
                    "net.javacrumbs.shedlock.core.LockProvider", "org.slf4j.simple.SimpleLogger",
                    "org.postgresql.Driver", "org.mariadb.jdbc.Driver", "picocli.CommandLine",
                    "org.moodlesync.examples.cli.MoodleSyncCommand")) {
                assertThatThrownBy(() -> Class.forName(absent, false, host))
                        .as(absent).isInstanceOf(ClassNotFoundException.class);
            }

            Class<?> app = Class.forName(UsersOnlyHost.class.getName(), true, host);
            assertThat(app.getClassLoader()).isSameAs(host);
            List<String> seen;
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(host); // the host's own loader, as in an application: JDBC finds H2 there
            try {
                @SuppressWarnings("unchecked")
                List<String> result = (List<String>) app.getMethod("run", String.class).invoke(null, "users_only_host");
                seen = result;
            } finally {
                thread.setContextClassLoader(previous);
            }

            assertThat(seen).containsExactly(
                    "created=2 failed=0",
                    "delay: ok",
                    "cron: IllegalStateException: a cron schedule needs com.cronutils:cron-utils on the class path:"
                            + " add the dependency com.cronutils:cron-utils (an optional dependency of moodle-sync, see"
                            + " docs/artifacts.md)",
                    "mail: IllegalStateException: MailNotifier needs org.eclipse.angus:angus-mail on the class path:"
                            + " add the dependency org.eclipse.angus:angus-mail (an optional dependency of moodle-sync,"
                            + " see docs/artifacts.md)",
                    "locks: IllegalStateException: database run locks (JooqMoodle.runLocks()) needs"
                            + " net.javacrumbs.shedlock:shedlock-core on the class path: add the dependency"
                            + " net.javacrumbs.shedlock:shedlock-core (an optional dependency of moodle-sync, see"
                            + " docs/artifacts.md)");
        }
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
