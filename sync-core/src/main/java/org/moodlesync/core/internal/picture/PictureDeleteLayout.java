package org.moodlesync.core.internal.picture;

import java.util.List;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.moodlesync.core.internal.read.HeaderRules;

/**
 * The layout of a picture removal list: a command file with one column named after the user field
 * ({@code idnumber}, {@code username}, {@code email} or {@code id}); every line removes that user's picture.
 *
 * <pre>
 * username
 * jdoe
 * asmith
 * </pre>
 */
public final class PictureDeleteLayout {

    private PictureDeleteLayout() {
    }

    /** The layout for a user field. */
    public static FileLayout<PictureCommand> of(UserKey field) {
        String column = field.column();
        HeaderRules rules = HeaderRules.create().required(column);
        return new FileLayout<>(SyncKind.PICTURES, source -> {
            try {
                rules.check(source);
            } catch (InputFormatException e) {
                throw new InputFormatException(source.name(), e.line(), e.column(), reasonOf(e)
                        + " (a picture removal list has one column, named after the user field: " + column + ")");
            }
            return List.of();
        }, row -> {
            String value = row.value(column).map(String::trim).orElse("");
            if (value.isEmpty()) {
                throw new LineFailure(column, "no " + column + " given");
            }
            return PictureCommand.delete(value);
        }, property -> "user".equals(property) ? column : property);
    }

    private static String reasonOf(InputFormatException e) {
        String message = e.getMessage();
        int cut = message.indexOf(": ");
        return cut > 0 ? message.substring(cut + 2) : message;
    }
}
