package org.moodlesync.api.command.picture;

/** What a picture command asks for. */
public enum PictureAction {
    /** Store the command's icons as the user's picture, replacing any picture the user had. */
    SET,
    /** Remove the user's picture (its icon files, and {@code user.picture} back to 0). */
    DELETE
}
