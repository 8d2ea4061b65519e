package org.moodlesync.jooq.internal.picture;

import static org.moodlesync.jooq.schema.Tables.MDL_FILES;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.command.picture.MoodleFileStore;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moodle's local file pool ({@code file_system_filedir}): a content lives at
 * {@code <filedir>/<h0h1>/<h2h3>/<sha1>}, stored once whatever the number of {@code files} rows that point at it;
 * it is written to a temporary file in the same folder and renamed into place, so no reader ever sees a partial
 * file; directories get {@code $CFG->directorypermissions}, files {@code $CFG->filepermissions}. A content no row
 * points at any more is moved to {@code <trashdir>/<h0h1>/<h2h3>/<sha1>}, as Moodle does (its cron empties the
 * trash later). The empty content ({@code da39a3…}, the directory rows' hash) is never moved.
 */
final class FilePool {

    private static final Logger LOG = LoggerFactory.getLogger(FilePool.class);

    /** SHA-1 of no bytes: the content of every {@code "."} directory row. */
    static final String EMPTY_HASH = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    /** How many of the site's newest contents are looked for to tell the site's own file store. */
    private static final int SAMPLE = 20;

    private final MoodleFileStore store;

    private FilePool(MoodleFileStore store) {
        this.store = store;
    }

    /**
     * The file pool of a site, after checking it is one moodle-sync can write to.
     *
     * @throws SyncException when the site uses an alternative file system, when the filedir is missing or not
     *                       writable, or when none of the site's newest contents is found there (not this site's
     *                       dataroot, or contents kept elsewhere)
     */
    static FilePool open(MoodleFileStore store, DSLContext dsl, SiteConfig site) {
        String alternative = site.get("alternative_file_system_class", "");
        if (!alternative.isBlank()) {
            throw new SyncException(RunFailure.Kind.SITE_FILES,
                    "this site uses an alternative file system (alternative_file_system_class = "
                    + alternative + "): file contents are not kept in the local filedir; pictures are refused");
        }
        if (!Files.isDirectory(store.dataroot())) {
            throw new SyncException(RunFailure.Kind.SITE_FILES,
                    "the dataroot " + store.dataroot() + " is not a directory");
        }
        if (!Files.isDirectory(store.filedir())) {
            throw new SyncException(RunFailure.Kind.SITE_FILES,
                    "no file pool at " + store.filedir() + ": is " + store.dataroot()
                    + " the site's dataroot ($CFG->dataroot)? (Moodle creates filedir/ on install)");
        }
        if (!Files.isWritable(store.filedir())) {
            throw new SyncException(RunFailure.Kind.SITE_FILES,
                    "the file pool " + store.filedir() + " is not writable by this process");
        }
        FilePool pool = new FilePool(store);
        List<String> newest = dsl.select(MDL_FILES.CONTENTHASH).from(MDL_FILES)
                .where(MDL_FILES.FILESIZE.gt(0L))
                .orderBy(MDL_FILES.ID.desc())
                .limit(SAMPLE)
                .fetch(MDL_FILES.CONTENTHASH);
        if (!newest.isEmpty() && newest.stream().noneMatch(pool::knows)) {
            throw new SyncException(RunFailure.Kind.SITE_FILES,
                    "none of the " + newest.size() + " newest file contents of this site is in "
                    + store.filedir() + ": it is not this site's file store (another site's dataroot, or the site "
                    + "keeps its files elsewhere, e.g. an alternative file system)");
        }
        return pool;
    }

    /** The store's settings. */
    MoodleFileStore store() {
        return store;
    }

    /** SHA-1 of content, lower-case hex, as {@code files.contenthash}. */
    static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }

    /** SHA-1 of a string's UTF-8 bytes ({@code files.pathnamehash}). */
    static String sha1(String text) {
        return sha1(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Where a content lives in the pool. */
    Path pathOf(String hash) {
        return store.filedir().resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    /** Where a content lives in the trash. */
    Path trashPathOf(String hash) {
        return store.trashdir().resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    private boolean knows(String hash) {
        return hash != null && hash.length() == 40 && (Files.exists(pathOf(hash)) || Files.exists(trashPathOf(hash)));
    }

    /**
     * Puts a content into the pool unless it is there already (same size, as Moodle checks).
     *
     * @return true when this call created the pool file (it did not exist before)
     */
    boolean store(String hash, byte[] content) {
        Path target = pathOf(hash);
        try {
            boolean existed = Files.isRegularFile(target);
            if (existed && Files.size(target) == content.length) {
                return false;
            }
            Path dir = target.getParent();
            createDirectories(dir);
            Path temp = Files.createTempFile(dir, hash + ".", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                if (Files.size(temp) != content.length) {
                    throw new IOException("wrote " + Files.size(temp) + " of " + content.length + " bytes");
                }
                setMode(temp, store.filePermissions());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return !existed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes a content this run created and no row points at (its line was rolled back); never throws. */
    void discard(String hash) {
        try {
            Files.deleteIfExists(pathOf(hash));
        } catch (IOException e) {
            LOG.warn("cannot remove the unused content {}: {}", pathOf(hash), e.getMessage());
        }
    }

    /**
     * Moves a content no row points at any more to the trash, as Moodle's {@code remove_file()} does (when the
     * trash has it already, the pool's copy is just deleted). The caller has checked that no row points at it.
     */
    void trash(String hash) throws IOException {
        if (EMPTY_HASH.equals(hash)) {
            return;
        }
        Path content = pathOf(hash);
        if (!Files.isRegularFile(content)) {
            return;
        }
        Path trashed = trashPathOf(hash);
        createDirectories(trashed.getParent());
        if (Files.exists(trashed)) {
            Files.deleteIfExists(content);
            return;
        }
        Files.move(content, trashed, StandardCopyOption.REPLACE_EXISTING);
        setMode(trashed, store.filePermissions());
    }

    /** Creates the missing directories of a path, each with the directory permissions. */
    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
            setMode(dir, store.directoryPermissions());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** chmod: the full mode (setgid included) where the platform allows, else the nine permission bits. */
    private static void setMode(Path path, int mode) {
        try {
            Files.setAttribute(path, "unix:mode", mode);
            return;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // fall back to POSIX permissions below
        }
        try {
            Files.setPosixFilePermissions(path, permissions(mode));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the folder's own protection applies
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
