package org.moodlesync.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.feed.EnrolDropAction;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.MemberDropAction;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.feed.UserDropAction;
import org.moodlesync.core.CohortSync;
import org.moodlesync.core.EnrolSync;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.GroupMemberSync;
import org.moodlesync.core.UserSync;
import picocli.CommandLine.Option;

/**
 * The full-feed options of enrolment, group member, cohort and users files, the same for {@code run}, {@code process} and
 * {@code schedule} (docs/full-feeds.md). {@code --full-feed} and {@code --on-absent} take a plain value (for
 * {@code run}: the file's kind; for a workspace: enrolments) or one for a kind, {@code group-members=groups-in-file},
 * and may be repeated; the other options serve every feed of the command.
 */
public final class FullFeedArgs {

    /** The kinds that have full feeds. */
    static final Set<SyncKind> FEED_KINDS = Set.of(SyncKind.ENROLMENTS, SyncKind.GROUP_MEMBERS, SyncKind.COHORTS,
            SyncKind.USERS);

    @Option(names = "--full-feed", paramLabel = "[KIND=]SCOPE",
            description = "the file is the whole truth for SCOPE: courses-in-file, category:IDNUMBER, category-id:N,"
                    + " site, (group members) groups-in-file, (cohorts) cohorts-in-file, (users) auth:METHOD,"
                    + " profile:SHORTNAME=VALUE, site; what the feed owns there and no longer lists is removed or"
                    + " suspended (--on-absent). In a workspace a plain SCOPE is for enrolments; group-members=SCOPE,"
                    + " cohorts=SCOPE, users=SCOPE for those files (repeatable)")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--feed-name", paramLabel = "NAME",
            description = "full feed: its name; each feed only removes what it listed (default: default)")
    String name;

    @Option(names = "--on-absent", paramLabel = "[KIND=]ACTION",
            description = "full feed: what becomes of an absent row: enrolments suspend (default), unenrol, "
                    + "suspend-no-roles, keep; group and cohort members remove (default), keep; users suspend (default),"
                    + " delete, keep (repeatable, as --full-feed)")
    List<String> onAbsent = new ArrayList<>();

    @Option(names = "--max-removals", paramLabel = "N",
            description = "full feed: refuse the run (nothing written, exit code 4) when it would remove more than N")
    Long maxRemovals;

    @Option(names = "--max-removal-share", paramLabel = "PERCENT",
            description = "full feed: refuse the run when it would remove more than this share of what the feed owns"
                    + " in its scope, e.g. 5%% (default: 10%%; 100%% for no share limit)")
    String maxShare;

    @Option(names = "--feed-method", paramLabel = "PLUGIN",
            description = "full feed of enrolments: the enrol method whose enrolments it manages (default: manual)")
    String method;

    @Option(names = "--undo-dir", paramLabel = "DIR",
            description = "full feed: where the undo file goes (default: beside the tryback file)")
    Path undoDir;

    /** Whether any full-feed option was given. */
    boolean given() {
        return !scopes.isEmpty() || name != null || !onAbsent.isEmpty() || maxRemovals != null || maxShare != null
                || method != null || undoDir != null;
    }

    /** A value of {@code --full-feed} or {@code --on-absent}: for a kind, or plain (null kind). */
    private record Value(SyncKind kind, String value) {
    }

    private static Value value(String option, String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            return new Value(null, text);
        }
        String kindName = text.substring(0, eq).trim();
        SyncKind kind = java.util.Arrays.stream(SyncKind.values()).filter(k -> k.cliName().equals(kindName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(option + ": unknown kind " + kindName
                        + " (enrolments, group-members, cohorts or users)"));
        if (!FEED_KINDS.contains(kind)) {
            throw new IllegalArgumentException(option + ": " + kindName + " files have no full feeds (enrolments, "
                    + "group-members, cohorts and users have)");
        }
        return new Value(kind, text.substring(eq + 1));
    }

    /** The value for this kind: one given for it, else a plain one when plain values are this kind's; or null. */
    private static String valueFor(String option, List<String> values, SyncKind kind, SyncKind plainKind) {
        String found = null;
        for (String text : values) {
            Value v = value(option, text);
            SyncKind of = v.kind() != null ? v.kind() : plainKind;
            if (of == kind) {
                if (found != null) {
                    throw new IllegalArgumentException(option + " is given twice for " + kind.cliName());
                }
                found = v.value();
            }
        }
        return found;
    }

    /**
     * Refuses values that are wrong, or feed options without {@code --full-feed}, before anything runs.
     *
     * @param runKind the kind of the {@code run} command's file, or null for a workspace (plain values are then for
     *                enrolments)
     * @throws IllegalArgumentException saying what is wrong
     */
    void check(SyncKind runKind) {
        if (scopes.isEmpty()) {
            if (given()) {
                throw new IllegalArgumentException("--feed-name, --on-absent, --max-removals, --max-removal-share, "
                        + "--feed-method and --undo-dir go with --full-feed SCOPE");
            }
            return;
        }
        SyncKind plain = runKind != null ? runKind : SyncKind.ENROLMENTS;
        if (!FEED_KINDS.contains(plain)) {
            throw new IllegalArgumentException("--full-feed and its options are for enrolment, group member, "
                    + "cohort and users files (run enrolments FILE --full-feed SCOPE); " + plain.cliName()
                    + " files have none yet");
        }
        for (List<String> values : List.of(scopes, onAbsent)) {
            for (String text : values) {
                Value v = value(values == scopes ? "--full-feed" : "--on-absent", text);
                if (runKind != null && v.kind() != null && v.kind() != runKind) {
                    throw new IllegalArgumentException("this run is of " + runKind.cliName() + ", not of "
                            + v.kind().cliName() + ": " + text);
                }
            }
        }
        String enrolScope = valueFor("--full-feed", scopes, SyncKind.ENROLMENTS, plain);
        if (enrolScope != null && !courseScope(FeedScope.parse(enrolScope))) {
            throw new IllegalArgumentException("--full-feed " + enrolScope.trim() + " is not a scope of enrolment "
                    + "files (courses-in-file, category:IDNUMBER, category-id:N or site)");
        }
        String memberScope = valueFor("--full-feed", scopes, SyncKind.GROUP_MEMBERS, plain);
        if (memberScope != null && !(courseScope(FeedScope.parse(memberScope))
                || FeedScope.parse(memberScope) instanceof FeedScope.GroupsInFile)) {
            throw new IllegalArgumentException("--full-feed " + memberScope.trim() + " is not a scope of group "
                    + "member files (groups-in-file, courses-in-file, category:IDNUMBER, category-id:N or site)");
        }
        String userScope = valueFor("--full-feed", scopes, SyncKind.USERS, plain);
        if (userScope != null && !(FeedScope.parse(userScope) instanceof FeedScope.AuthMethod
                || FeedScope.parse(userScope) instanceof FeedScope.ProfileField
                || FeedScope.parse(userScope) instanceof FeedScope.WholeSite)) {
            throw new IllegalArgumentException("a users file's --full-feed is auth:METHOD, profile:SHORTNAME=VALUE "
                    + "or site");
        }
        String userAction = valueFor("--on-absent", onAbsent, SyncKind.USERS, plain);
        if (userAction != null) {
            UserDropAction.of(userAction);
        }
        String cohortScope = valueFor("--full-feed", scopes, SyncKind.COHORTS, plain);
        if (cohortScope != null && !(FeedScope.parse(cohortScope) instanceof FeedScope.CohortsInFile
                || FeedScope.parse(cohortScope) instanceof FeedScope.WholeSite)) {
            throw new IllegalArgumentException("a cohorts file's --full-feed is cohorts-in-file or site");
        }
        String cohortAction = valueFor("--on-absent", onAbsent, SyncKind.COHORTS, plain);
        if (cohortAction != null) {
            MemberDropAction.of(cohortAction);
        }
        String enrolAction = valueFor("--on-absent", onAbsent, SyncKind.ENROLMENTS, plain);
        if (enrolAction != null) {
            EnrolDropAction.of(enrolAction);
        }
        String memberAction = valueFor("--on-absent", onAbsent, SyncKind.GROUP_MEMBERS, plain);
        if (memberAction != null) {
            MemberDropAction.of(memberAction);
        }
        if (method != null && enrolScope == null) {
            throw new IllegalArgumentException("--feed-method goes with a full feed of enrolments");
        }
        limit();
    }

    private static boolean courseScope(FeedScope scope) {
        return scope instanceof FeedScope.CoursesInFile || scope instanceof FeedScope.Category
                || scope instanceof FeedScope.WholeSite;
    }

    /**
     * Makes a step a full feed when {@code --full-feed} names its kind.
     *
     * @param step    the step
     * @param runKind the kind of the {@code run} command's file, or null for a workspace
     * @return the step
     * @throws IllegalArgumentException when a value is wrong, or a feed option comes without --full-feed
     */
    FileSync<?, ?> applyTo(FileSync<?, ?> step, SyncKind runKind) {
        check(runKind);
        SyncKind plain = runKind != null ? runKind : SyncKind.ENROLMENTS;
        if (step instanceof EnrolSync enrol) {
            String scope = valueFor("--full-feed", scopes, SyncKind.ENROLMENTS, plain);
            if (scope != null) {
                enrol.asFullFeed(FeedScope.parse(scope)).maxRemovals(limit()).undoTo(undoDir);
                String action = valueFor("--on-absent", onAbsent, SyncKind.ENROLMENTS, plain);
                if (action != null) {
                    enrol.onAbsent(EnrolDropAction.of(action));
                }
                if (name != null) {
                    enrol.feedName(name);
                }
                if (method != null) {
                    enrol.feedMethod(method);
                }
            }
        } else if (step instanceof GroupMemberSync members) {
            String scope = valueFor("--full-feed", scopes, SyncKind.GROUP_MEMBERS, plain);
            if (scope != null) {
                members.asFullFeed(FeedScope.parse(scope)).maxRemovals(limit()).undoTo(undoDir);
                String action = valueFor("--on-absent", onAbsent, SyncKind.GROUP_MEMBERS, plain);
                if (action != null) {
                    members.onAbsent(MemberDropAction.of(action));
                }
                if (name != null) {
                    members.feedName(name);
                }
            }
        } else if (step instanceof CohortSync cohorts) {
            String scope = valueFor("--full-feed", scopes, SyncKind.COHORTS, plain);
            if (scope != null) {
                cohorts.asFullFeed(FeedScope.parse(scope)).maxRemovals(limit()).undoTo(undoDir);
                String action = valueFor("--on-absent", onAbsent, SyncKind.COHORTS, plain);
                if (action != null) {
                    cohorts.onAbsent(MemberDropAction.of(action));
                }
                if (name != null) {
                    cohorts.feedName(name);
                }
            }
        } else if (step instanceof UserSync users && users.kind() == SyncKind.USERS) {
            String scope = valueFor("--full-feed", scopes, SyncKind.USERS, plain);
            if (scope != null) {
                users.asFullFeed(FeedScope.parse(scope)).maxRemovals(limit()).undoTo(undoDir);
                String action = valueFor("--on-absent", onAbsent, SyncKind.USERS, plain);
                if (action != null) {
                    users.onAbsent(UserDropAction.of(action));
                }
                if (name != null) {
                    users.feedName(name);
                }
            }
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
