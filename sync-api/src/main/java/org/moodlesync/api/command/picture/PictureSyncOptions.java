package org.moodlesync.api.command.picture;

import java.util.Objects;
import org.moodlesync.api.command.UserKey;

/**
 * Options of the user pictures kind (tool_sync's {@code userpictures_*} settings) as typed values. Immutable;
 * change with the {@code withX} methods.
 *
 * @param userField the user field that image names hold (tool_sync's {@code userpictures_userfield}): username,
 *                  idnumber, email or id; default idnumber, as the users kind
 * @param overwrite replace the picture of a user who already has one (tool_sync's {@code userpictures_overwrite},
 *                  default on); off, such lines are skipped
 * @param fileStore the site's file store, where the icons' contents go (required to write)
 */
public record PictureSyncOptions(UserKey userField, boolean overwrite, MoodleFileStore fileStore) {

    /**
     * Checks that a user field is given.
     *
     * @param userField the user field that image names hold (tool_sync's {@code userpictures_userfield}): username,
     *                  idnumber, email or id; default idnumber, as the users kind
     * @param overwrite replace the picture of a user who already has one (tool_sync's {@code userpictures_overwrite},
     *                  default on); off, such lines are skipped
     * @param fileStore the site's file store, where the icons' contents go (required to write)
     * @throws NullPointerException when {@code userField} is null
     */
    public PictureSyncOptions {
        Objects.requireNonNull(userField, "userField");
    }

    /**
     * Names are idnumbers, existing pictures are replaced, no file store yet.
     *
     * @return the default options
     */
    public static PictureSyncOptions defaults() {
        return new PictureSyncOptions(UserKey.IDNUMBER, true, null);
    }

    /**
     * A copy reading image names as another user field.
     *
     * @param field the user field
     * @return the changed copy
     */
    public PictureSyncOptions withUserField(UserKey field) {
        return new PictureSyncOptions(field, overwrite, fileStore);
    }

    /**
     * A copy replacing, or skipping, users' existing pictures.
     *
     * @param on true: an existing picture is replaced; false: such lines are skipped
     * @return the changed copy
     */
    public PictureSyncOptions withOverwrite(boolean on) {
        return new PictureSyncOptions(userField, on, fileStore);
    }

    /**
     * A copy writing icon contents to another file store.
     *
     * @param store the site's file store
     * @return the changed copy
     */
    public PictureSyncOptions withFileStore(MoodleFileStore store) {
        return new PictureSyncOptions(userField, overwrite, store);
    }
}
