package org.moodlesync.core.testkit;

import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;

/**
 * AssertJ assertions for the results of a sync, for the tests of host applications (see {@code docs/test-kit.md}):
 *
 * <pre>{@code
 * import static org.moodlesync.core.testkit.SyncAssertions.assertThat;
 *
 * assertThat(run).succeeded().hasCounts(2, 0, 0, 0, 0, 0);
 * assertThat(run).line(2).isCreated().changed("email", "jane@example.org");
 * assertThat(run).line(3).failedOn("email").hasReasonContaining("well-formed");
 * }</pre>
 *
 * A failed expectation throws an {@link AssertionError} whose message shows the run (status, counts, error) and
 * every failed line with its {@code file:line:column} and reason, or the whole line (outcome, changes, messages,
 * error). AssertJ ({@code org.assertj:assertj-core}) is an optional dependency of {@code sync-core}: add it to your
 * test scope. Static {@code assertThat} methods of other classes (AssertJ's own {@code Assertions}) can be imported
 * alongside: Java picks this one for {@link RunResult} and {@link LineResult}.
 */
public final class SyncAssertions {

    private SyncAssertions() {
    }

    /** Assertions on the result of a run. */
    public static RunResultAssert assertThat(RunResult actual) {
        return new RunResultAssert(actual);
    }

    /** Assertions on the result of one line. */
    public static LineResultAssert assertThat(LineResult actual) {
        return new LineResultAssert(actual);
    }
}
