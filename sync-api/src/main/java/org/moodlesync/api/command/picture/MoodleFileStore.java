package org.moodlesync.api.command.picture;

import java.nio.file.Path;
import java.util.Objects;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.site.MoodleConfigPhp;

/**
 * Where a Moodle site keeps file contents: its local file pool ({@code $CFG->filedir}, by default
 * {@code <dataroot>/filedir}) and the trash that deleted contents go to ({@code $CFG->trashdir}, by default
 * {@code <dataroot>/trashdir}), with the permissions Moodle gives what it creates there.
 *
 * <p>Only Moodle's standard local file system is supported; a site configured with
 * {@code $CFG->alternative_file_system_class} (object storage…) keeps its contents elsewhere and is refused.
 *
 * @param dataroot             the site's {@code $CFG->dataroot}
 * @param filedir              the content pool, {@code <dataroot>/filedir} unless {@code $CFG->filedir} says otherwise
 * @param trashdir             the trash, {@code <dataroot>/trashdir} unless {@code $CFG->trashdir} says otherwise
 * @param directoryPermissions mode of created directories ({@code $CFG->directorypermissions}, default 02777)
 * @param filePermissions      mode of created files ({@code $CFG->filepermissions}, default 0666)
 */
public record MoodleFileStore(Path dataroot, Path filedir, Path trashdir, int directoryPermissions,
                              int filePermissions) {

    /** Moodle's default {@code $CFG->directorypermissions}. */
    public static final int DEFAULT_DIRECTORY_PERMISSIONS = 02777;

    /**
     * Checks that the paths are given and that the permissions are modes up to {@code 07777}.
     *
     * @param dataroot             the site's {@code $CFG->dataroot}
     * @param filedir              the content pool, {@code <dataroot>/filedir} unless {@code $CFG->filedir} says
     *                             otherwise
     * @param trashdir             the trash, {@code <dataroot>/trashdir} unless {@code $CFG->trashdir} says otherwise
     * @param directoryPermissions mode of created directories ({@code $CFG->directorypermissions}, default 02777)
     * @param filePermissions      mode of created files ({@code $CFG->filepermissions}, default 0666)
     * @throws NullPointerException     when a path is null
     * @throws IllegalArgumentException when a mode has bits above {@code 07777}
     */
    public MoodleFileStore {
        Objects.requireNonNull(dataroot, "dataroot");
        Objects.requireNonNull(filedir, "filedir");
        Objects.requireNonNull(trashdir, "trashdir");
        if ((directoryPermissions & ~07777) != 0 || (filePermissions & ~07777) != 0) {
            throw new IllegalArgumentException("permissions are octal modes up to 07777");
        }
    }

    /**
     * The file store of a dataroot with Moodle's defaults ({@code filedir/}, {@code trashdir/}, 02777, 0666).
     *
     * @param dataroot the site's {@code $CFG->dataroot}
     * @return its file store
     */
    public static MoodleFileStore at(Path dataroot) {
        return new MoodleFileStore(dataroot, dataroot.resolve("filedir"), dataroot.resolve("trashdir"),
                DEFAULT_DIRECTORY_PERMISSIONS, DEFAULT_DIRECTORY_PERMISSIONS & 0666);
    }

    /**
     * The file store a site's {@code config.php} describes, as Moodle's local file system uses it: {@code dataroot},
     * {@code filedir}, {@code trashdir}, {@code directorypermissions}, {@code filepermissions} (default
     * {@code directorypermissions & 0666}).
     *
     * @param config the site's settings
     * @return its file store
     * @throws SyncException {@link RunFailure.Kind#SITE_FILES} when the site sets
     *         {@code $CFG->alternative_file_system_class} (its contents are not in a local filedir);
     *         {@link RunFailure.Kind#CONFIGURATION} when it sets no dataroot, or one moodle-sync cannot read
     */
    public static MoodleFileStore of(MoodleConfigPhp config) {
        String file = config.file() == null ? "config.php" : config.file().toString();
        if (config.assigns("alternative_file_system_class")) {
            throw new SyncException(RunFailure.Kind.SITE_FILES, file + " sets $CFG->alternative_file_system_class ("
                    + config.get("alternative_file_system_class").orElse("an expression") + "): this site keeps file "
                    + "contents outside the local filedir, where moodle-sync cannot write them; pictures are refused");
        }
        String dataroot;
        try {
            dataroot = config.string("dataroot");
        } catch (SyncException e) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION, e.getMessage() + " (for pictures: --dataroot)");
        }
        if (dataroot == null || dataroot.isBlank()) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION, file + " does not set $CFG->dataroot");
        }
        Path root = Path.of(dataroot);
        int dirs = config.integer("directorypermissions", DEFAULT_DIRECTORY_PERMISSIONS);
        int files = config.integer("filepermissions", dirs & 0666);
        String filedir = config.string("filedir");
        String trashdir = config.string("trashdir");
        return new MoodleFileStore(root, filedir == null ? root.resolve("filedir") : Path.of(filedir),
                trashdir == null ? root.resolve("trashdir") : Path.of(trashdir), dirs & 07777, files & 07777);
    }

    @Override
    public String toString() {
        return "MoodleFileStore[filedir=" + filedir + ", trashdir=" + trashdir + ", directories 0"
                + Integer.toOctalString(directoryPermissions) + ", files 0" + Integer.toOctalString(filePermissions)
                + "]";
    }
}
