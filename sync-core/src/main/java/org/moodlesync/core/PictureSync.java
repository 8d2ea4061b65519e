package org.moodlesync.core;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.command.picture.MoodleFileStore;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.api.command.picture.PictureSyncOptions;
import org.moodlesync.api.command.picture.SourceImage;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.site.MoodleSiteFolder;
import org.moodlesync.api.source.RowSource;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.api.spi.WriterKind;
import org.moodlesync.core.csv.CsvFormat;
import org.moodlesync.core.internal.picture.IconMaker;
import org.moodlesync.core.internal.picture.PictureDeleteLayout;
import org.moodlesync.core.internal.picture.PictureSources;
import org.moodlesync.core.internal.pipeline.InCodeCommands;
import org.moodlesync.core.internal.pipeline.RunSettings;
import org.moodlesync.core.internal.pipeline.SyncPipeline;
import org.moodlesync.core.internal.read.RowReaders;
import org.moodlesync.core.internal.report.OutputNames;
import org.moodlesync.core.internal.report.RunOutputs;

/**
 * A run of user pictures (tool_sync's user pictures tool, Moodle's "Upload user pictures"): every image of a zip
 * archive, or every image the host hands over, becomes the picture of the user its name names; or every line of a
 * removal list removes a user's picture.
 *
 * <pre>{@code
 * RunResult run = engine.pictures()
 *         .from(Path.of("userpictures_2024.zip"))
 *         .userField(UserKey.USERNAME)
 *         .dataroot(Path.of("/var/moodledata"))
 *         .execute();
 *
 * RunResult fromHost = engine.pictures()
 *         .images(List.of(SourceImage.ofUser("jdoe", jpegBytes)), "hr-photos")
 *         .moodleConfig(Path.of("/var/www/moodle/config.php"))
 *         .execute();
 *
 * RunResult removed = engine.pictures().deletes(List.of("jdoe")).dataroot(dataroot).execute();
 * }</pre>
 *
 * <p>Each image (a "line") is checked and converted in memory, never extracted to disk: a bad image, an unknown user,
 * an entry that escapes its folder or is over the {@link PictureLimits} fails alone, with nothing of it written.
 * The report goes to {@code reports/} beside the archive (as for the other kinds); there is no tryback file for
 * archives and images (failed entries are listed in the report; a removal list has one). The processed archive is
 * copied to {@link #archiveTo(Path)} when asked.
 *
 * <p>The options every run shares are {@link SyncStep}'s; for pictures: a dry run still decodes and checks the
 * images, the chunk size defaults to {@value #DEFAULT_CHUNK_SIZE} pictures, a stop finishes the chunk being written
 * (the rest is reported {@code NOT PROCESSED}), and {@link #trybackTo(Path)} only concerns removal lists.
 */
public final class PictureSync extends SyncStep<PictureSync, PictureCommand> {

    /** Default pictures per chunk (one transaction each): icons are held in memory until their chunk is written. */
    public static final int DEFAULT_CHUNK_SIZE = 50;

    private static final String NO_FILE_STORE = "pictures need the site's file store: give its dataroot"
            + " (dataroot(Path), --dataroot) or its config.php (moodleConfig(Path), --moodle-config)";

    private PictureSyncOptions options = PictureSyncOptions.defaults();
    private PictureLimits limits = PictureLimits.defaults();
    private Charset entryNames = StandardCharsets.UTF_8;
    private Path moodleConfig;
    private Path archive;
    private InputStream stream;
    private String streamName;
    private Iterator<SourceImage> images;
    private String imagesName;
    private InCodeCommands<PictureCommand> commands;
    private Path deleteList;
    private CsvFormat deleteListFormat = CsvFormat.toolSync();
    private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private Path archiveDir;

    PictureSync(RunContext context) {
        super(context, SyncKind.PICTURES, DEFAULT_CHUNK_SIZE);
    }

    private void clearSource() {
        archive = null;
        stream = null;
        streamName = null;
        images = null;
        imagesName = null;
        commands = null;
        deleteList = null;
    }

    /** Reads the pictures from a zip archive. */
    @Override
    public PictureSync from(Path zip) {
        clearSource();
        this.archive = Objects.requireNonNull(zip, "zip");
        return this;
    }

    /** Reads the pictures from a zip archive streamed in (closed at the end of the run); {@code name} names it. */
    @Override
    public PictureSync from(InputStream zip, String name) {
        clearSource();
        this.stream = Objects.requireNonNull(zip, "zip");
        this.streamName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Takes the pictures from images the host hands over, read one by one as the run goes.
     *
     * @param images the images; not null
     * @param name   the name of the input in results and output file names; not null
     * @return this step
     * @throws NullPointerException when {@code images} or {@code name} is null
     */
    public PictureSync images(Iterator<SourceImage> images, String name) {
        clearSource();
        this.images = Objects.requireNonNull(images, "images");
        this.imagesName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Takes the pictures from images the host hands over.
     *
     * @param images the images, iterated once during the run; not null
     * @param name   the name of the input in results and output file names; not null
     * @return this step
     * @throws NullPointerException when {@code images} or {@code name} is null
     */
    public PictureSync images(Iterable<SourceImage> images, String name) {
        return images(images.iterator(), name);
    }

    /** Runs picture commands built in code (icons already made, or removals). */
    @Override
    public PictureSync commands(List<PictureCommand> commands) {
        InCodeCommands<PictureCommand> given = InCodeCommands.of(commands);
        clearSource();
        this.commands = given;
        return this;
    }

    /** Runs picture commands built in code, each under the caller's key (see {@link SyncStep#keyedCommands}). */
    @Override
    public PictureSync keyedCommands(Map<String, ? extends PictureCommand> commands) {
        InCodeCommands<PictureCommand> given = InCodeCommands.keyed(commands);
        clearSource();
        this.commands = given;
        return this;
    }

    /**
     * Removes the pictures of these users (values of the user field).
     *
     * @param users the values of {@link #userField(UserKey)}, one user each; not null
     * @return this step
     */
    public PictureSync deletes(List<String> users) {
        return commands(users.stream().map(PictureCommand::delete).toList());
    }

    /**
     * Removes the pictures of the users a removal list names: a command file with one column named after the user
     * field (for example {@code username}), read in {@link #deleteListFormat(CsvFormat)}. Its failed lines go to a
     * tryback file beside it. The CLI's {@code --delete}.
     *
     * @param file the removal list; not null
     * @return this step
     * @throws NullPointerException when {@code file} is null
     */
    public PictureSync deleteList(Path file) {
        clearSource();
        this.deleteList = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * The format of a removal list (default tool_sync's dialect).
     *
     * @param format the format; not null
     * @return this step
     * @throws NullPointerException when {@code format} is null
     */
    public PictureSync deleteListFormat(CsvFormat format) {
        this.deleteListFormat = Objects.requireNonNull(format, "format");
        return this;
    }

    /**
     * All picture options at once.
     *
     * @param options the options, replacing those set so far, file store included (default {@link PictureSyncOptions#defaults()}, which has no file store); not null
     * @return this step
     * @throws NullPointerException when {@code options} is null
     */
    public PictureSync options(PictureSyncOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * The user field image names hold (default {@code idnumber}).
     *
     * @param field the user field (the CLI's {@code --user-by}, tool_sync's {@code userpictures_userfield}); not null
     * @return this step
     * @throws NullPointerException when {@code field} is null
     */
    public PictureSync userField(UserKey field) {
        options = options.withUserField(field);
        return this;
    }

    /**
     * Replace the picture of users who have one (default on); off, their lines are skipped.
     *
     * @param on false to keep existing pictures (the CLI's {@code --no-overwrite}, tool_sync's {@code userpictures_overwrite})
     * @return this step
     */
    public PictureSync overwrite(boolean on) {
        options = options.withOverwrite(on);
        return this;
    }

    /**
     * The site's dataroot ({@code $CFG->dataroot}), with Moodle's default file store inside.
     *
     * @param dataroot the dataroot directory, its {@code filedir} and {@code trashdir} inside (the CLI's {@code --dataroot}); not null
     * @return this step
     * @throws NullPointerException when {@code dataroot} is null
     */
    public PictureSync dataroot(Path dataroot) {
        options = options.withFileStore(MoodleFileStore.at(dataroot));
        return this;
    }

    /**
     * The site's file store, when it is not laid out by default.
     *
     * @param store the file store; null removes the one given so far (a run then needs {@link #moodleConfig(Path)})
     * @return this step
     */
    public PictureSync fileStore(MoodleFileStore store) {
        options = options.withFileStore(store);
        return this;
    }

    /**
     * The site's {@code config.php}: the file store is read from it unless given otherwise, and a site with an
     * alternative file system ({@code $CFG->alternative_file_system_class}) is refused. The CLI's
     * {@code --moodle-config}.
     *
     * @param configPhp the site's {@code config.php}, the folder holding it, or a Moodle 5.1+ site's {@code public/}
     *                  folder (found by {@link MoodleSiteFolder#locate(Path)} when the run starts); not null
     * @return this step
     * @throws NullPointerException when {@code configPhp} is null
     */
    public PictureSync moodleConfig(Path configPhp) {
        this.moodleConfig = Objects.requireNonNull(configPhp, "configPhp");
        return this;
    }

    /**
     * Bounds on entries, sizes, compression ratio and pixels (default {@link PictureLimits#defaults()}).
     *
     * @param limits the limits (the CLI's {@code --max-entries}, {@code --max-image-mb}, {@code --max-archive-mb}); not null
     * @return this step
     * @throws NullPointerException when {@code limits} is null
     */
    public PictureSync limits(PictureLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * The charset of entry names not flagged as UTF-8 in the archive (default UTF-8; Windows tools: CP437).
     *
     * @param charset the charset (the CLI's {@code --entry-charset}); not null
     * @return this step
     * @throws NullPointerException when {@code charset} is null
     */
    public PictureSync entryNameCharset(Charset charset) {
        this.entryNames = Objects.requireNonNull(charset, "charset");
        return this;
    }

    /**
     * Threads that decode and scale images while the writer stores the previous ones (default: the processors,
     * at most 4); 1 does everything on the calling thread. The CLI's {@code --picture-threads}.
     *
     * @param n the number of threads, at least 1
     * @return this step
     * @throws IllegalArgumentException when {@code n} is below 1
     */
    public PictureSync threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = n;
        return this;
    }

    /**
     * Copies the archive (before it is processed) to {@code <dir>/<YYYYMMDD-HHMM>_<name>}; not in a dry run.
     *
     * @param dir the directory (the CLI's {@code --archive-dir}); null (the default) copies nothing. Only archives read from a file are copied
     * @return this step
     */
    public PictureSync archiveTo(Path dir) {
        this.archiveDir = dir;
        return this;
    }

    /**
     * The options this run will use (the file store as given so far).
     *
     * @return the picture options set so far
     */
    public PictureSyncOptions options() {
        return options;
    }

    /**
     * Runs and returns the result. Never throws for bad images or lines (they are failed lines of the result), nor
     * for a run that cannot start — a file store moodle-sync cannot use (an alternative file system, no filedir,
     * not this site's), an unreachable database, an input that is not a zip archive, an archive that cannot be
     * copied: that is a result with status {@link RunStatus#FAILED} and its reason, nothing written. Takes the
     * pictures lock ({@code moodle-sync:pictures}) of the engine's {@link SyncEngine#locks()} for the run, unless
     * {@linkplain #underLock(RunLock) given}.
     *
     * @throws SyncException                               when there is nothing to run or no file store is given
     *                                                     (usage errors)
     * @throws org.moodlesync.api.lock.RunLockedException when another run of pictures holds the engine's lock:
     *                                                     the run is refused, nothing is read nor written
     * @throws UnsupportedOperationException               when the backend cannot write pictures
     */
    @Override
    public RunResult execute() {
        return super.execute();
    }

    @Override
    protected void checkRunnable() {
        if (archive == null && stream == null && images == null && commands == null && deleteList == null) {
            throw new SyncException("nothing to run: give an archive, images, commands or a removal list");
        }
        if (options.fileStore() == null && moodleConfig == null) {
            throw new SyncException(NO_FILE_STORE);
        }
    }

    @Override
    protected RunResult executeLocked() {
        List<SyncListener> all = runListeners();
        Path input = archive != null ? archive : deleteList;
        Path reports = reportDir(input);
        Path trybacks = deleteList == null ? null : trybackDir(input);
        RunSettings settings = settings(reports, trybacks, all);
        RunOutputs outputs = outputs(reports, trybacks);
        String name = commands != null ? "commands" : archive != null ? archive.getFileName().toString()
                : deleteList != null ? deleteList.getFileName().toString() : images != null ? imagesName : streamName;
        Instant started = context().clock().instant();
        SyncPipeline<PictureCommand> pipeline;
        PictureSyncOptions opts;
        try {
            opts = options.withFileStore(fileStore());
            pipeline = new SyncPipeline<>(SyncKind.PICTURES, context().moodle().writer(WriterKind.PICTURES, opts), settings);
        } catch (UnsupportedOperationException e) {
            closeQuietly(stream);
            throw e; // the backend cannot write pictures: no run, and no database problem either
        } catch (RuntimeException e) {
            closeQuietly(stream);
            // the file store's own problems keep their sentence; a database that gives no writer says so
            return new SyncPipeline<PictureCommand>(SyncKind.PICTURES, null, settings).failedRun(name,
                    e instanceof SyncException ? RunFailure.of(e) : FileSync.backendFailure(e), started, outputs);
        }
        if (commands != null) {
            return pipeline.run("commands", commands, outputs);
        }
        if (deleteList != null) {
            RowSource source;
            try {
                source = RowReaders.open(deleteList, deleteListFormat);
            } catch (RuntimeException e) {
                return pipeline.failedRun(name, FileSync.unreadable(name, e), started, outputs);
            }
            try (source) {
                return pipeline.run(source, PictureDeleteLayout.of(opts.userField()), outputs);
            }
        }
        IconMaker icons = new IconMaker(limits);
        if (images != null) {
            try (PictureSources.Lines lines = PictureSources.images(images, imagesName, limits, icons, threads)) {
                return pipeline.run(imagesName, lines, List.of(), outputs);
            }
        }
        List<String> notices = new ArrayList<>();
        if (archive != null && archiveDir != null && !isDryRun()) {
            try {
                notices.add("archive copied to " + copyArchive());
            } catch (RuntimeException e) {
                return pipeline.failedRun(name, new RunFailure(RunFailure.Kind.OUTPUT, oneLine(e), e), started,
                        outputs);
            }
        }
        InputStream raw;
        try {
            raw = archive != null ? Files.newInputStream(archive) : stream;
        } catch (IOException | RuntimeException e) {
            return pipeline.failedRun(name, FileSync.unreadable(name, e), started, outputs);
        }
        try (raw; BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024)) {
            String notZip = notAZip(in);
            if (notZip != null) {
                return pipeline.failedRun(name, RunFailure.of(RunFailure.Kind.INPUT, name + " " + notZip), started,
                        outputs);
            }
            try (PictureSources.Lines lines = PictureSources.archive(in, name, entryNames, limits, icons, isDryRun(),
                    threads)) {
                return pipeline.run(name, lines, notices, outputs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + org.moodlesync.api.IoFailures.cause(e), e);
        }
    }

    private MoodleFileStore fileStore() {
        MoodleFileStore given = options.fileStore();
        if (moodleConfig != null) {
            MoodleFileStore fromConfig = MoodleFileStore.of(MoodleSiteFolder.locate(moodleConfig).read());
            return given != null ? given : fromConfig;
        }
        return given;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing was read from it
            }
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private Path copyArchive() {
        Instant now = context().clock().instant();
        String name = archive.getFileName().toString();
        try {
            org.moodlesync.core.internal.report.RunOutputs.Unique created = org.moodlesync.core.internal.report.RunOutputs.createUnique(
                    archiveDir, attempt -> OutputNames.archive(name, now, context().clock().getZone(), attempt),
                    org.moodlesync.core.internal.report.RunOutputs.REPORT_PERMISSIONS);
            try (java.io.OutputStream out = created.out()) {
                Files.copy(archive, out);
            }
            return created.file();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the archive into " + archiveDir + ": " + e.getMessage(), e);
        }
    }

    /** Why the stream is not a zip archive, or null when it starts like one (an entry or an empty archive). */
    private static String notAZip(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length == 0) {
            return "is empty, not a zip archive";
        }
        byte[] entry = {'P', 'K', 3, 4};
        byte[] empty = {'P', 'K', 5, 6};
        if (Arrays.equals(head, entry) || Arrays.equals(head, empty)) {
            return null;
        }
        return "is not a zip archive";
    }
}
