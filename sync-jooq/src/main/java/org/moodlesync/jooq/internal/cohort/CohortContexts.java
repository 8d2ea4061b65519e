package org.moodlesync.jooq.internal.cohort;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.moodlesync.api.command.cohort.CohortContext;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * Resolves where a cohort lives to a context (the system context, or a category's context), remembering what it
 * resolved, and names contexts for reports.
 */
final class CohortContexts {

    private final SiteConfig site;
    private final Map<CohortContext, Contexts.ContextRef> resolved = new HashMap<>();

    CohortContexts(SiteConfig site) {
        this.site = site;
    }

    Contexts.ContextRef system() {
        return new Contexts.ContextRef(site.systemContextId(), site.systemPath());
    }

    /**
     * The context of a cohort location.
     *
     * @param column the file column, for the error
     * @throws LineRejected when the category does not exist (or a path is ambiguous) or has no context
     */
    Contexts.ContextRef resolve(DSLContext dsl, CohortContext where, String column) {
        Contexts.ContextRef known = resolved.get(where);
        if (known != null) {
            return known;
        }
        Contexts.ContextRef ref;
        if (where instanceof CohortContext.CategoryId c) {
            ref = categoryContext(dsl, c.id(), column, where);
        } else if (where instanceof CohortContext.CategoryIdnumber c) {
            List<Long> ids = dsl.select(MDL_COURSE_CATEGORIES.ID).from(MDL_COURSE_CATEGORIES)
                    .where(MDL_COURSE_CATEGORIES.IDNUMBER.eq(c.idnumber())).fetch(MDL_COURSE_CATEGORIES.ID);
            if (ids.size() != 1) {
                throw new LineRejected(column, ids.isEmpty() ? "no category with idnumber " + c.idnumber()
                        : ids.size() + " categories have the idnumber " + c.idnumber());
            }
            ref = categoryContext(dsl, ids.get(0), column, where);
        } else if (where instanceof CohortContext.CategoryPath c) {
            ref = categoryContext(dsl, byPath(dsl, c.path(), column), column, where);
        } else {
            ref = system();
        }
        resolved.put(where, ref);
        return ref;
    }

    private Contexts.ContextRef categoryContext(DSLContext dsl, long categoryId, String column, CohortContext where) {
        if (!dsl.fetchExists(MDL_COURSE_CATEGORIES, MDL_COURSE_CATEGORIES.ID.eq(categoryId))) {
            throw new LineRejected(column, "no such category: " + where);
        }
        Contexts.ContextRef ref = Contexts.find(dsl, ContextLevel.COURSECAT, categoryId);
        if (ref == null) {
            throw new LineRejected(column, "category " + categoryId + " has no context");
        }
        return ref;
    }

    private static long byPath(DSLContext dsl, String path, String column) {
        List<String> names = Arrays.stream(path.split("/")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new LineRejected(column, "empty category path: " + path);
        }
        var rows = dsl.select(MDL_COURSE_CATEGORIES.ID, MDL_COURSE_CATEGORIES.NAME, MDL_COURSE_CATEGORIES.PARENT)
                .from(MDL_COURSE_CATEGORIES).where(MDL_COURSE_CATEGORIES.NAME.in(names)).fetch();
        long parent = 0;
        for (String name : names) {
            List<Long> found = new ArrayList<>();
            for (var r : rows) {
                if (r.value2().equals(name) && r.value3() == parent) {
                    found.add(r.value1());
                }
            }
            if (found.size() != 1) {
                throw new LineRejected(column, found.isEmpty() ? "no category " + path + " (no " + name + " there)"
                        : found.size() + " categories are at " + path + ": cannot tell which one the line means");
            }
            parent = found.get(0);
        }
        return parent;
    }

    /** A context for reports: {@code system}, or {@code category <path of names>}. */
    String describe(DSLContext dsl, long contextId) {
        if (contextId == site.systemContextId()) {
            return "system";
        }
        var ctx = dsl.select(MDL_CONTEXT.CONTEXTLEVEL, MDL_CONTEXT.INSTANCEID).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.ID.eq(contextId)).fetchOne();
        if (ctx == null || ctx.value1() != ContextLevel.COURSECAT.level()) {
            return "context " + contextId;
        }
        List<String> names = new ArrayList<>();
        long id = ctx.value2();
        for (int guard = 0; id != 0 && guard < 100; guard++) {
            var cat = dsl.select(MDL_COURSE_CATEGORIES.NAME, MDL_COURSE_CATEGORIES.PARENT).from(MDL_COURSE_CATEGORIES)
                    .where(MDL_COURSE_CATEGORIES.ID.eq(id)).fetchOne();
            if (cat == null) {
                break;
            }
            names.add(0, cat.value1());
            id = cat.value2();
        }
        return "category " + String.join("/", names);
    }
}
