package org.moodlesync.jooq.internal.picture;

import static org.moodlesync.jooq.schema.Tables.MDL_FILES;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import org.jooq.DSLContext;

/**
 * The {@code files} rows of a user's icon area, written as Moodle's file storage writes them for
 * {@code process_new_icon()}: context = the user's context, component {@code user}, file area {@code icon}, item 0,
 * path {@code /}; each file row with its SHA-1 content hash, size, MIME type, {@code userid}, {@code source},
 * {@code author} and {@code license} NULL, status 0, sortorder 0; plus the directory row {@code "."} (empty
 * content, size 0, MIME type NULL). {@code pathnamehash} is the SHA-1 of
 * {@code /<contextid>/user/icon/0/<filename>}.
 */
final class IconRows {

    static final String COMPONENT = "user";
    static final String FILEAREA = "icon";
    static final long ITEMID = 0L;
    static final String FILEPATH = "/";
    static final String DIRECTORY = ".";

    private IconRows() {
    }

    /** {@code file_storage::get_pathname_hash()} for the icon area. */
    static String pathnameHash(long contextId, String filename) {
        return FilePool.sha1("/" + contextId + "/" + COMPONENT + "/" + FILEAREA + "/" + ITEMID + FILEPATH + filename);
    }

    /** Inserts one row and returns its id. */
    static long insert(DSLContext dsl, long contextId, String filename, String contentHash, long size,
                       String mimeType, long now) {
        return dsl.insertInto(MDL_FILES)
                .set(MDL_FILES.CONTENTHASH, contentHash)
                .set(MDL_FILES.PATHNAMEHASH, pathnameHash(contextId, filename))
                .set(MDL_FILES.CONTEXTID, contextId)
                .set(MDL_FILES.COMPONENT, COMPONENT)
                .set(MDL_FILES.FILEAREA, FILEAREA)
                .set(MDL_FILES.ITEMID, ITEMID)
                .set(MDL_FILES.FILEPATH, FILEPATH)
                .set(MDL_FILES.FILENAME, filename)
                .set(MDL_FILES.USERID, (Long) null)
                .set(MDL_FILES.FILESIZE, size)
                .set(MDL_FILES.MIMETYPE, mimeType)
                .set(MDL_FILES.STATUS, 0L)
                .set(MDL_FILES.SOURCE, (String) null)
                .set(MDL_FILES.AUTHOR, (String) null)
                .set(MDL_FILES.LICENSE, (String) null)
                .set(MDL_FILES.TIMECREATED, now)
                .set(MDL_FILES.TIMEMODIFIED, now)
                .set(MDL_FILES.SORTORDER, 0L)
                .set(MDL_FILES.REFERENCEFILEID, (Long) null)
                .returningResult(MDL_FILES.ID)
                .fetchOne()
                .value1();
    }

    /** Deletes every row of a user's icon area ({@code delete_area_files(ctx, 'user', 'icon', 0)}). */
    static void deleteArea(DSLContext dsl, long contextId) {
        dsl.deleteFrom(MDL_FILES)
                .where(MDL_FILES.CONTEXTID.eq(contextId))
                .and(MDL_FILES.COMPONENT.eq(COMPONENT))
                .and(MDL_FILES.FILEAREA.eq(FILEAREA))
                .and(MDL_FILES.ITEMID.eq(ITEMID))
                .execute();
    }

    /** {@code user.picture = value} ({@code set_field}, nothing else of the user changes). */
    static void setPicture(DSLContext dsl, long userId, long value) {
        dsl.update(MDL_USER).set(MDL_USER.PICTURE, value).where(MDL_USER.ID.eq(userId)).execute();
    }
}
