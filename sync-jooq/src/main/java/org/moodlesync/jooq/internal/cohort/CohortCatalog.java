package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_COHORT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.cohort.CohortKey;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.schema.tables.records.MdlCohortRecord;

/**
 * The cohorts one chunk of lines may concern, loaded with one query and kept up to date in memory as the lines are
 * applied (so a later line sees a cohort an earlier one created or deleted, in a dry run too). Values are matched
 * exactly (case included), whatever the database's collation.
 */
final class CohortCatalog {

    private final Map<Long, MdlCohortRecord> byId = new HashMap<>();
    private final Map<String, List<MdlCohortRecord>> byIdnumber = new HashMap<>();
    private final Map<String, List<MdlCohortRecord>> byName = new HashMap<>();

    private CohortCatalog() {
    }

    /** Loads the cohorts with any of these ids, idnumbers or names. */
    static CohortCatalog load(DSLContext dsl, Collection<Long> ids, Collection<String> idnumbers,
                              Collection<String> names) {
        CohortCatalog catalog = new CohortCatalog();
        List<Condition> any = new ArrayList<>();
        List<Long> someIds = ids.stream().filter(Objects::nonNull).distinct().toList();
        List<String> someIdnumbers = idnumbers.stream().filter(v -> v != null && !v.isEmpty()).distinct().toList();
        List<String> someNames = names.stream().filter(v -> v != null && !v.isEmpty()).distinct().toList();
        if (!someIds.isEmpty()) {
            any.add(MDL_COHORT.ID.in(someIds));
        }
        if (!someIdnumbers.isEmpty()) {
            any.add(MDL_COHORT.IDNUMBER.in(someIdnumbers));
        }
        if (!someNames.isEmpty()) {
            any.add(MDL_COHORT.NAME.in(someNames));
        }
        if (!any.isEmpty()) {
            dsl.selectFrom(MDL_COHORT).where(DSL.or(any)).orderBy(MDL_COHORT.ID).fetch().forEach(catalog::put);
        }
        return catalog;
    }

    /**
     * The cohort a key value means, or null.
     *
     * @throws LineRejected when several cohorts have that name or idnumber, or an id is not a number
     */
    MdlCohortRecord find(CohortKey key, String value, String column) {
        if (value == null || value.isEmpty()) {
            throw new LineRejected(column, "no value to identify the cohort (by " + key.field() + ")");
        }
        return switch (key) {
            case ID -> {
                try {
                    yield byId.get(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw new LineRejected(column, "not a cohort id: " + value);
                }
            }
            case IDNUMBER -> single(withIdnumber(value), "idnumber", value, column);
            case NAME -> single(withName(value), "name", value, column);
        };
    }

    private static MdlCohortRecord single(List<MdlCohortRecord> found, String field, String value, String column) {
        if (found.size() > 1) {
            throw new LineRejected(column, found.size() + " cohorts have the " + field + " " + value
                    + ": cannot tell which one the line means");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    List<MdlCohortRecord> withIdnumber(String idnumber) {
        return byIdnumber.getOrDefault(idnumber, List.of());
    }

    List<MdlCohortRecord> withName(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Adds or replaces a cohort (after a line created or changed it). */
    void put(MdlCohortRecord cohort) {
        remove(cohort.getId());
        MdlCohortRecord copy = cohort.copy();
        copy.setId(cohort.getId());
        byId.put(copy.getId(), copy);
        if (copy.getIdnumber() != null && !copy.getIdnumber().isEmpty()) {
            byIdnumber.computeIfAbsent(copy.getIdnumber(), k -> new ArrayList<>()).add(copy);
        }
        byName.computeIfAbsent(copy.getName(), k -> new ArrayList<>()).add(copy);
    }

    /** Forgets a cohort (after a line deleted it). */
    void remove(long id) {
        MdlCohortRecord old = byId.remove(id);
        if (old == null) {
            return;
        }
        List<MdlCohortRecord> list = byIdnumber.get(old.getIdnumber());
        if (list != null) {
            list.removeIf(c -> c.getId().equals(id));
        }
        list = byName.get(old.getName());
        if (list != null) {
            list.removeIf(c -> c.getId().equals(id));
        }
    }
}
