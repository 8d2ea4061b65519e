package org.moodlesync.examples.cli;

import java.io.PrintWriter;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;

/** Prints a run's outcome for a person: status, counts, failures, where the files are. */
final class RunSummary {

    private RunSummary() {
    }

    static void print(RunResult r, PrintWriter out) {
        out.printf("%s %s: %s%s%n", r.kind().cliName(), r.source(), r.status(), r.dryRun() ? " (dry run)" : "");
        out.printf("  %s in %d ms (%.0f lines/s)%n", r.counts(), r.duration().toMillis(), r.linesPerSecond());
        if (r.error() != null) {
            out.println("  error: " + r.error());
        }
        for (LineResult f : r.failures()) {
            out.println("  FAILED " + f.error());
        }
        if (r.status() == org.moodlesync.api.result.RunStatus.REFUSED) {
            r.lines().stream().limit(20).forEach(l -> out.println("  would be " + l.outcome() + ": " + l.entity()));
            if (r.lines().size() > 20) {
                out.println("  … and " + (r.lines().size() - 20) + " more (the report lists them all)");
            }
        }
        r.notices().forEach(n -> out.println("  notice: " + n));
        if (r.reportFile() != null) {
            out.println("  report:  " + r.reportFile());
        }
        if (r.trybackFile() != null) {
            out.println("  tryback: " + r.trybackFile());
        }
        if (r.undoFile() != null) {
            out.println("  undo:    " + r.undoFile());
        }
        out.flush();
    }
}
