package org.moodlesync.jooq.internal.course;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;

/** Context moves, as Moodle's {@code context::update_moved}. */
final class CourseContexts {

    private CourseContexts() {
    }

    /**
     * Moves a context under a new parent: its path and depth, then the paths and depths of everything below it
     * (prefix replaced), then the context marked dirty under its new path.
     *
     * @return the context's new path
     */
    static String move(DSLContext dsl, SiteConfig site, long contextId, String oldPath, String newParentPath,
                       long now) {
        String newPath = newParentPath + "/" + contextId;
        if (newPath.equals(oldPath)) {
            return newPath;
        }
        int delta = Contexts.depthOf(newPath) - (oldPath == null ? 0 : Contexts.depthOf(oldPath));
        dsl.update(MDL_CONTEXT)
                .set(MDL_CONTEXT.PATH, newPath)
                .set(MDL_CONTEXT.DEPTH, MDL_CONTEXT.DEPTH.getDataType().convert(Contexts.depthOf(newPath)))
                .where(MDL_CONTEXT.ID.eq(contextId))
                .execute();
        if (oldPath != null) {
            dsl.update(MDL_CONTEXT)
                    .set(MDL_CONTEXT.PATH, DSL.concat(DSL.val(newPath),
                            DSL.substring(MDL_CONTEXT.PATH, oldPath.length() + 1)))
                    .set(MDL_CONTEXT.DEPTH, MDL_CONTEXT.DEPTH.plus(delta))
                    .where(MDL_CONTEXT.PATH.like(escapeLike(oldPath) + "/%", '!'))
                    .execute();
        }
        CacheFlags.mark(dsl, site, CacheFlags.DIRTY_CONTEXTS, newPath, now);
        return newPath;
    }

    /** A path as a LIKE prefix (paths hold digits and slashes only, but stay safe). */
    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
