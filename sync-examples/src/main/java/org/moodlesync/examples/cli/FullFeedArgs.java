package org.moodlesync.examples.cli;

import java.nio.file.Path;
import org.moodlesync.api.feed.EnrolDropAction;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.core.EnrolSync;
import picocli.CommandLine.Option;

/**
 * The full-feed options of enrolment files, the same for {@code run}, {@code process} and {@code schedule}
 * (docs/full-feeds.md).
 */
public final class FullFeedArgs {

    @Option(names = "--full-feed", paramLabel = "SCOPE",
            description = "enrolments: the file is the whole truth for SCOPE: courses-in-file, category:IDNUMBER,"
                    + " category-id:N or site; what the feed owns there and no longer lists is suspended"
                    + " (--on-absent)")
    String scope;

    @Option(names = "--feed-name", paramLabel = "NAME",
            description = "full feed: its name; each feed only removes what it listed (default: default)")
    String name;

    @Option(names = "--on-absent", paramLabel = "ACTION",
            description = "full feed: what becomes of an absent enrolment: suspend (default), unenrol, "
                    + "suspend-no-roles, keep")
    String onAbsent;

    @Option(names = "--max-removals", paramLabel = "N",
            description = "full feed: refuse the run (nothing written, exit code 4) when it would remove more than N")
    Long maxRemovals;

    @Option(names = "--max-removal-share", paramLabel = "PERCENT",
            description = "full feed: refuse the run when it would remove more than this share of what the feed owns"
                    + " in its scope, e.g. 5%% (default: 10%%; 100%% for no share limit)")
    String maxShare;

    @Option(names = "--feed-method", paramLabel = "PLUGIN",
            description = "full feed: the enrol method whose enrolments the feed manages (default: manual)")
    String method;

    @Option(names = "--undo-dir", paramLabel = "DIR",
            description = "full feed: where the undo file goes (default: beside the tryback file)")
    Path undoDir;

    /** Whether any full-feed option was given. */
    boolean given() {
        return scope != null || name != null || onAbsent != null || maxRemovals != null || maxShare != null
                || method != null || undoDir != null;
    }

    /**
     * Refuses values that are wrong, or feed options without {@code --full-feed}, before anything runs.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    void check() {
        if (scope == null) {
            if (given()) {
                throw new IllegalArgumentException("--feed-name, --on-absent, --max-removals, --max-removal-share, "
                        + "--feed-method and --undo-dir go with --full-feed SCOPE");
            }
            return;
        }
        FeedScope.parse(scope);
        if (onAbsent != null) {
            EnrolDropAction.of(onAbsent);
        }
        limit();
    }

    /**
     * Makes the step a full feed when {@code --full-feed} was given.
     *
     * @param step the enrolment step
     * @return the step
     * @throws IllegalArgumentException when a value is wrong, or a feed option comes without --full-feed
     */
    EnrolSync applyTo(EnrolSync step) {
        check();
        if (scope == null) {
            return step;
        }
        step.asFullFeed(FeedScope.parse(scope)).maxRemovals(limit());
        if (name != null) {
            step.feedName(name);
        }
        if (onAbsent != null) {
            step.onAbsent(EnrolDropAction.of(onAbsent));
        }
        if (method != null) {
            step.feedMethod(method);
        }
        if (undoDir != null) {
            step.undoTo(undoDir);
        }
        return step;
    }

    private RemovalLimit limit() {
        double share = maxShare == null ? RemovalLimit.DEFAULT.maxShare() : share(maxShare);
        return new RemovalLimit(maxRemovals == null ? Long.MAX_VALUE : maxRemovals, share);
    }

    /** {@code 5%}, {@code 5 %} or {@code 0.05}. */
    static double share(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("%")) {
                return Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-removal-share: not a share: " + text + " (5% or 0.05)");
        }
    }
}
