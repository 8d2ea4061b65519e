package org.moodlesync.api.command.picture;

import java.util.Objects;

/**
 * An image handed over by the host application instead of an archive entry: its name (for messages and, like an
 * archive entry, to name the user) and its bytes (JPEG, PNG or GIF, told from the content).
 *
 * <pre>{@code
 * SourceImage.named("jdoe.jpg", bytes)      // user "jdoe": the name without its folder and extension
 * SourceImage.ofUser("john.doe", bytes)     // user "john.doe" as given (names with dots)
 * }</pre>
 *
 * @param name  the image's name, for messages
 * @param user  the value of the user field that names the user
 * @param bytes the encoded image (copied in and out)
 */
public record SourceImage(String name, String user, byte[] bytes) {

    /**
     * Checks that every component is given and copies the bytes.
     *
     * @param name  the image's name, for messages
     * @param user  the value of the user field that names the user
     * @param bytes the encoded image (copied in and out)
     * @throws NullPointerException when a component is null
     */
    public SourceImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    /**
     * An image named like an archive entry: the user is the name without folders and without its extension.
     *
     * @param name  the image's name, for example {@code photos/jdoe.jpg}
     * @param bytes the encoded image
     * @return the image
     */
    public static SourceImage named(String name, byte[] bytes) {
        return new SourceImage(name, userOf(name), bytes);
    }

    /**
     * An image for the user with this field value.
     *
     * @param user  the value of the user field, used as the name too
     * @param bytes the encoded image
     * @return the image
     */
    public static SourceImage ofUser(String user, byte[] bytes) {
        return new SourceImage(user, user, bytes);
    }

    /**
     * The encoded image.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The size of the image in bytes.
     *
     * @return the number of bytes
     */
    public int length() {
        return bytes.length;
    }

    /**
     * The user an image name stands for: the base name (after the last {@code /} or {@code \}) up to its last dot
     * (a name without a dot is taken whole; {@code .jpg} names nobody).
     *
     * @param name the image name
     * @return the user field value it stands for, possibly empty
     */
    public static String userOf(String name) {
        String n = name.replace('\\', '/');
        String base = n.substring(n.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot >= 0 ? base.substring(0, dot) : base;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceImage other && name.equals(other.name) && user.equals(other.user)
                && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, user, java.util.Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "SourceImage[" + name + ", user " + user + ", " + bytes.length + " B]";
    }
}
