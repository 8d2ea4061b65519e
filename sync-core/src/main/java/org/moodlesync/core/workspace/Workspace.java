package org.moodlesync.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.moodlesync.api.SyncKind;

/**
 * The directory where command files wait, laid out as tool_sync's file area, so a site moving from tool_sync finds
 * its files where it expects them:
 *
 * <pre>
 * DIR/
 *   userimport.csv, enrols.csv, …          one file per kind, tool_sync's default names ({@link SyncKind#defaultFileName()})
 *                                          or the {@linkplain #location(SyncKind, String) location} given per kind
 *   userpictures_2024.zip, …               every zip of the {@linkplain #picturePrefix(String) pictures prefix}
 *   userimport_tryback_20240305-1507.csv   tryback files, beside the file they come from
 *   userimport-tryback-failed.csv          a file set aside after a failed or crashed run
 *   reports/20240305-1507_report_userimport.csv   (and .json)
 *   archives/20240305-1507_userimport.csv
 *   .moodlesync/lastrunning_users          the in-progress marker of a run (tool_sync's lastrunning_users)
 *   .moodlesync/processing/users/…         the file a run is reading, moved out of the way of new files
 * </pre>
 *
 * An optional {@linkplain #inbox(Path) inbox} (tool_sync's drop folder, {@code <dataroot>/sync}) is where feeders
 * drop files; a {@linkplain DropFolder capture} moves them into the workspace. Immutable.
 */
public final class Workspace {

    /** The folder of reports inside the workspace, as tool_sync names it. */
    public static final String REPORTS = "reports";
    /** The folder of archived inputs inside the workspace, as tool_sync names it. */
    public static final String ARCHIVES = "archives";
    /** moodle-sync's own state: in-progress markers and files being processed. */
    public static final String STATE = ".moodlesync";

    private final Path root;
    private final Path inbox;
    private final Map<SyncKind, String> locations;

    private Workspace(Path root, Path inbox, Map<SyncKind, String> locations) {
        this.root = root;
        this.inbox = inbox;
        this.locations = locations;
    }

    /** A workspace in this directory (created on first use), with tool_sync's default file names and no inbox. */
    public static Workspace at(Path root) {
        return new Workspace(Objects.requireNonNull(root, "root").toAbsolutePath().normalize(), null,
                new EnumMap<>(SyncKind.class));
    }

    /** This workspace with a drop folder whose files a capture moves in (tool_sync's {@code <dataroot>/sync}). */
    public Workspace inbox(Path dir) {
        return new Workspace(root, dir == null ? null : dir.toAbsolutePath().normalize(), locations);
    }

    /**
     * This workspace with another file for a kind, relative to the workspace (tool_sync's {@code *_filelocation}
     * settings, e.g. {@code feeds/users.csv}); a name with {@code *} matches several files, processed in name order.
     *
     * @throws IllegalArgumentException for an absolute path or one that leaves the workspace
     */
    public Workspace location(SyncKind kind, String relativePath) {
        Path p = Path.of(relativePath).normalize();
        if (p.isAbsolute() || p.startsWith("..") || p.toString().isEmpty() || p.startsWith(STATE)
                || p.startsWith(REPORTS) || p.startsWith(ARCHIVES)) {
            throw new IllegalArgumentException("the file of " + kind.cliName() + " must be a path inside the"
                    + " workspace, outside reports/, archives/ and .moodlesync/: " + relativePath);
        }
        Map<SyncKind, String> copy = new EnumMap<>(SyncKind.class);
        copy.putAll(locations);
        copy.put(kind, p.toString().replace('\\', '/'));
        return new Workspace(root, inbox, copy);
    }

    /**
     * This workspace with another prefix of picture archives (tool_sync's {@code userpictures_fileprefix}, default
     * {@code userpictures_}): every {@code <prefix>*.zip} is a pictures run of its own, in name order. The prefix
     * may start with folders inside the workspace ({@code feeds/photos_}).
     *
     * @throws IllegalArgumentException for an empty prefix, one with glob characters ({@code *}, {@code ?},
     *                                  brackets, braces, backslash) or one that leaves the workspace
     */
    public Workspace picturePrefix(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.endsWith("/") || prefix.chars().anyMatch(
                c -> "*?[]{}\\".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("the pictures prefix starts the names of the archives, without glob"
                    + " characters, e.g. userpictures_ or feeds/photos_, not '" + prefix + "'");
        }
        return location(SyncKind.PICTURES, prefix + "*.zip");
    }

    /** The workspace directory. */
    public Path root() {
        return root;
    }

    /** The drop folder, or null when there is none. */
    public Path inbox() {
        return inbox;
    }

    /** {@code DIR/reports}. */
    public Path reports() {
        return root.resolve(REPORTS);
    }

    /** {@code DIR/archives}. */
    public Path archives() {
        return root.resolve(ARCHIVES);
    }

    /** {@code DIR/.moodlesync}. */
    public Path state() {
        return root.resolve(STATE);
    }

    /** The file location of a kind, relative to the workspace: tool_sync's default name unless set. */
    public String locationOf(SyncKind kind) {
        return locations.getOrDefault(kind, kind.defaultFileName());
    }

    /** The file a kind reads: {@code DIR/userimport.csv} for users (for a name with {@code *}, the pattern). */
    public Path fileOf(SyncKind kind) {
        return root.resolve(locationOf(kind));
    }

    /**
     * The files waiting for a kind, in name order: none, one, or the matches of a name with {@code *} (but not
     * tryback files nor files set aside as {@code -tryback-failed}).
     */
    public List<Path> inputsOf(SyncKind kind) {
        Path file = fileOf(kind);
        String name = file.getFileName().toString();
        if (!name.contains("*")) {
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, name)) {
            for (Path p : matches) {
                String match = p.getFileName().toString();
                if (Files.isRegularFile(p) && !match.contains("_tryback_") && !match.contains("-tryback-failed")) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }

    /** The in-progress marker of a kind: {@code DIR/.moodlesync/lastrunning_<kind>}. */
    public Path markerOf(SyncKind kind) {
        return state().resolve("lastrunning_" + kind.cliName());
    }

    /** Where a run of a kind keeps the file it reads: {@code DIR/.moodlesync/processing/<kind>/}. */
    public Path processingOf(SyncKind kind) {
        return state().resolve("processing").resolve(kind.cliName());
    }

    @Override
    public String toString() {
        return "Workspace[" + root + (inbox == null ? "" : ", inbox " + inbox) + "]";
    }
}
