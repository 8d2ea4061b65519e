package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.moodlesync.api.command.cohort.CohortAction;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.api.command.cohort.CohortSyncOptions;
import org.moodlesync.api.feed.CohortMemberScopeQuery;
import org.moodlesync.api.feed.FeedOwnership;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.MemberDropAction;
import org.moodlesync.api.feed.ScopedCohortMember;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.source.RowSource;

/**
 * A cohorts file run as a full feed of cohort members: its rows are the members of the cohorts the file names (or of
 * every cohort), its key a line's cohort identifier ({@code cidnumber}, {@code cname} or {@code cid}) and
 * {@code userid}; a line without {@code userid} names its cohort only. Absent members leave the cohort (and, as
 * Moodle's {@code cohort_remove_member} does through enrol_cohort, the courses it is bound to), or are kept; the
 * undo file adds them back.
 */
public final class CohortMemberFeedRun extends ScopedFeedRun<CohortCommand, ScopedCohortMember> {

    /** Cohort identifiers per scope query. */
    private static final int PER_QUERY = 1000;

    private final FeedSettings<MemberDropAction> settings;
    private final CohortSyncOptions options;

    /**
     * A full-feed run.
     *
     * @param settings  the feed's settings
     * @param options   the run's identifiers of cohorts and users
     * @param ownership the backend's full-feed support
     * @param dryRun    whether nothing is to be written (ownership records included)
     */
    public CohortMemberFeedRun(FeedSettings<MemberDropAction> settings, CohortSyncOptions options, FeedOwnership ownership,
                               boolean dryRun) {
        super(settings.name(), settings.limit(), ownership, dryRun);
        this.settings = settings;
        this.options = options;
    }

    private CohortKey cohortKey() {
        return options.identifyBy();
    }

    @Override
    public FeedKeys keys(RowSource rows) {
        return FeedKeys.of(rows, List.of(cohortKey().column(), "userid"), 1, true);
    }

    @Override
    public FeedKeys keys(List<CohortCommand> commands) {
        return FeedKeys.of(commands, c -> Arrays.asList(c.key(cohortKey()), c.member()), 1, true);
    }

    @Override
    protected String ownedKind() {
        return FeedOwnership.COHORT_MEMBER;
    }

    @Override
    protected String rowsName() {
        return "cohort members";
    }

    @Override
    protected String scopeDescription() {
        return settings.scope().describe() + ", cohort members";
    }

    @Override
    protected String keyDescription() {
        return "cohort";
    }

    @Override
    protected void forEachInScope(FeedKeys keys, Consumer<ScopedCohortMember> each) {
        if (settings.scope() instanceof FeedScope.CohortsInFile) {
            List<String> cohorts = keys.firstScopeValues();
            for (int from = 0; from < cohorts.size(); from += PER_QUERY) {
                ownership.cohortMembers(query(cohorts.subList(from, Math.min(cohorts.size(), from + PER_QUERY))),
                        each);
            }
        } else {
            ownership.cohortMembers(query(List.of()), each);
        }
    }

    private CohortMemberScopeQuery query(List<String> cohorts) {
        return new CohortMemberScopeQuery(settings.name(), settings.scope(), new ArrayList<>(cohorts),
                options.userIdentifyBy(), cohortKey());
    }

    @Override
    protected long id(ScopedCohortMember row) {
        return row.id();
    }

    @Override
    protected boolean owned(ScopedCohortMember row) {
        return row.owned();
    }

    @Override
    protected boolean listed(FeedKeys keys, ScopedCohortMember row) {
        return keys.lists(row.cohort(), row.user());
    }

    @Override
    protected boolean keepsAbsent() {
        return settings.onAbsent() == MemberDropAction.KEEP;
    }

    @Override
    protected String dropVerb() {
        return "remove";
    }

    @Override
    protected Outcome dropOutcome() {
        return Outcome.REMOVED;
    }

    @Override
    protected String entity(ScopedCohortMember row) {
        return "member " + row.user() + " of cohort " + row.cohort();
    }

    @Override
    protected CohortCommand dropCommand(ScopedCohortMember row) {
        CohortCommand.Builder b = CohortCommand.builder().action(CohortAction.REMOVE_MEMBER).member(row.user());
        switch (cohortKey()) {
            case ID -> b.id(row.cohortId());
            case IDNUMBER -> b.idnumber(row.cohort());
            case NAME -> b.name(row.cohort());
        }
        return b.build();
    }

    @Override
    protected List<String> undoHeader() {
        return List.of("cmd", cohortKey().column(), "userid");
    }

    @Override
    protected String undoKind() {
        return "cohorts";
    }

    @Override
    protected List<UndoFile.Line> undoLines(ScopedCohortMember row, List<String> before) {
        return List.of(new UndoFile.Line("add", row.cohort(), row.user()));
    }
}
