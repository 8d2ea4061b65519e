package org.moodlesync.api.site;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;

/**
 * Where a Moodle site's {@code config.php} is, found from whatever path a user gives for it ({@code --moodle-config},
 * {@code fromMoodleConfig}, {@code moodleConfig}), and how the site lays out its code.
 *
 * <p>Until Moodle 5.0 the code and {@code config.php} share one folder ({@link Layout#CLASSIC}). From Moodle 5.1
 * (MDL-83424) the code is in {@code public/}, the web server's document root, and {@code config.php} stays in the
 * folder above it; {@code public/config.php} is then only Moodle's loader of {@code ../config.php}
 * ({@link Layout#PUBLIC}). {@link #locate(Path)} takes the file itself, the folder holding it, or a 5.1+ site's
 * {@code public/} folder. The site's dataroot is {@code $CFG->dataroot} of that file, wherever the code is.
 *
 * @param configPhp the {@code config.php} that holds the site's settings (absolute)
 * @param layout    how the site lays out its code
 */
public record MoodleSiteFolder(Path configPhp, Layout layout) {

    private static final String CONFIG_PHP = "config.php";
    private static final String PUBLIC = "public";
    private static final String WHAT_TO_GIVE = "give Moodle's config.php, the folder holding it,"
            + " or the public/ folder of a Moodle 5.1+ site";

    /** How a site lays out its code beside its {@code config.php}. */
    public enum Layout {
        /** Moodle 5.0 and older: the code ({@code version.php}, {@code lib/}) is in {@code config.php}'s folder. */
        CLASSIC,
        /** Moodle 5.1 and newer: the code is in {@code public/} under {@code config.php}'s folder. */
        PUBLIC,
        /** A {@code config.php} with no Moodle code beside it (a copy kept elsewhere): only its settings are used. */
        CONFIG_ONLY
    }

    /**
     * Checks the parts.
     *
     * @param configPhp the {@code config.php} that holds the site's settings
     * @param layout    how the site lays out its code
     * @throws NullPointerException when one is null
     */
    public MoodleSiteFolder {
        Objects.requireNonNull(configPhp, "configPhp");
        Objects.requireNonNull(layout, "layout");
    }

    /**
     * Finds the site's {@code config.php} from a path given for it.
     *
     * @param path the {@code config.php} file, the folder holding it (a Moodle 4.x/5.0 folder or the root of a 5.1+
     *             site), or the {@code public/} folder of a 5.1+ site; a {@code public/config.php} that only loads
     *             {@code ../config.php} stands for that file
     * @return where the settings are and how the code is laid out
     * @throws SyncException ({@link RunFailure.Kind#CONFIGURATION}) when the path does not exist, or no
     *                       {@code config.php} is where it points
     */
    public static MoodleSiteFolder locate(Path path) {
        Objects.requireNonNull(path, "path");
        Path p = path.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            return inFolder(path, p);
        }
        if (!Files.exists(p)) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION, "no Moodle site at " + path
                    + ": no such file or folder (" + WHAT_TO_GIVE + ")", new NoSuchFileException(path.toString()));
        }
        return ofFile(path, p);
    }

    private static MoodleSiteFolder inFolder(Path given, Path folder) {
        Path config = folder.resolve(CONFIG_PHP);
        if (Files.isRegularFile(config)) {
            return ofFile(given, config);
        }
        if (isPublicFolder(folder)) {
            return new MoodleSiteFolder(folder.getParent().resolve(CONFIG_PHP), Layout.PUBLIC);
        }
        throw new SyncException(RunFailure.Kind.CONFIGURATION, "no Moodle config.php in " + given
                + ": looked for " + config + (folder.getParent() == null ? "" : " and, for a Moodle 5.1+"
                + " public/ folder, " + folder.getParent().resolve(CONFIG_PHP)) + " (" + WHAT_TO_GIVE + ")");
    }

    /** The site of an existing file: itself, or for Moodle 5.1's loader {@code public/config.php} the one above. */
    private static MoodleSiteFolder ofFile(Path given, Path file) {
        Path folder = file.getParent();
        if (PUBLIC.equals(String.valueOf(folder.getFileName())) && folder.getParent() != null && isLoader(file)) {
            Path config = folder.getParent().resolve(CONFIG_PHP);
            if (!Files.isRegularFile(config)) {
                throw new SyncException(RunFailure.Kind.CONFIGURATION, "no Moodle config.php for " + given + ": "
                        + file + " sets nothing (Moodle 5.1+ loads ../config.php from it) and there is no "
                        + config + " (" + WHAT_TO_GIVE + ")");
            }
            return new MoodleSiteFolder(config, Layout.PUBLIC);
        }
        return new MoodleSiteFolder(file, layoutBeside(folder));
    }

    /** The layout of the code beside a {@code config.php} in {@code folder}. */
    private static Layout layoutBeside(Path folder) {
        if (holdsCode(folder.resolve(PUBLIC))) {
            return Layout.PUBLIC;
        }
        return holdsCode(folder) ? Layout.CLASSIC : Layout.CONFIG_ONLY;
    }

    /** True for a 5.1+ site's {@code public/} folder: Moodle's code, under a folder holding {@code config.php}. */
    private static boolean isPublicFolder(Path folder) {
        Path parent = folder.getParent();
        return parent != null && PUBLIC.equals(String.valueOf(folder.getFileName())) && holdsCode(folder)
                && Files.isRegularFile(parent.resolve(CONFIG_PHP));
    }

    /** True when a folder holds Moodle's code: its {@code version.php} and {@code lib/}. */
    private static boolean holdsCode(Path folder) {
        return Files.isRegularFile(folder.resolve("version.php")) && Files.isDirectory(folder.resolve("lib"));
    }

    /** True for a {@code config.php} that sets nothing (Moodle 5.1's {@code public/config.php} loads the other). */
    private static boolean isLoader(Path file) {
        MoodleConfigPhp settings = MoodleConfigPhp.read(file);
        return settings.values().isEmpty() && settings.computed().isEmpty();
    }

    /**
     * {@return the site's root: the folder holding {@code config.php} (Moodle 5.1's {@code $CFG->root})}
     */
    public Path root() {
        return configPhp.getParent();
    }

    /**
     * The folder of the site's code: {@code public/} under the root for {@link Layout#PUBLIC}, the root for
     * {@link Layout#CLASSIC} (Moodle's {@code $CFG->dirroot} in both).
     *
     * @return the code folder, or empty for {@link Layout#CONFIG_ONLY}
     */
    public Optional<Path> codeFolder() {
        return switch (layout) {
            case PUBLIC -> Optional.of(root().resolve(PUBLIC));
            case CLASSIC -> Optional.of(root());
            case CONFIG_ONLY -> Optional.empty();
        };
    }

    /**
     * {@return the site's {@code version.php} (in the code folder), or empty for {@link Layout#CONFIG_ONLY}}
     */
    public Optional<Path> versionPhp() {
        return codeFolder().map(code -> code.resolve("version.php"));
    }

    /**
     * Reads the site's settings.
     *
     * @return the settings of {@link #configPhp()}
     * @throws SyncException ({@link RunFailure.Kind#CONFIGURATION}) when it cannot be read
     */
    public MoodleConfigPhp read() {
        return MoodleConfigPhp.read(configPhp);
    }
}
