package org.moodlesync.jooq.internal.site;

import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;

import org.jooq.DSLContext;

/**
 * Writes {@code context} rows as Moodle does: the row, then its path (context ids from the system context down,
 * {@code /1/25}) and depth, in the same transaction, so no page ever sees a context without its path.
 */
public final class Contexts {

    private Contexts() {
    }

    /**
     * Creates the context of an object.
     *
     * @param dsl         the transaction
     * @param level       the context level
     * @param instanceId  the object's id
     * @param parentPath  the parent context's path
     * @return the new context's id
     */
    public static long create(DSLContext dsl, ContextLevel level, long instanceId, String parentPath) {
        long id = dsl.insertInto(MDL_CONTEXT)
                .set(MDL_CONTEXT.CONTEXTLEVEL, level.valueIn(MDL_CONTEXT.CONTEXTLEVEL))
                .set(MDL_CONTEXT.INSTANCEID, instanceId)
                .set(MDL_CONTEXT.DEPTH, MDL_CONTEXT.DEPTH.getDataType().convert(0))
                .set(MDL_CONTEXT.LOCKED, MDL_CONTEXT.LOCKED.getDataType().convert(0))
                .returningResult(MDL_CONTEXT.ID)
                .fetchOne()
                .value1();
        String path = parentPath + "/" + id;
        dsl.update(MDL_CONTEXT)
                .set(MDL_CONTEXT.PATH, path)
                .set(MDL_CONTEXT.DEPTH, MDL_CONTEXT.DEPTH.getDataType().convert(depthOf(path)))
                .where(MDL_CONTEXT.ID.eq(id))
                .execute();
        return id;
    }

    /** The depth of a context path: the number of ids in it. */
    public static int depthOf(String path) {
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /** The id and path of an object's context, or null when it has none. */
    public static ContextRef find(DSLContext dsl, ContextLevel level, long instanceId) {
        var r = dsl.select(MDL_CONTEXT.ID, MDL_CONTEXT.PATH).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.CONTEXTLEVEL.eq(level.valueIn(MDL_CONTEXT.CONTEXTLEVEL)))
                .and(MDL_CONTEXT.INSTANCEID.eq(instanceId))
                .fetchOne();
        return r == null ? null : new ContextRef(r.value1(), r.value2());
    }

    /**
     * A context's id and path.
     *
     * @param id   context id
     * @param path its path
     */
    public record ContextRef(long id, String path) {
    }
}
