package org.moodlesync.api.command.picture;

/**
 * The format Moodle stores a user's icons in: JPEG when the uploaded image is a JPEG, PNG otherwise (PNG and GIF
 * uploads), as Moodle's {@code process_new_icon()} does.
 */
public enum IconFormat {
    /** {@code f1.png}, {@code image/png}, alpha kept. */
    PNG("png", "image/png"),
    /** {@code f1.jpg}, {@code image/jpeg}, quality 90. */
    JPEG("jpg", "image/jpeg");

    private final String extension;
    private final String mimeType;

    IconFormat(String extension, String mimeType) {
        this.extension = extension;
        this.mimeType = mimeType;
    }

    /**
     * The file name extension Moodle gives the icons ({@code png} or {@code jpg}).
     *
     * @return {@code png} or {@code jpg}
     */
    public String extension() {
        return extension;
    }

    /**
     * The MIME type stored in {@code files.mimetype}.
     *
     * @return {@code image/png} or {@code image/jpeg}
     */
    public String mimeType() {
        return mimeType;
    }
}
