package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_COHORT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.moodlesync.api.command.cohort.CohortAction;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortContext;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.api.command.cohort.CohortSyncOptions;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.jooq.internal.support.LineApplied;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCohortRecord;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.TableStatistics;
import org.moodlesync.jooq.internal.support.WriteNow;

/**
 * Applies one line of a cohorts file: finds the cohort and the user, decides what changes, and (unless dry run)
 * writes the rows Moodle's cohort API would write, with what enrol_cohort does in the same request (members
 * enrolled in, or unenrolled from, the courses the cohort is bound to). Rejections throw {@link LineRejected};
 * the caller rolls the line back.
 */
final class CohortLineWriter {

    static final String USERID = "userid";

    private final SiteConfig site;
    private final CohortSyncOptions options;
    private final CohortEnrolSync sync;

    CohortLineWriter(SiteConfig site, CohortSyncOptions options, CohortEnrolSync sync) {
        this.site = site;
        this.options = options;
        this.sync = sync;
    }

    /** What the lines of one chunk share: the cohorts and users they name, and what they changed so far. */
    static final class Chunk {
        final CohortCatalog cohorts;
        final CohortUsers users;
        final CohortContexts contexts;
        final CohortWrites writes = new CohortWrites();
        final MemberAdds adds;
        private final Map<Long, List<CohortInstance>> instances;

        private Chunk(CohortCatalog cohorts, CohortUsers users, CohortContexts contexts,
                      Map<Long, List<CohortInstance>> instances, MemberAdds adds) {
            this.cohorts = cohorts;
            this.users = users;
            this.contexts = contexts;
            this.instances = instances;
            this.adds = adds;
        }

        /**
         * Loads the chunk's cohorts (by every id, idnumber and name its lines give), users, their memberships of
         * those cohorts, and bindings.
         */
        static Chunk load(DSLContext dsl, SiteConfig site, CohortSyncOptions options,
                          Collection<CohortCommand> commands, CohortEnrolSync sync, TableStatistics statistics) {
            List<Long> ids = new ArrayList<>();
            List<String> idnumbers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> members = new ArrayList<>();
            for (CohortCommand c : commands) {
                if (c.id() != null) {
                    ids.add(c.id());
                }
                idnumbers.add(c.idnumber());
                names.add(c.name());
                if (options.identifyBy() == CohortKey.IDNUMBER) {
                    names.add(c.idnumber()); // the name of a new cohort without cname
                }
                members.add(c.member());
            }
            CohortCatalog cohorts = CohortCatalog.load(dsl, ids, idnumbers, names);
            CohortUsers users = CohortUsers.load(dsl, site.localMnetHostId(), options.userIdentifyBy(), members);
            List<Long> found = new ArrayList<>();
            List<long[]> pairs = new ArrayList<>();
            for (CohortCommand c : commands) {
                try {
                    MdlCohortRecord cohort = cohorts.find(options.identifyBy(), c.key(options.identifyBy()), null);
                    if (cohort != null) {
                        found.add(cohort.getId());
                        if (c.member() != null) {
                            pairs.add(new long[] {cohort.getId(), users.require(c.member(), USERID).id()});
                        }
                    }
                } catch (LineRejected e) {
                    // the line will say so
                }
            }
            Chunk chunk = new Chunk(cohorts, users, new CohortContexts(site), new HashMap<>(
                    CohortInstance.ofCohorts(dsl, found)), new MemberAdds(sync, users.ids(), statistics));
            chunk.writes.preloadMembers(dsl, pairs);
            return chunk;
        }

        /** The cohort sync instances bound to a cohort (read on first need). */
        List<CohortInstance> instancesOf(DSLContext dsl, long cohortId) {
            if (cohortId <= 0) {
                return List.of();
            }
            return instances.computeIfAbsent(cohortId,
                    id -> CohortInstance.ofCohorts(dsl, List.of(id)).getOrDefault(id, List.of()));
        }

        void forgetInstances(long cohortId) {
            instances.put(cohortId, List.of());
        }
    }

    /**
     * Applies one line.
     *
     * @param gather where an {@code add} line's member add goes instead of being written ({@link MemberAdds}), or
     *               null to write at once
     * @throws WriteNow when gathering and the line must write at once
     */
    LineApplied apply(DSLContext dsl, CohortCommand c, int index, Chunk chunk, long now, boolean dryRun,
                  MemberAdds.Line gather) {
        CohortKey key = options.identifyBy();
        String keyValue = c.key(key);
        if (keyValue == null || keyValue.isEmpty()) {
            throw new LineRejected(key.column(), "a value is required: cohorts are identified by " + key.field());
        }
        if (c.member() != null && (c.action() == CohortAction.DELETE || c.action() == CohortAction.FREE)) {
            throw new LineRejected(USERID, "a user has no place in a " + c.action() + " line");
        }
        if (gather != null && c.action() != CohortAction.ADD) {
            throw new WriteNow();
        }
        return switch (c.action()) {
            case ADD -> add(dsl, c, index, keyValue, chunk, now, dryRun, gather);
            case REMOVE_MEMBER -> removeMember(dsl, c, keyValue, chunk, now, dryRun);
            case DELETE -> delete(dsl, keyValue, chunk, now, dryRun);
            case FREE -> free(dsl, keyValue, chunk, now, dryRun);
        };
    }

    // ------------------------------------------------------------------------------------------------------ add

    private LineApplied add(DSLContext dsl, CohortCommand c, int index, String keyValue, Chunk chunk, long now,
                        boolean dryRun, MemberAdds.Line gather) {
        CohortKey key = options.identifyBy();
        MdlCohortRecord cohort = chunk.cohorts.find(key, keyValue, key.column());
        CohortUsers.UserRef user = c.member() == null ? null : chunk.users.require(c.member(), USERID);
        Contexts.ContextRef where = c.context() == null ? null
                : chunk.contexts.resolve(dsl, c.context(), contextColumn(c.context()));
        List<FieldChange> changes = new ArrayList<>();
        Effects fx = new Effects();
        boolean created = false;
        MdlCohortRecord after;
        if (cohort == null) {
            if (gather != null) {
                throw new WriteNow();
            }
            after = create(dsl, c, index, keyValue, where, chunk, changes, now, dryRun);
            created = true;
        } else {
            after = update(dsl, c, cohort, where, chunk, changes, now, dryRun, gather != null);
        }
        boolean joined = false;
        if (user != null) {
            if (chunk.writes.isMember(dsl, after.getId(), user.id())) {
                fx.note("user " + user.username() + " is already a member");
            } else if (gather != null) {
                chunk.adds.addMember(gather, after.getId(), user.id(), now);
                changes.add(new FieldChange("member added", null, user.username()));
                chunk.adds.memberAdded(dsl, gather, chunk.instancesOf(dsl, after.getId()), user.id(), now, fx);
                joined = true;
            } else {
                chunk.writes.addMember(dsl, after.getId(), user.id(), now, dryRun);
                changes.add(new FieldChange("member added", null, user.username()));
                sync.memberAdded(dsl, chunk.instancesOf(dsl, after.getId()), user.id(), now, dryRun, fx);
                joined = true;
            }
        }
        if (gather == null) {
            fx.flush(dsl, site, now, dryRun);
        } else {
            gather.flagsOf(fx);
        }
        // the line is written: now the chunk may remember it
        chunk.cohorts.put(after);
        if (joined) {
            chunk.writes.remember(after.getId(), user.id(), true);
        }
        Outcome outcome = created ? Outcome.CREATED
                : !changes.isEmpty() || fx.anyChange() ? Outcome.UPDATED : Outcome.UNCHANGED;
        return new LineApplied(outcome, entity(keyValue), changes, fx.messages());
    }

    private MdlCohortRecord create(DSLContext dsl, CohortCommand c, int index, String keyValue,
                                   Contexts.ContextRef where, Chunk chunk, List<FieldChange> changes, long now,
                                   boolean dryRun) {
        CohortKey key = options.identifyBy();
        if (!options.autoCreate()) {
            throw new LineRejected(key.column(), "no cohort with " + key.field() + " " + keyValue
                    + " (creating missing cohorts is off)");
        }
        if (key == CohortKey.ID) {
            throw new LineRejected(key.column(), "no cohort with id " + keyValue
                    + " (cohorts identified by id cannot be created: Moodle gives the id)");
        }
        String name = c.name() != null ? c.name() : keyValue;
        String idnumber = c.idnumber();
        checkIdnumberFree(chunk, idnumber, null);
        if (key != CohortKey.NAME) {
            checkNameFree(chunk, name, null);
        }
        Contexts.ContextRef context = where != null ? where : chunk.contexts.system();
        MdlCohortRecord row = CohortWrites.newCohort(context.id(), name, idnumber, c.description(), c.component(),
                now);
        long id = chunk.writes.insert(dsl, row, -(index + 1L), dryRun);
        row.setId(id);
        changes.add(new FieldChange("name", null, name));
        if (row.getIdnumber() != null) {
            changes.add(new FieldChange("idnumber", null, row.getIdnumber()));
        }
        changes.add(new FieldChange("context", null, chunk.contexts.describe(dsl, context.id())));
        if (!row.getDescription().isEmpty()) {
            changes.add(new FieldChange("description", null, row.getDescription()));
        }
        if (!row.getComponent().isEmpty()) {
            changes.add(new FieldChange("component", null, row.getComponent()));
        }
        return row;
    }

    private MdlCohortRecord update(DSLContext dsl, CohortCommand c, MdlCohortRecord cohort,
                                   Contexts.ContextRef where, Chunk chunk, List<FieldChange> changes, long now,
                                   boolean dryRun, boolean gathering) {
        CohortKey key = options.identifyBy();
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        if (key != CohortKey.NAME && c.name() != null && !c.name().equals(cohort.getName())) {
            checkNameFree(chunk, c.name(), cohort.getId());
            change(set, changes, "name", MDL_COHORT.NAME, cohort.getName(), c.name());
        }
        if (key != CohortKey.IDNUMBER && c.idnumber() != null && !c.idnumber().equals(cohort.getIdnumber())) {
            checkIdnumberFree(chunk, c.idnumber(), cohort.getId());
            change(set, changes, "idnumber", MDL_COHORT.IDNUMBER, cohort.getIdnumber(), c.idnumber());
        }
        if (c.description() != null && !c.description().equals(cohort.getDescription())) {
            change(set, changes, "description", MDL_COHORT.DESCRIPTION, cohort.getDescription(), c.description());
        }
        if (c.component() != null && !c.component().equals(cohort.getComponent())) {
            change(set, changes, "component", MDL_COHORT.COMPONENT, cohort.getComponent(), c.component());
        }
        if (where != null && where.id() != cohort.getContextid()) {
            set.put(MDL_COHORT.CONTEXTID, where.id());
            changes.add(new FieldChange("context", chunk.contexts.describe(dsl, cohort.getContextid()),
                    chunk.contexts.describe(dsl, where.id())));
        }
        MdlCohortRecord after = cohort.copy();
        after.setId(cohort.getId());
        if (!set.isEmpty()) {
            if (gathering) {
                throw new WriteNow();
            }
            set.put(MDL_COHORT.TIMEMODIFIED, now);
            if (!dryRun && cohort.getId() > 0) {
                dsl.update(MDL_COHORT).set(set).where(MDL_COHORT.ID.eq(cohort.getId())).execute();
            }
            set.forEach((f, v) -> after.set(castField(f), v));
        }
        return after;
    }

    private static void checkIdnumberFree(Chunk chunk, String idnumber, Long self) {
        if (idnumber == null || idnumber.isEmpty()) {
            return;
        }
        for (MdlCohortRecord other : chunk.cohorts.withIdnumber(idnumber)) {
            if (!other.getId().equals(self)) {
                throw new LineRejected("cidnumber", "idnumber " + idnumber + " is already the idnumber of cohort "
                        + other.getName() + " (id " + other.getId() + ")");
            }
        }
    }

    /** tool_sync's guard: no second cohort with a name already in use (the users file finds cohorts by name). */
    private static void checkNameFree(Chunk chunk, String name, Long self) {
        for (MdlCohortRecord other : chunk.cohorts.withName(name)) {
            if (!other.getId().equals(self)) {
                throw new LineRejected("cname", "a cohort named " + name + " exists already (id " + other.getId()
                        + (other.getIdnumber() == null ? "" : ", idnumber " + other.getIdnumber())
                        + "): refusing a second one with the same name");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- del / free

    private LineApplied removeMember(DSLContext dsl, CohortCommand c, String keyValue, Chunk chunk, long now,
                                 boolean dryRun) {
        // the user must exist: a del line whose user is unknown fails, it never deletes the cohort
        CohortUsers.UserRef user = chunk.users.require(c.member(), USERID);
        MdlCohortRecord cohort = chunk.cohorts.find(options.identifyBy(), keyValue, options.identifyBy().column());
        if (cohort == null) {
            return new LineApplied(Outcome.UNCHANGED, entity(keyValue), List.of(),
                    List.of("no such cohort: user " + user.username() + " is not a member"));
        }
        Effects fx = new Effects();
        List<FieldChange> changes = new ArrayList<>();
        boolean was = chunk.writes.isMember(dsl, cohort.getId(), user.id());
        if (was) {
            chunk.writes.removeMember(dsl, cohort.getId(), user.id(), dryRun);
            changes.add(new FieldChange("member removed", null, user.username()));
        } else {
            fx.note("user " + user.username() + " is not a member");
        }
        sync.memberRemoved(dsl, chunk.instancesOf(dsl, cohort.getId()), user.id(), now, dryRun, fx);
        fx.flush(dsl, site, now, dryRun);
        if (was) {
            chunk.writes.remember(cohort.getId(), user.id(), false);
        }
        Outcome outcome = was || fx.anyChange() ? Outcome.UPDATED : Outcome.UNCHANGED;
        return new LineApplied(outcome, entity(keyValue), changes, fx.messages());
    }

    private LineApplied delete(DSLContext dsl, String keyValue, Chunk chunk, long now, boolean dryRun) {
        MdlCohortRecord cohort = chunk.cohorts.find(options.identifyBy(), keyValue, options.identifyBy().column());
        if (cohort == null) {
            return new LineApplied(Outcome.UNCHANGED, entity(keyValue), List.of(),
                    List.of("no such cohort (nothing to delete)"));
        }
        List<Long> members = chunk.writes.members(dsl, cohort.getId());
        List<CohortInstance> instances = chunk.instancesOf(dsl, cohort.getId());
        Effects fx = new Effects();
        if (cohort.getId() > 0) {
            chunk.writes.deleteCohort(dsl, cohort.getId(), dryRun);
        }
        if (!members.isEmpty()) {
            fx.note(members.size() + " member" + (members.size() == 1 ? "" : "s") + " removed with the cohort");
        }
        sync.cohortDeleted(dsl, instances, now, dryRun, fx);
        fx.flush(dsl, site, now, dryRun);
        chunk.cohorts.remove(cohort.getId());
        chunk.forgetInstances(cohort.getId());
        chunk.writes.rememberEmpty(cohort.getId(), members);
        List<FieldChange> changes = List.of(new FieldChange("deleted", null, cohort.getName()));
        return new LineApplied(Outcome.DELETED, entity(keyValue), changes, fx.messages());
    }

    private LineApplied free(DSLContext dsl, String keyValue, Chunk chunk, long now, boolean dryRun) {
        MdlCohortRecord cohort = chunk.cohorts.find(options.identifyBy(), keyValue, options.identifyBy().column());
        if (cohort == null) {
            throw new LineRejected(options.identifyBy().column(), "no cohort with " + options.identifyBy().field()
                    + " " + keyValue);
        }
        List<Long> members = chunk.writes.members(dsl, cohort.getId());
        if (members.isEmpty()) {
            return new LineApplied(Outcome.UNCHANGED, entity(keyValue), List.of(),
                    List.of("the cohort has no members"));
        }
        Effects fx = new Effects();
        Effects each = new Effects();
        List<CohortInstance> instances = chunk.instancesOf(dsl, cohort.getId());
        for (long userId : members) {
            chunk.writes.removeMember(dsl, cohort.getId(), userId, dryRun);
            sync.memberRemoved(dsl, instances, userId, now, dryRun, each);
        }
        fx.absorb(each);
        fx.flush(dsl, site, now, dryRun);
        chunk.writes.rememberEmpty(cohort.getId(), members);
        List<FieldChange> changes = List.of(new FieldChange("members", String.valueOf(members.size()), "0"));
        return new LineApplied(Outcome.UPDATED, entity(keyValue), changes, fx.messages());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static String contextColumn(CohortContext where) {
        if (where instanceof CohortContext.CategoryIdnumber) {
            return "ccatcontextidnumber";
        }
        if (where instanceof CohortContext.CategoryPath) {
            return "ccatpath";
        }
        return "ccatcontext";
    }

    static String entity(String keyValue) {
        return "cohort " + keyValue;
    }

    private static void change(Map<Field<?>, Object> set, List<FieldChange> changes, String name, Field<?> column,
                               Object old, Object wanted) {
        if (Objects.equals(old, wanted)) {
            return;
        }
        set.put(column, wanted);
        changes.add(new FieldChange(name, old == null ? null : old.toString(), String.valueOf(wanted)));
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> castField(Field<?> f) {
        return (Field<Object>) f;
    }
}
