package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.enrol.EnrolAction;
import org.moodlesync.api.command.enrol.EnrolCommand;
import org.moodlesync.api.feed.EnrolDropAction;
import org.moodlesync.api.feed.EnrolScopeQuery;
import org.moodlesync.api.feed.FeedOwnership;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.RemovalLimit;
import org.moodlesync.api.feed.ScopedEnrolment;
import org.moodlesync.api.result.LineRef;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An enrolment file run as a full feed. Before anything is written, {@link #plan} compares what the file lists
 * ({@link FeedKeys}) with the enrolments the feed owns in its scope, read set-wise: the owned ones the file no
 * longer lists are to be removed, unless they are more than the removal limit allows (the run is then refused), the
 * file is empty, or some of its lines cannot be told. The removals run as lines after the file's own; afterwards
 * {@link Plan#finish} records what the feed now owns and writes the undo file.
 */
public final class EnrolFeedRun implements FullFeed<EnrolCommand> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrolFeedRun.class);

    /** The start of the key of a removal line: {@code absent 1}, {@code absent 2}, … */
    public static final String ABSENT = "absent ";
    /** Course identifiers per scope query for {@link FeedScope#coursesInFile()}. */
    private static final int COURSES_PER_QUERY = 1000;

    private final EnrolFeedSettings settings;
    private final UserKey userKey;
    private final CourseKey courseKey;
    private final FeedOwnership ownership;
    private final boolean dryRun;

    /**
     * A full-feed run.
     *
     * @param settings  the feed's settings
     * @param userKey   the field of users in the file
     * @param courseKey the field of courses in the file
     * @param ownership the backend's full-feed support
     * @param dryRun    whether nothing is to be written (ownership records included)
     */
    public EnrolFeedRun(EnrolFeedSettings settings, UserKey userKey, CourseKey courseKey, FeedOwnership ownership,
                        boolean dryRun) {
        this.settings = settings;
        this.userKey = userKey;
        this.courseKey = courseKey;
        this.ownership = ownership;
        this.dryRun = dryRun;
    }

    /**
     * Compares the file with the scope, before anything is written.
     *
     * @param keys what the file lists
     * @return the plan: the removals, or a refusal
     * @throws SyncException when the feed cannot run (no ownership table, unknown category)
     */
    @Override
    public FeedKeys keys(org.moodlesync.api.source.RowSource rows) {
        return FeedKeys.of(rows, "uid", "cid");
    }

    @Override
    public FeedKeys keys(List<EnrolCommand> commands) {
        return FeedKeys.of(commands);
    }

    @Override
    public Plan plan(FeedKeys keys) {
        if (!ownership.ready()) {
            throw new SyncException("a full feed keeps records of what it owns, and this site has none yet: "
                    + ownership.setUpHint());
        }
        Scan scan = new Scan(keys);
        forEachInScope(keys, scan);
        List<String> notices = new ArrayList<>();
        notices.add("full feed " + settings.name() + " (" + settings.scope().describe() + ", " + settings.method()
                + " enrolments): " + scan.owned + " owned in the scope before the run, " + scan.ownedAbsent
                + " of them no longer listed" + (scan.ownedAbsent == scan.absent.size() ? ""
                : " (" + (scan.ownedAbsent - scan.absent.size()) + " already suspended)")
                + (scan.unclaimed.isEmpty() ? "" : ", " + scan.unclaimed.size() + " listed and claimed by this run"));
        List<ScopedEnrolment> removals = scan.absent;
        if (keys.lines() == 0) {
            notices.add("the feed lists no line: an empty feed never removes anything");
            removals = List.of();
        } else if (keys.unreadable() > 0) {
            notices.add(keys.unreadable() + " line" + (keys.unreadable() == 1 ? "" : "s")
                    + " of the feed name no user or course that can be read, so the feed is not known to be whole: "
                    + "nothing removed this run");
            removals = List.of();
        } else if (settings.onAbsent() == EnrolDropAction.KEEP && !removals.isEmpty()) {
            notices.add(removals.size() + " enrolments no longer listed kept (absent enrolments: keep)");
            removals = List.of();
        }
        RemovalLimit limit = settings.limit();
        if (!limit.allows(removals.size(), scan.owned)) {
            String share = scan.owned == 0 ? "" : " (" + RemovalLimit.percent((double) removals.size() / scan.owned)
                    + ")";
            return new Plan(removals, Map.of(), scan.unclaimed, notices, new RunFailure(RunFailure.Kind.REMOVAL_LIMIT,
                    "the feed would " + verb() + " " + removals.size() + " of the " + scan.owned
                            + " enrolments it owns in its scope" + share + ", more than its limit allows ("
                            + limit.describe() + "): nothing written; check the file, or raise the limit "
                            + "(--max-removals, --max-removal-share) if this is intended", null));
        }
        Map<Long, List<String>> roles = Map.of();
        boolean rolesGo = settings.onAbsent() == EnrolDropAction.UNENROL
                || settings.onAbsent() == EnrolDropAction.SUSPEND_NO_ROLES;
        if (rolesGo && !removals.isEmpty()) {
            roles = ownership.roles(removals); // read before they go: the undo file gives them back
        }
        return new Plan(removals, roles, scan.unclaimed, notices, null);
    }

    private String verb() {
        return settings.onAbsent() == EnrolDropAction.UNENROL ? "unenrol" : "suspend";
    }

    private void forEachInScope(FeedKeys keys, Consumer<ScopedEnrolment> each) {
        if (settings.scope() instanceof FeedScope.CoursesInFile) {
            List<String> courses = keys.courses();
            for (int from = 0; from < courses.size(); from += COURSES_PER_QUERY) {
                ownership.enrolments(query(courses.subList(from, Math.min(courses.size(),
                        from + COURSES_PER_QUERY))), each);
            }
        } else {
            ownership.enrolments(query(List.of()), each);
        }
    }

    private EnrolScopeQuery query(List<String> courses) {
        return new EnrolScopeQuery(settings.name(), settings.scope(), courses, userKey, courseKey,
                settings.method());
    }

    /** What one read of the scope found. */
    private final class Scan implements Consumer<ScopedEnrolment> {
        private final FeedKeys keys;
        private final List<ScopedEnrolment> absent = new ArrayList<>();
        private final List<Long> unclaimed = new ArrayList<>();
        private long owned;
        private long ownedAbsent;

        Scan(FeedKeys keys) {
            this.keys = keys;
        }

        @Override
        public void accept(ScopedEnrolment e) {
            if (e.owned()) {
                owned++;
            }
            if (keys.lists(e.user(), e.course())) {
                if (!e.owned()) {
                    unclaimed.add(e.id());
                }
            } else if (e.owned()) {
                ownedAbsent++;
                if (settings.onAbsent() == EnrolDropAction.UNENROL || e.active()) {
                    absent.add(e); // a suspended enrolment is not suspended again
                }
            }
        }
    }

    /** What the run does about the scope: the removal lines, then the ownership records and the undo file. */
    public final class Plan implements FeedPlan<EnrolCommand> {
        private final List<ScopedEnrolment> removals;
        private final Map<Long, List<String>> roles;
        private final List<Long> unclaimed;
        private final List<String> notices;
        private final RunFailure refusal;
        private final Map<String, ScopedEnrolment> byKey = new HashMap<>();
        private UndoFile undo;

        private Plan(List<ScopedEnrolment> removals, Map<Long, List<String>> roles, List<Long> unclaimed,
                     List<String> notices, RunFailure refusal) {
            this.removals = removals;
            this.roles = roles;
            this.unclaimed = unclaimed;
            this.notices = notices;
            this.refusal = refusal;
            for (int i = 0; i < removals.size(); i++) {
                byKey.put(ABSENT + (i + 1), removals.get(i));
            }
        }

        /** {@return why the run is refused (over the removal limit), or null} */
        @Override
        public RunFailure refusal() {
            return refusal;
        }

        /** {@return the feed's notes for the run's result (a run's writer reports them itself)} */
        @Override
        public List<String> notices() {
            return List.copyOf(notices);
        }

        /** {@return how many removal lines the run adds} */
        public int removalCount() {
            return removals.size();
        }

        /**
         * The removal lines, run after the file's own.
         *
         * @param source the run's source name
         * @return one line per owned enrolment the file no longer lists
         */
        @Override
        public List<CommandLine<EnrolCommand>> removalLines(String source) {
            List<CommandLine<EnrolCommand>> lines = new ArrayList<>(removals.size());
            for (int i = 0; i < removals.size(); i++) {
                ScopedEnrolment e = removals.get(i);
                EnrolAction action = settings.onAbsent() == EnrolDropAction.UNENROL ? EnrolAction.DELETE
                        : EnrolAction.DISABLE;
                lines.add(new CommandLine<>(new LineRef(source, 0, null, ABSENT + (i + 1)),
                        EnrolCommand.builder().action(action).user(e.user()).course(e.course())
                                .method(settings.method()).build()));
            }
            return lines;
        }

        /**
         * What a refused run would have done, as dry-run lines for its report.
         *
         * @param source the run's source name
         * @return one line per removal refused
         */
        @Override
        public List<LineResult> refusedLines(String source) {
            Outcome outcome = settings.onAbsent() == EnrolDropAction.UNENROL ? Outcome.REMOVED : Outcome.SUSPENDED;
            List<LineResult> lines = new ArrayList<>(removals.size());
            for (int i = 0; i < removals.size(); i++) {
                ScopedEnrolment e = removals.get(i);
                lines.add(LineResult.of(new LineRef(source, 0, null, ABSENT + (i + 1)),
                        "enrolment " + e.user() + " in " + e.course(), outcome, true, List.of(),
                        List.of("not listed by the feed: refused with the whole run")));
            }
            return lines;
        }

        /**
         * The run's writer, which reports removal lines as {@link Outcome#REMOVED} or {@link Outcome#SUSPENDED}
         * (and, for {@link EnrolDropAction#SUSPEND_NO_ROLES}, also removes the user's manual roles in the course).
         *
         * @param writer the enrolment writer
         * @return the writer of the feed's run
         */
        @Override
        public CommandWriter<EnrolCommand> writer(CommandWriter<EnrolCommand> writer, UndoFile undo) {
            this.undo = undo;
            return new RemovalWriter(writer, settings.onAbsent() == EnrolDropAction.SUSPEND_NO_ROLES, notices,
                    key -> byKey.containsKey(key) ? undoLines(byKey.get(key)) : List.of(), undo);
        }

        /**
         * After the run: records what the feed owns now (what it listed and did not own yet; nothing in a dry run)
         * and forgets what is gone, then writes the undo file of the removals done.
         *
         * @param result the run's result
         * @param keys   what the file lists
         * @return the result, with the feed's undo file
         */
        @Override
        public RunResult finish(RunResult result, FeedKeys keys) {
            List<String> all = new ArrayList<>(result.notices());
            RunResult done = result;
            if (undo != null) {
                try {
                    undo.close();
                } catch (RuntimeException e) {
                    all.add(e.getMessage());
                }
                done = withNotices(result, all).withUndoFile(undo.file());
            }
            if (dryRun || result.status() == RunStatus.FAILED && result.counts().read() == 0) {
                return done;
            }
            try {
                List<Long> claims = unclaimed;
                if (result.counts().created() > 0 || result.counts().deleted() > 0) {
                    // the run made enrolments of its own (or removed some the first read saw): read the scope again
                    Scan again = new Scan(keys);
                    forEachInScope(keys, again);
                    claims = again.unclaimed;
                }
                ownership.claim(settings.name(), FeedOwnership.ENROLMENT,
                        claims.stream().mapToLong(Long::longValue).toArray());
                if (result.counts().removed() > 0 || result.counts().deleted() > 0) {
                    ownership.forgetGone(settings.name(), FeedOwnership.ENROLMENT);
                }
            } catch (RuntimeException e) {
                LOG.warn("ownership records of feed {} not updated", settings.name(), e);
                all.add("the feed's ownership records could not be updated (" + e.getMessage()
                        + "): the next run claims what this one listed");
                done = withNotices(done, all);
            }
            return done;
        }

        private List<UndoFile.Line> undoLines(ScopedEnrolment e) {
            List<String> rolesOf = roles.getOrDefault(e.id(), List.of());
            String start = Long.toString(e.timeStart());
            String end = Long.toString(e.timeEnd());
            if (settings.onAbsent() == EnrolDropAction.SUSPEND
                    || settings.onAbsent() == EnrolDropAction.SUSPEND_NO_ROLES && rolesOf.isEmpty()) {
                return List.of(new UndoFile.Line("enable", "", e.user(), e.course(), settings.method(), "", ""));
            }
            if (rolesOf.isEmpty()) {
                return List.of(new UndoFile.Line("add", "", e.user(), e.course(), settings.method(), start, end));
            }
            return rolesOf.stream().map(r -> new UndoFile.Line("add", r, e.user(), e.course(), settings.method(),
                    start, end)).toList();
        }
    }

    private static RunResult withNotices(RunResult r, List<String> notices) {
        return new RunResult(r.kind(), r.source(), r.status(), r.dryRun(), r.started(), r.finished(), r.counts(),
                r.lines(), r.failure(), r.reportFile(), r.trybackFile(), notices, r.undoFile());
    }
}
