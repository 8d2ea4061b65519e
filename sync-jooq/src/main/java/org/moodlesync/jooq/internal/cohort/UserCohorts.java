package org.moodlesync.jooq.internal.cohort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCohortRecord;
import org.moodlesync.jooq.internal.site.SiteConfig;

/**
 * The {@code cohort} and {@code cohortid} columns of a users file (tool_sync §5.4), written with the cohort writer's
 * code: the cohort is found by its name (in any context); a missing one is created in the system context with the
 * {@code cohortid} value as idnumber; the user joins it unless already a member, and is enrolled in the courses the
 * cohort is bound to, as enrol_cohort does when a member is added.
 */
public final class UserCohorts {

    private final SiteConfig site;
    private final CohortEnrolSync sync;

    /**
     * @param dsl  the Moodle database (its enrol_cohort settings are read once)
     * @param site the site's settings
     */
    public UserCohorts(DSLContext dsl, SiteConfig site) {
        this.site = site;
        this.sync = new CohortEnrolSync(EnrolSettings.load(dsl, site));
    }

    /** The cohorts one chunk of user lines names, and what its lines did to them so far. */
    public static final class Chunk {
        private final CohortCatalog cohorts;
        private final CohortWrites writes = new CohortWrites();
        private final Map<Long, List<CohortInstance>> instances = new HashMap<>();

        private Chunk(CohortCatalog cohorts) {
            this.cohorts = cohorts;
        }

        private List<CohortInstance> instancesOf(DSLContext dsl, long cohortId) {
            if (cohortId <= 0) {
                return List.of();
            }
            return instances.computeIfAbsent(cohortId,
                    id -> CohortInstance.ofCohorts(dsl, List.of(id)).getOrDefault(id, List.of()));
        }
    }

    /** Loads, with one query, the cohorts with these names or idnumbers. */
    public Chunk load(DSLContext dsl, Collection<String> names, Collection<String> idnumbers) {
        return new Chunk(CohortCatalog.load(dsl, List.of(), idnumbers, names));
    }

    /**
     * What the cohort column of one line did.
     *
     * @param changes  fields written ({@code cohort created}, {@code cohort})
     * @param messages notes (enrolments made…)
     */
    public record Result(List<FieldChange> changes, List<String> messages) {
    }

    /**
     * Puts a user into the named cohort (creating the cohort if needed).
     *
     * @param userId   the user (a negative placeholder for a user a dry run would create)
     * @param username for reports
     * @param name     the cohort's name
     * @param idnumber the idnumber of the cohort if it must be created, or null
     * @param index    the line's index in its chunk (placeholder ids of a dry run)
     * @throws LineRejected when several cohorts have the name, or the idnumber of a new one is taken
     */
    public Result join(DSLContext dsl, Chunk chunk, long userId, String username, String name, String idnumber,
                       int index, long now, boolean dryRun) {
        List<MdlCohortRecord> named = chunk.cohorts.withName(name);
        if (named.size() > 1) {
            throw new LineRejected("cohort", named.size() + " cohorts are named " + name
                    + ": cannot tell which one the line means");
        }
        List<FieldChange> changes = new ArrayList<>();
        Effects fx = new Effects();
        MdlCohortRecord cohort = named.isEmpty() ? null : named.get(0);
        boolean created = false;
        if (cohort == null) {
            if (idnumber != null) {
                for (MdlCohortRecord other : chunk.cohorts.withIdnumber(idnumber)) {
                    throw new LineRejected("cohortid", "idnumber " + idnumber + " is already the idnumber of cohort "
                            + other.getName() + " (id " + other.getId() + ")");
                }
            }
            cohort = CohortWrites.newCohort(site.systemContextId(), name, idnumber, null, null, now);
            cohort.setId(chunk.writes.insert(dsl, cohort, -(index + 1L) - 1_000_000L, dryRun));
            changes.add(new FieldChange("cohort created", null, name
                    + (cohort.getIdnumber() == null ? "" : " (" + cohort.getIdnumber() + ")")));
            created = true;
        }
        boolean joined = false;
        if (chunk.writes.isMember(dsl, cohort.getId(), userId)) {
            fx.note("already a member of cohort " + name);
        } else {
            chunk.writes.addMember(dsl, cohort.getId(), userId, now, dryRun);
            changes.add(new FieldChange("cohort", null, name));
            sync.memberAdded(dsl, chunk.instancesOf(dsl, cohort.getId()), userId, now, dryRun, fx);
            joined = true;
        }
        fx.flush(dsl, site, now, dryRun);
        if (created) {
            chunk.cohorts.put(cohort);
        }
        if (joined) {
            chunk.writes.remember(cohort.getId(), userId, true);
        }
        return new Result(changes, fx.messages());
    }
}
