package org.moodlesync.api.command.picture;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * One picture line, typed: set or remove the picture of the user whose configured field
 * ({@link PictureSyncOptions#userField()}) has the value {@code user}.
 *
 * <pre>{@code
 * PictureCommand set = PictureCommand.set("jdoe", icons, "photos/jdoe.jpg");
 * PictureCommand remove = PictureCommand.delete("jdoe");
 * }</pre>
 *
 * @param action what to do
 * @param user   the value of the user field (a username, idnumber, e-mail or id) that names the user; the
 *               longest of those columns is {@code idnumber}, 255 characters
 * @param icons  the icons to store, for {@link PictureAction#SET}; null for {@link PictureAction#DELETE}
 * @param entry  where the picture comes from (archive entry or image name), for messages; may be null
 */
public record PictureCommand(
        @NotNull PictureAction action,
        @NotBlank @Size(max = 255) String user,
        PictureIcons icons,
        @Size(max = 1024) String entry) {

    public PictureCommand {
        Objects.requireNonNull(action, "action");
        if (action == PictureAction.SET && icons == null) {
            throw new IllegalArgumentException("setting a picture needs its icons");
        }
        if (action == PictureAction.DELETE && icons != null) {
            throw new IllegalArgumentException("removing a picture takes no icons");
        }
    }

    /** Sets the user's picture to these icons. */
    public static PictureCommand set(String user, PictureIcons icons, String entry) {
        return new PictureCommand(PictureAction.SET, user, Objects.requireNonNull(icons, "icons"), entry);
    }

    /** Removes the user's picture. */
    public static PictureCommand delete(String user) {
        return new PictureCommand(PictureAction.DELETE, user, null, null);
    }
}
