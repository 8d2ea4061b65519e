package org.moodlesync.core.testkit;

import java.util.List;
import java.util.Objects;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;

/** The texts failure messages show: a run with its failed lines, a line with everything it says. */
final class Describe {

    /** Failed lines shown at most in a run's description. */
    static final int MAX_FAILED_LINES = 20;

    private Describe() {
    }

    /** Why the run failed as a whole, or null. */
    static String runError(RunResult run) {
        Object error = run.error();
        return error == null ? null : Objects.toString(error);
    }

    static String run(RunResult run) {
        if (run == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("run of ").append(run.kind() == null ? "?" : run.kind().cliName())
                .append(" from ").append(run.source())
                .append(run.dryRun() ? " (dry run)" : "")
                .append(": ").append(run.status())
                .append(", ").append(run.counts());
        String error = runError(run);
        if (error != null) {
            sb.append("\n  run error: ").append(error);
        }
        List<LineResult> failures = run.failures();
        if (!failures.isEmpty()) {
            sb.append("\n  failed lines:");
            failures.stream().limit(MAX_FAILED_LINES).forEach(l -> sb.append("\n    ").append(line(l)));
            if (failures.size() > MAX_FAILED_LINES) {
                sb.append("\n    … and ").append(failures.size() - MAX_FAILED_LINES).append(" more");
            }
        }
        if (!run.notices().isEmpty()) {
            sb.append("\n  notices:");
            run.notices().forEach(n -> sb.append("\n    ").append(n));
        }
        return sb.toString();
    }

    static String line(LineResult line) {
        if (line == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("line ").append(line.line());
        if (line.entity() != null) {
            sb.append(" (").append(line.entity()).append(')');
        }
        sb.append(' ').append(line.outcome());
        if (line.dryRun()) {
            sb.append(" (dry run)");
        }
        if (line.error() != null) {
            sb.append(": ").append(line.error());
        }
        if (!line.changes().isEmpty()) {
            sb.append(" changes ").append(line.changes());
        }
        if (!line.messages().isEmpty()) {
            sb.append(" messages ").append(line.messages());
        }
        return sb.toString();
    }
}
