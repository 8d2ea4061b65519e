package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.feed.FeedOwnership;
import org.moodlesync.api.feed.RemovalLimit;
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
 * A command file run as a full feed, whatever its kind. Before anything is written, {@link #plan} compares what the
 * file lists ({@link FeedKeys}) with the rows the feed owns in its scope, read set-wise by the kind: the owned rows
 * the file no longer lists are to be removed, unless they are more than the removal limit allows (the run is then
 * refused), the file is empty, or some of its lines cannot be told. The removals run as lines after the file's own;
 * afterwards {@link Plan#finish} records what the feed now owns and closes the undo file. A kind says what its rows
 * are, how they are read and how one is removed and put back.
 *
 * @param <C> the command type
 * @param <R> the kind's row in the scope
 */
public abstract class ScopedFeedRun<C, R> implements FullFeed<C> {

    private static final Logger LOG = LoggerFactory.getLogger(ScopedFeedRun.class);

    /** The start of the key of a removal line: {@code absent 1}, {@code absent 2}, … */
    public static final String ABSENT = "absent ";

    private final String feedName;
    private final RemovalLimit limit;
    /** The backend's full-feed support. */
    protected final FeedOwnership ownership;
    private final boolean dryRun;

    /**
     * @param feedName  the feed's name
     * @param limit     how much one run may remove
     * @param ownership the backend's full-feed support
     * @param dryRun    whether nothing is to be written (ownership records included)
     */
    protected ScopedFeedRun(String feedName, RemovalLimit limit, FeedOwnership ownership, boolean dryRun) {
        this.feedName = feedName;
        this.limit = limit;
        this.ownership = ownership;
        this.dryRun = dryRun;
    }

    /** {@return the kind of row in the ownership records ({@link FeedOwnership#ENROLMENT}, …)} */
    protected abstract String ownedKind();

    /** {@return what the rows are, in the plural ({@code enrolments})} */
    protected abstract String rowsName();

    /** {@return the scope and what else limits it, for the feed's notice ({@code courses-in-file, manual enrolments})} */
    protected abstract String scopeDescription();

    /** {@return what a key names, for the notice on unreadable lines ({@code user or course})} */
    protected abstract String keyDescription();

    /** {@return the CLI options that raise the limit, for the refusal} */
    protected String limitOptions() {
        return "--max-removals, --max-removal-share";
    }

    /**
     * Streams the rows of the scope, set-wise (a query per chunk of the scope's values, never one per row).
     *
     * @param keys what the file lists (its scope values)
     * @param each called once per row
     */
    protected abstract void forEachInScope(FeedKeys keys, Consumer<R> each);

    /** {@return the row's id, as the ownership records hold it} @param row the row */
    protected abstract long id(R row);

    /** {@return whether the feed owns the row} @param row the row */
    protected abstract boolean owned(R row);

    /** {@return whether the file lists the row} @param keys what it lists @param row the row */
    protected abstract boolean listed(FeedKeys keys, R row);

    /** {@return whether the absent row still needs the drop action (false: it is suspended already)} @param row it */
    protected boolean needsDrop(R row) {
        return true;
    }

    /** {@return whether absent rows are kept (the drop action {@code keep})} */
    protected abstract boolean keepsAbsent();

    /** {@return what the drop action does, as a verb ({@code unenrol}, {@code suspend}, {@code remove})} */
    protected abstract String dropVerb();

    /** {@return what a removal line's outcome is ({@link Outcome#REMOVED} or {@link Outcome#SUSPENDED})} */
    protected abstract Outcome dropOutcome();

    /** {@return the row, as its result names it} @param row the row */
    protected abstract String entity(R row);

    /** {@return the command that drops the row} @param row the row */
    protected abstract C dropCommand(R row);

    /** {@return the line that follows each removal line in the writer, or null for none} */
    protected UnaryOperator<CommandLine<C>> companion() {
        return null;
    }

    /**
     * What the run reads before removals, for their undo lines (the roles of enrolments that go).
     *
     * @param removals the rows to go
     * @return values by row id, or empty
     */
    protected Map<Long, List<String>> beforeRemoval(List<R> removals) {
        return Map.of();
    }

    /**
     * What the run says of its removals, beyond their lines (that they cannot be undone, say).
     *
     * @param removals how many rows go
     * @return the notices, or empty
     */
    protected List<String> removalNotices(int removals) {
        return List.of();
    }

    /** {@return the undo file's columns} */
    protected abstract List<String> undoHeader();

    /** {@return the kind the undo file is run as ({@code enrolments})} */
    protected abstract String undoKind();

    /**
     * The lines that put a dropped row back.
     *
     * @param row    the row
     * @param before what {@link #beforeRemoval} read of it, or empty
     * @return the lines
     */
    protected abstract List<UndoFile.Line> undoLines(R row, List<String> before);

    @Override
    public Plan plan(FeedKeys keys) {
        if (!ownership.ready()) {
            throw new SyncException("a full feed keeps records of what it owns, and this site has none yet: "
                    + ownership.setUpHint());
        }
        Scan scan = new Scan(keys);
        forEachInScope(keys, scan);
        List<String> notices = new ArrayList<>();
        long done = scan.ownedAbsent - scan.absent.size();
        notices.add("full feed " + feedName + " (" + scopeDescription() + "): " + scan.owned
                + " owned in the scope before the run, " + scan.ownedAbsent + " of them no longer listed"
                + (done == 0 ? "" : " (" + done + " already suspended)")
                + (scan.unclaimed.isEmpty() ? "" : ", " + scan.unclaimed.size() + " listed and claimed by this run"));
        List<R> removals = scan.absent;
        if (keys.lines() == 0) {
            notices.add("the feed lists no line: an empty feed never removes anything");
            removals = List.of();
        } else if (keys.unreadable() > 0) {
            notices.add(keys.unreadable() + " line" + (keys.unreadable() == 1 ? "" : "s") + " of the feed name no "
                    + keyDescription() + " that can be read, so the feed is not known to be whole: "
                    + "nothing removed this run");
            removals = List.of();
        } else if (keepsAbsent() && !removals.isEmpty()) {
            notices.add(removals.size() + " " + rowsName() + " no longer listed kept (absent " + rowsName()
                    + ": keep)");
            removals = List.of();
        }
        if (!limit.allows(removals.size(), scan.owned)) {
            String share = scan.owned == 0 ? ""
                    : " (" + RemovalLimit.percent((double) removals.size() / scan.owned) + ")";
            return new Plan(removals, Map.of(), scan.unclaimed, notices, new RunFailure(RunFailure.Kind.REMOVAL_LIMIT,
                    "the feed would " + dropVerb() + " " + removals.size() + " of the " + scan.owned + " "
                            + rowsName() + " it owns in its scope" + share + ", more than its limit allows ("
                            + limit.describe() + "): nothing written; check the file, or raise the limit ("
                            + limitOptions() + ") if this is intended", null));
        }
        Map<Long, List<String>> before = removals.isEmpty() ? Map.of() : beforeRemoval(removals);
        if (!removals.isEmpty()) {
            notices.addAll(removalNotices(removals.size()));
        }
        return new Plan(removals, before, scan.unclaimed, notices, null);
    }

    /** What one read of the scope found. */
    private final class Scan implements Consumer<R> {
        private final FeedKeys keys;
        private final List<R> absent = new ArrayList<>();
        private final List<Long> unclaimed = new ArrayList<>();
        private long owned;
        private long ownedAbsent;

        Scan(FeedKeys keys) {
            this.keys = keys;
        }

        @Override
        public void accept(R row) {
            boolean isOwned = owned(row);
            if (isOwned) {
                owned++;
            }
            if (listed(keys, row)) {
                if (!isOwned) {
                    unclaimed.add(id(row));
                }
            } else if (isOwned) {
                ownedAbsent++;
                if (needsDrop(row)) {
                    absent.add(row); // a suspended row is not suspended again
                }
            }
        }
    }

    /** What the run does about the scope: the removal lines, then the ownership records and the undo file. */
    public final class Plan implements FeedPlan<C> {
        private final List<R> removals;
        private final Map<Long, List<String>> before;
        private final List<Long> unclaimed;
        private final List<String> notices;
        private final RunFailure refusal;
        private final Map<String, R> byKey = new HashMap<>();
        private UndoFile undo;

        private Plan(List<R> removals, Map<Long, List<String>> before, List<Long> unclaimed, List<String> notices,
                     RunFailure refusal) {
            this.removals = removals;
            this.before = before;
            this.unclaimed = unclaimed;
            this.notices = notices;
            this.refusal = refusal;
            for (int i = 0; i < removals.size(); i++) {
                byKey.put(ABSENT + (i + 1), removals.get(i));
            }
        }

        @Override
        public RunFailure refusal() {
            return refusal;
        }

        @Override
        public List<String> notices() {
            return List.copyOf(notices);
        }

        /** {@return how many removal lines the run adds} */
        public int removalCount() {
            return removals.size();
        }

        @Override
        public List<String> undoHeader() {
            return ScopedFeedRun.this.undoHeader();
        }

        @Override
        public List<CommandLine<C>> removalLines(String source) {
            List<CommandLine<C>> lines = new ArrayList<>(removals.size());
            for (int i = 0; i < removals.size(); i++) {
                lines.add(new CommandLine<>(new LineRef(source, 0, null, ABSENT + (i + 1)),
                        dropCommand(removals.get(i))));
            }
            return lines;
        }

        @Override
        public List<LineResult> refusedLines(String source) {
            List<LineResult> lines = new ArrayList<>(removals.size());
            for (int i = 0; i < removals.size(); i++) {
                lines.add(LineResult.of(new LineRef(source, 0, null, ABSENT + (i + 1)), entity(removals.get(i)),
                        dropOutcome(), true, List.of(), List.of("not listed by the feed: refused with the whole run")));
            }
            return lines;
        }

        @Override
        public CommandWriter<C> writer(CommandWriter<C> writer, UndoFile undo) {
            this.undo = undo;
            return new RemovalWriter<>(writer, companion(), notices, key -> {
                R row = byKey.get(key);
                return row == null ? List.of() : undoLines(row, before.getOrDefault(id(row), List.of()));
            }, undo, undoKind(), dropOutcome());
        }

        /**
         * After the run: records what the feed owns now (what it listed and did not own yet; nothing in a dry run)
         * and forgets what is gone, then closes the undo file of the removals done.
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
                done = result.withNotices(all).withUndoFile(undo.file());
            }
            if (dryRun || result.status() == RunStatus.FAILED && result.counts().read() == 0) {
                return done;
            }
            try {
                List<Long> claims = unclaimed;
                if (result.counts().created() > 0 || result.counts().deleted() > 0) {
                    // the run made rows of its own (or removed some the first read saw): read the scope again
                    Scan again = new Scan(keys);
                    forEachInScope(keys, again);
                    claims = again.unclaimed;
                }
                ownership.claim(feedName, ownedKind(), claims.stream().mapToLong(Long::longValue).toArray());
                if (result.counts().removed() > 0 || result.counts().deleted() > 0) {
                    ownership.forgetGone(feedName, ownedKind());
                }
            } catch (RuntimeException e) {
                LOG.warn("ownership records of feed {} not updated", feedName, e);
                all.add("the feed's ownership records could not be updated (" + e.getMessage()
                        + "): the next run claims what this one listed");
                done = done.withNotices(all);
            }
            return done;
        }
    }
}
