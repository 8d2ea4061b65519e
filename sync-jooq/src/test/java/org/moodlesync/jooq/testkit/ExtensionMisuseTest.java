package org.moodlesync.jooq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** A site is made per test: asking for one in a constructor (shared by the class) fails, saying where to ask. */
class ExtensionMisuseTest {

    /** Run by the launcher below only (surefire skips nested classes). */
    @WithEmbeddedMoodle
    static class SiteInConstructor {
        SiteInConstructor(TestMoodle moodle) {
        }

        @Test
        void test() {
        }
    }

    @Test
    void aSiteInAConstructorIsRefused() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(SiteInConstructor.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTotalFailureCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("an embedded Moodle is made per test")
                .hasMessageContaining("@BeforeEach");
    }
}
