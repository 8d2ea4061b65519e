package org.moodlesync.api.command.picture;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The encoded icons of one user picture, ready to store: {@code f1} (100×100), {@code f2} (35×35) and {@code f3}
 * (512×512), all in one {@link IconFormat}. Immutable: the arrays are copied in and out.
 */
public final class PictureIcons {

    private final IconFormat format;
    private final Map<Icon, byte[]> content = new EnumMap<>(Icon.class);

    /**
     * @param format the format of the three icons
     * @param f1     the 100×100 icon, encoded
     * @param f2     the 35×35 icon, encoded
     * @param f3     the 512×512 icon, encoded
     */
    public PictureIcons(IconFormat format, byte[] f1, byte[] f2, byte[] f3) {
        this.format = Objects.requireNonNull(format, "format");
        content.put(Icon.F1, nonEmpty(f1, "f1"));
        content.put(Icon.F2, nonEmpty(f2, "f2"));
        content.put(Icon.F3, nonEmpty(f3, "f3"));
    }

    private static byte[] nonEmpty(byte[] bytes, String name) {
        Objects.requireNonNull(bytes, name);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("icon " + name + " is empty");
        }
        return bytes.clone();
    }

    /**
     * The format of the icons.
     *
     * @return the format
     */
    public IconFormat format() {
        return format;
    }

    /**
     * The encoded bytes of one icon (a copy).
     *
     * @param icon which icon
     * @return a copy of its encoded bytes
     */
    public byte[] content(Icon icon) {
        return content.get(icon).clone();
    }

    /**
     * The size in bytes of one icon.
     *
     * @param icon which icon
     * @return its size in bytes
     */
    public int length(Icon icon) {
        return content.get(icon).length;
    }

    /**
     * Total size of the three icons in bytes.
     *
     * @return the sum of the three sizes
     */
    public long totalLength() {
        return content.values().stream().mapToLong(b -> b.length).sum();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PictureIcons other) || format != other.format) {
            return false;
        }
        for (Icon icon : Icon.values()) {
            if (!Arrays.equals(content.get(icon), other.content.get(icon))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = format.hashCode();
        for (Icon icon : Icon.values()) {
            h = 31 * h + Arrays.hashCode(content.get(icon));
        }
        return h;
    }

    @Override
    public String toString() {
        return "PictureIcons[" + format + ", f1 " + length(Icon.F1) + " B, f2 " + length(Icon.F2) + " B, f3 "
                + length(Icon.F3) + " B]";
    }
}
