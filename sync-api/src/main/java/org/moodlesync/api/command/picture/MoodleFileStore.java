package org.moodlesync.api.command.picture;

import java.nio.file.Path;
import java.util.Objects;

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

    public MoodleFileStore {
        Objects.requireNonNull(dataroot, "dataroot");
        Objects.requireNonNull(filedir, "filedir");
        Objects.requireNonNull(trashdir, "trashdir");
        if ((directoryPermissions & ~07777) != 0 || (filePermissions & ~07777) != 0) {
            throw new IllegalArgumentException("permissions are octal modes up to 07777");
        }
    }

    /** The file store of a dataroot with Moodle's defaults ({@code filedir/}, {@code trashdir/}, 02777, 0666). */
    public static MoodleFileStore at(Path dataroot) {
        return new MoodleFileStore(dataroot, dataroot.resolve("filedir"), dataroot.resolve("trashdir"),
                DEFAULT_DIRECTORY_PERMISSIONS, DEFAULT_DIRECTORY_PERMISSIONS & 0666);
    }

    @Override
    public String toString() {
        return "MoodleFileStore[filedir=" + filedir + ", trashdir=" + trashdir + ", directories 0"
                + Integer.toOctalString(directoryPermissions) + ", files 0" + Integer.toOctalString(filePermissions)
                + "]";
    }
}
