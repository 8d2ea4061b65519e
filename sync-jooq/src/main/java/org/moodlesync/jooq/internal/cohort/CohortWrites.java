package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_COHORT;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_COMPETENCY_TEMPLATECOHORT;
import static org.moodlesync.jooq.schema.Tables.MDL_CUSTOMFIELD_CATEGORY;
import static org.moodlesync.jooq.schema.Tables.MDL_CUSTOMFIELD_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_CUSTOMFIELD_FIELD;
import static org.moodlesync.jooq.schema.Tables.MDL_FILES;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Row2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.schema.tables.records.MdlCohortRecord;

/**
 * The cohort rows as Moodle's cohort API writes them ({@code cohort_add_cohort}, {@code cohort_update_cohort},
 * {@code cohort_delete_cohort}, {@code cohort_add_member}, {@code cohort_remove_member}), with a per-chunk memory
 * of membership changes so that a dry run sees its own earlier lines.
 */
final class CohortWrites {

    /** FORMAT_HTML: what {@code cohort_add_cohort} stores when no format is given. */
    static final int FORMAT_HTML = 1;
    /** Pairs per membership preload query. */
    private static final int PRELOAD = 500;

    /** Membership changes of the chunk so far: cohort id → user id → member or not. */
    private final Map<Long, Map<Long, Boolean>> changed = new HashMap<>();
    /** Whether the pairs preloaded were memberships when the chunk began: cohort id → user id → member or not. */
    private final Map<Long, Map<Long, Boolean>> preloaded = new HashMap<>();
    /** Cohorts created by this chunk's lines: no members but those the chunk added. */
    private final Set<Long> created = new HashSet<>();

    /** A new cohort row as {@code cohort_add_cohort} fills it (not yet inserted). */
    static MdlCohortRecord newCohort(long contextId, String name, String idnumber, String description,
                                     String component, long now) {
        MdlCohortRecord c = new MdlCohortRecord();
        c.setContextid(contextId);
        c.setName(name);
        c.setIdnumber(idnumber == null || idnumber.isEmpty() ? null : idnumber);
        c.setDescription(description == null ? "" : description);
        c.set(MDL_COHORT.DESCRIPTIONFORMAT, MDL_COHORT.DESCRIPTIONFORMAT.getDataType().convert(FORMAT_HTML));
        c.set(MDL_COHORT.VISIBLE, MDL_COHORT.VISIBLE.getDataType().convert(1));
        c.setComponent(component == null ? "" : component);
        c.setTimecreated(now);
        c.setTimemodified(now);
        c.setTheme("");
        return c;
    }

    /** Inserts a new cohort and returns its id (a placeholder id in a dry run). */
    long insert(DSLContext dsl, MdlCohortRecord cohort, long placeholder, boolean dryRun) {
        if (dryRun) {
            return placeholder;
        }
        MdlCohortRecord row = cohort.copy();
        long id = dsl.insertInto(MDL_COHORT).set(row).returningResult(MDL_COHORT.ID).fetchOne().value1();
        created.add(id);
        return id;
    }

    /**
     * Reads which of these (cohort, user) pairs are memberships, with one query per {@value #PRELOAD} pairs, so
     * that {@link #isMember} answers for them without a query. The pairs are joined as a list of rows: every engine
     * then probes the {@code (cohortid, userid)} index (H2 filtered every member of the cohorts through an
     * {@code IN} list of the users instead).
     *
     * @param pairs cohort id and user id of each pair
     */
    void preloadMembers(DSLContext dsl, Collection<long[]> pairs) {
        List<Row2<Long, Long>> rows = new ArrayList<>();
        for (long[] p : pairs) {
            if (p[0] > 0 && p[1] > 0 && preloaded.computeIfAbsent(p[0], k -> new HashMap<>()).putIfAbsent(p[1],
                    Boolean.FALSE) == null) {
                rows.add(DSL.row(p[0], p[1]));
            }
        }
        for (int from = 0; from < rows.size(); from += PRELOAD) {
            Table<Record2<Long, Long>> wanted = DSL.values(rows.subList(from, Math.min(rows.size(), from + PRELOAD))
                    .toArray(Row2[]::new)).as("wanted", "cohortid", "userid");
            dsl.select(MDL_COHORT_MEMBERS.COHORTID, MDL_COHORT_MEMBERS.USERID).from(MDL_COHORT_MEMBERS)
                    .join(wanted).on(MDL_COHORT_MEMBERS.COHORTID.eq(wanted.field("cohortid", Long.class))
                            .and(MDL_COHORT_MEMBERS.USERID.eq(wanted.field("userid", Long.class))))
                    .fetch().forEach(r -> preloaded.get(r.value1()).put(r.value2(), Boolean.TRUE));
        }
    }

    /** Whether the user is a member of the cohort, as far as this chunk's lines have left it. */
    boolean isMember(DSLContext dsl, long cohortId, long userId) {
        Boolean known = changed.getOrDefault(cohortId, Map.of()).get(userId);
        if (known != null) {
            return known;
        }
        if (created.contains(cohortId)) {
            return false;
        }
        Boolean before = preloaded.getOrDefault(cohortId, Map.of()).get(userId);
        if (before != null) {
            return before;
        }
        return cohortId > 0 && userId > 0 && dsl.fetchExists(MDL_COHORT_MEMBERS,
                MDL_COHORT_MEMBERS.COHORTID.eq(cohortId).and(MDL_COHORT_MEMBERS.USERID.eq(userId)));
    }

    /** The members of a cohort, as far as this chunk's lines have left it, in user id order. */
    List<Long> members(DSLContext dsl, long cohortId) {
        Set<Long> members = new LinkedHashSet<>(cohortId > 0 ? dsl.select(MDL_COHORT_MEMBERS.USERID)
                .from(MDL_COHORT_MEMBERS).where(MDL_COHORT_MEMBERS.COHORTID.eq(cohortId))
                .orderBy(MDL_COHORT_MEMBERS.USERID).fetch(MDL_COHORT_MEMBERS.USERID) : List.of());
        changed.getOrDefault(cohortId, Map.of()).forEach((user, member) -> {
            if (member) {
                members.add(user);
            } else {
                members.remove(user);
            }
        });
        return new ArrayList<>(members);
    }

    /** {@code cohort_add_member} (the caller checked the user is not a member). */
    void addMember(DSLContext dsl, long cohortId, long userId, long now, boolean dryRun) {
        if (!dryRun) {
            dsl.insertInto(MDL_COHORT_MEMBERS)
                    .set(MDL_COHORT_MEMBERS.COHORTID, cohortId)
                    .set(MDL_COHORT_MEMBERS.USERID, userId)
                    .set(MDL_COHORT_MEMBERS.TIMEADDED, now)
                    .execute();
        }
    }

    /** {@code cohort_remove_member}. */
    void removeMember(DSLContext dsl, long cohortId, long userId, boolean dryRun) {
        if (!dryRun) {
            dsl.deleteFrom(MDL_COHORT_MEMBERS).where(MDL_COHORT_MEMBERS.COHORTID.eq(cohortId))
                    .and(MDL_COHORT_MEMBERS.USERID.eq(userId)).execute();
        }
    }

    /** Remembers a membership change once its line succeeded. */
    void remember(long cohortId, long userId, boolean member) {
        changed.computeIfAbsent(cohortId, k -> new HashMap<>()).put(userId, member);
    }

    /** Remembers that a cohort lost all its members (freed or deleted) once its line succeeded. */
    void rememberEmpty(long cohortId, List<Long> formerMembers) {
        formerMembers.forEach(u -> remember(cohortId, u, false));
    }

    /**
     * {@code cohort_delete_cohort}'s rows: the cohort's custom field values (and the files of its text area
     * fields), every membership, the cohort, then the learning plan templates' links to it
     * ({@code competency_templatecohort}, Moodle's competency hook).
     */
    void deleteCohort(DSLContext dsl, long cohortId, boolean dryRun) {
        if (dryRun) {
            return;
        }
        var fields = dsl.select(MDL_CUSTOMFIELD_FIELD.ID).from(MDL_CUSTOMFIELD_FIELD)
                .join(MDL_CUSTOMFIELD_CATEGORY).on(MDL_CUSTOMFIELD_CATEGORY.ID.eq(MDL_CUSTOMFIELD_FIELD.CATEGORYID))
                .where(MDL_CUSTOMFIELD_CATEGORY.COMPONENT.eq("core_cohort"))
                .and(MDL_CUSTOMFIELD_CATEGORY.AREA.eq("cohort"));
        var data = dsl.select(MDL_CUSTOMFIELD_DATA.ID, MDL_CUSTOMFIELD_DATA.CONTEXTID).from(MDL_CUSTOMFIELD_DATA)
                .where(MDL_CUSTOMFIELD_DATA.INSTANCEID.eq(cohortId)).and(MDL_CUSTOMFIELD_DATA.FIELDID.in(fields))
                .fetch();
        for (var d : data) {
            if (d.value2() != null) {
                dsl.deleteFrom(MDL_FILES).where(MDL_FILES.CONTEXTID.eq(d.value2()))
                        .and(MDL_FILES.COMPONENT.eq("customfield_textarea")).and(MDL_FILES.FILEAREA.eq("value"))
                        .and(MDL_FILES.ITEMID.eq(d.value1())).execute();
            }
            dsl.deleteFrom(MDL_CUSTOMFIELD_DATA).where(MDL_CUSTOMFIELD_DATA.ID.eq(d.value1())).execute();
        }
        dsl.deleteFrom(MDL_COHORT_MEMBERS).where(MDL_COHORT_MEMBERS.COHORTID.eq(cohortId)).execute();
        dsl.deleteFrom(MDL_COHORT).where(MDL_COHORT.ID.eq(cohortId)).execute();
        dsl.deleteFrom(MDL_COMPETENCY_TEMPLATECOHORT).where(MDL_COMPETENCY_TEMPLATECOHORT.COHORTID.eq(cohortId))
                .execute();
    }
}
