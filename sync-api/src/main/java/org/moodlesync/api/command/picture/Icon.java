package org.moodlesync.api.command.picture;

/** The three icons Moodle keeps of a user picture, with their sizes in pixels (square). */
public enum Icon {
    /** The normal icon, 100×100 ({@code user.picture} holds the id of its file row). */
    F1(100),
    /** The small icon, 35×35. */
    F2(35),
    /** The large icon, 512×512. */
    F3(512);

    private final int size;

    Icon(int size) {
        this.size = size;
    }

    /**
     * Width and height in pixels.
     *
     * @return the size in pixels
     */
    public int size() {
        return size;
    }

    /**
     * The file name Moodle stores it under: {@code f1.png}, {@code f3.jpg}…
     *
     * @param format the format of the picture's icons
     * @return the file name, for example {@code f1.png}
     */
    public String fileName(IconFormat format) {
        return name().toLowerCase(java.util.Locale.ROOT) + "." + format.extension();
    }
}
