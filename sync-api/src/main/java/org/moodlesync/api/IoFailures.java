package org.moodlesync.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Says why a file could not be opened, read or written, in words: {@code no such file}, {@code permission denied},
 * {@code not a directory}, {@code is a directory}, {@code disk full}… The JDK's {@link NoSuchFileException} and its
 * siblings carry only the path as their message; these sentences name the cause instead, and the path once.
 */
public final class IoFailures {

    private IoFailures() {
    }

    /**
     * The cause alone, without the path: {@code no such file}, {@code permission denied}, {@code not a directory},
     * {@code already exists}, {@code directory not empty}, {@code is a directory}, {@code disk full (…)}, else the
     * first line of the exception's reason (its class name when it has none).
     *
     * @param e the failure
     * @return the cause in a few words
     */
    public static String cause(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("is a directory")) {
            return "is a directory";
        }
        if (lower.contains("no space left") || lower.contains("disk full") || lower.contains("quota")) {
            return "disk full (" + reason.strip() + ")";
        }
        if (lower.contains("not a directory")) {
            return "not a directory";
        }
        if (lower.contains("permission denied") || lower.contains("access denied")) {
            return "permission denied";
        }
        return reason.lines().findFirst().orElse(reason).strip();
    }

    /**
     * {@code what path: cause}, e.g. {@code cannot read /x/nope.csv: no such file}.
     *
     * @param what the attempted operation ({@code cannot read})
     * @param path the file concerned
     * @param e    the failure
     * @return the sentence
     */
    public static String describe(String what, Path path, IOException e) {
        return what + " " + path + ": " + cause(e);
    }

    /**
     * An unchecked exception with {@link #describe}'s message and the failure as its cause.
     *
     * @param what the attempted operation
     * @param path the file concerned
     * @param e    the failure
     * @return the exception, to throw
     */
    public static UncheckedIOException unchecked(String what, Path path, IOException e) {
        return new UncheckedIOException(describe(what, path, e), e);
    }
}
