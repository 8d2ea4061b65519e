package org.moodlesync.core.internal.picture;

import org.moodlesync.api.command.picture.IconFormat;

/** The image formats Moodle accepts for a user picture, told from the first bytes of the content. */
enum ImageFormat {
    JPEG("jpeg", IconFormat.JPEG),
    PNG("png", IconFormat.PNG),
    GIF("gif", IconFormat.PNG);

    private final String imageIoName;
    private final IconFormat iconFormat;

    ImageFormat(String imageIoName, IconFormat iconFormat) {
        this.imageIoName = imageIoName;
        this.iconFormat = iconFormat;
    }

    /** The ImageIO format name of its reader. */
    String imageIoName() {
        return imageIoName;
    }

    /** The format Moodle stores the icons of such an image in (JPEG stays JPEG, the others become PNG). */
    IconFormat iconFormat() {
        return iconFormat;
    }

    /** The format of this content, or null when it is none of JPEG, PNG and GIF. */
    static ImageFormat sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d
                && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return PNG;
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9')
                && b[5] == 'a') {
            return GIF;
        }
        return null;
    }
}
