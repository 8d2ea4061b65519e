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

    /**
     * Checks that an action is given, with icons for {@link PictureAction#SET} and without for
     * {@link PictureAction#DELETE}.
     *
     * @param action what to do
     * @param user   the value of the user field (a username, idnumber, e-mail or id) that names the user; the
     *               longest of those columns is {@code idnumber}, 255 characters
     * @param icons  the icons to store, for {@link PictureAction#SET}; null for {@link PictureAction#DELETE}
     * @param entry  where the picture comes from (archive entry or image name), for messages; may be null
     * @throws NullPointerException     when {@code action} is null
     * @throws IllegalArgumentException when the icons do not fit the action
     */
    public PictureCommand {
        Objects.requireNonNull(action, "action");
        if (action == PictureAction.SET && icons == null) {
            throw new IllegalArgumentException("setting a picture needs its icons");
        }
        if (action == PictureAction.DELETE && icons != null) {
            throw new IllegalArgumentException("removing a picture takes no icons");
        }
    }

    /**
     * Sets the user's picture to these icons.
     *
     * @param user  the value of the user field that names the user
     * @param icons the icons to store, not null
     * @param entry where the picture comes from, for messages; may be null
     * @return the command
     */
    public static PictureCommand set(String user, PictureIcons icons, String entry) {
        return new PictureCommand(PictureAction.SET, user, Objects.requireNonNull(icons, "icons"), entry);
    }

    /**
     * Removes the user's picture.
     *
     * @param user the value of the user field that names the user
     * @return the command
     */
    public static PictureCommand delete(String user) {
        return new PictureCommand(PictureAction.DELETE, user, null, null);
    }
}
