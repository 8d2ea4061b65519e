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

    public PictureSyncOptions {
        Objects.requireNonNull(userField, "userField");
    }

    /** Names are idnumbers, existing pictures are replaced, no file store yet. */
    public static PictureSyncOptions defaults() {
        return new PictureSyncOptions(UserKey.IDNUMBER, true, null);
    }

    public PictureSyncOptions withUserField(UserKey field) {
        return new PictureSyncOptions(field, overwrite, fileStore);
    }

    public PictureSyncOptions withOverwrite(boolean on) {
        return new PictureSyncOptions(userField, on, fileStore);
    }

    public PictureSyncOptions withFileStore(MoodleFileStore store) {
        return new PictureSyncOptions(userField, overwrite, store);
    }
}
