package org.moodlesync.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.result.Counts;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.result.RunStatus;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.FileSync;
import org.moodlesync.core.KindDescriptor;
import org.moodlesync.core.Kinds;
import org.moodlesync.core.PictureSync;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.SyncStep;
import org.moodlesync.core.internal.report.JsonReport;
import org.moodlesync.core.internal.report.OutputNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the files of a {@link Workspace} as tool_sync's tasks and manual pages did: capture the drop folder, take
 * the kind's lock, recover from a crashed previous run, move the file out of the way of new ones, run it, write the
 * report, JSON report and tryback file, archive the file, remove it (or put it back), clear the in-progress marker
 * whatever happens, apply the retention.
 *
 * <pre>{@code
 * WorkspaceRunner runner = WorkspaceRunner.builder(engine, Workspace.at(Path.of("/srv/moodle-sync"))
 *                 .inbox(Path.of("/var/moodledata/sync")))
 *         .options(WorkspaceOptions.defaults().withRetention(Retention.days(90)))
 *         .stepOptions((kind, step) -> {
 *             if (step instanceof UserSync users) {
 *                 users.identifyBy(UserKey.USERNAME);
 *             }
 *         })
 *         .pictureOptions(pictures -> pictures.userField(UserKey.USERNAME).dataroot(Path.of("/var/moodledata")))
 *         .build();
 *
 * runner.run(SyncKind.USERS);          // the workspace's userimport.csv, if one is waiting
 * runner.run(SyncKind.PICTURES);       // every userpictures_*.zip waiting, one run each, in name order
 * runner.runAll();                     // every kind in tool_sync's order, pictures last
 * }</pre>
 *
 * A runner is meant for one thread at a time (the scheduler's, or the caller's); {@link #stop()} may be called from
 * any thread: the run under way stops at the next line boundary, and no other kind starts.
 */
public final class WorkspaceRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceRunner.class);

    /** Sets a kind's own options on its step before it runs (identifier field, separator, …). */
    @FunctionalInterface
    public interface StepOptions {
        void apply(SyncKind kind, FileSync<?, ?> step);
    }

    /**
     * Sets the options of a pictures run before it runs: at least the site's file store ({@code dataroot},
     * {@code moodleConfig} or {@code fileStore}), and tool_sync's {@code userpictures_userfield} and
     * {@code userpictures_overwrite} ({@code userField}, {@code overwrite}). The runner sets the archive, the
     * lock, the dry run, the stop signal, the report and the listeners.
     */
    @FunctionalInterface
    public interface PictureOptions {
        void apply(PictureSync step);
    }

    private final SyncEngine engine;
    private final Workspace workspace;
    private final WorkspaceOptions options;
    private final StepOptions stepOptions;
    private final PictureOptions pictureOptions;
    private final List<SyncListener> listeners;
    private final boolean dryRun;
    private final DropFolder dropFolder;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private WorkspaceRunner(Builder b) {
        this.engine = b.engine;
        this.workspace = b.workspace;
        this.options = b.options;
        this.stepOptions = b.stepOptions;
        this.pictureOptions = b.pictureOptions;
        this.listeners = List.copyOf(b.listeners);
        this.dryRun = b.dryRun;
        this.dropFolder = b.dropFolder != null ? b.dropFolder
                : workspace.inbox() == null ? null : DropFolder.of(workspace, options);
    }

    /** A runner of this engine over this workspace. */
    public static Builder builder(SyncEngine engine, Workspace workspace) {
        return new Builder(engine, workspace);
    }

    /** The workspace. */
    public Workspace workspace() {
        return workspace;
    }

    /** The options. */
    public WorkspaceOptions options() {
        return options;
    }

    /** The engine. */
    public SyncEngine engine() {
        return engine;
    }

    /** Asks the run under way to stop at the next line boundary, and every later run not to start. */
    public void stop() {
        stopping.set(true);
    }

    /** True once {@link #stop()} was called. */
    public boolean stopping() {
        return stopping.get();
    }

    /** Captures the drop folder, if the workspace has one (notices go to the listeners). */
    public CaptureResult capture() {
        if (dropFolder == null) {
            return CaptureResult.NONE;
        }
        CaptureResult result = dropFolder.capture();
        result.notices().forEach(n -> notice(null, n));
        if (!result.captured().isEmpty()) {
            LOG.info("captured {} from {}", result.captured(), workspace.inbox());
        }
        return result;
    }

    /**
     * Runs the file waiting for a kind (after capturing the drop folder): tool_sync's "use the local file". A glob
     * location ({@code userpictures_*.zip}) runs every match in name order, each a run of its own (its report,
     * archive, cleanup).
     *
     * @return one entry per file run, or one entry saying why nothing ran
     */
    public List<WorkspaceRun> run(SyncKind kind) {
        capture();
        List<WorkspaceRun> runs = runKind(kind);
        applyRetention();
        return runs;
    }

    /**
     * Runs a file given directly (tool_sync's upload, or its CLI's {@code --file}): it is copied into the workspace
     * as the kind's file, replacing one waiting there, then run as {@link #run(SyncKind)} does (its report, tryback
     * and archive land in the workspace, not in the caller's folder). For a glob location the file keeps its name
     * when it matches ({@code userpictures_2024.zip}), else it gets the part before the {@code *} in front (and the
     * part after it behind): {@code photos.zip} becomes {@code userpictures_photos.zip}; every file waiting for the
     * kind then runs, this one among them.
     */
    public List<WorkspaceRun> run(SyncKind kind, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new NoSuchFileException(file.toString()));
        }
        Path place = workspace.fileOf(kind);
        String pattern = place.getFileName().toString();
        if (pattern.contains("*")) {
            place = place.resolveSibling(matchingName(pattern, file.getFileName().toString()));
        }
        try {
            Files.createDirectories(place.getParent());
            Path hidden = place.resolveSibling(".given-" + UUID.randomUUID() + "-" + place.getFileName());
            Files.copy(file, hidden, StandardCopyOption.REPLACE_EXISTING);
            Files.move(hidden, place, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " into the workspace: " + e.getMessage(), e);
        }
        return run(kind);
    }

    /**
     * Runs every kind in tool_sync's order ({@link SyncKind}'s order: pictures last) after one capture; a kind the
     * backend cannot write is skipped with a notice when a file waits for it. Stops between kinds (and between
     * picture archives) when asked to stop.
     */
    public List<WorkspaceRun> runAll() {
        capture();
        List<WorkspaceRun> runs = new ArrayList<>();
        for (SyncKind kind : SyncKind.values()) {
            if (stopping.get()) {
                runs.add(new WorkspaceRun(kind, WorkspaceRun.Status.NOT_STARTED, null, null, null, null, null,
                        List.of()));
                continue;
            }
            runs.addAll(runKind(kind));
        }
        applyRetention();
        return runs;
    }

    /**
     * Deletes the archives, reports and tryback files the {@linkplain WorkspaceOptions#retention() retention} does
     * not keep.
     *
     * @return the files deleted
     */
    public List<Path> applyRetention() {
        Retention keep = options.retention();
        if (keep.keepsEverything()) {
            return List.of();
        }
        Clock clock = Clock.systemUTC();
        List<Path> deleted = new ArrayList<>();
        deleted.addAll(keep.apply(workspace.reports(), p -> true, WorkspaceRunner::afterStamp, clock));
        deleted.addAll(keep.apply(workspace.archives(), p -> true, WorkspaceRunner::afterStamp, clock));
        List<Path> folders = new ArrayList<>();
        folders.add(workspace.root());
        for (SyncKind kind : SyncKind.values()) {
            Path folder = workspace.fileOf(kind).getParent();
            if (!folders.contains(folder)) {
                folders.add(folder);
            }
        }
        for (Path folder : folders) {
            deleted.addAll(keep.apply(folder, p -> p.getFileName().toString().contains("_tryback_"),
                    WorkspaceRunner::trybackGroup, clock));
        }
        if (!deleted.isEmpty()) {
            LOG.info("retention removed {} files", deleted.size());
        }
        return deleted;
    }

    private List<WorkspaceRun> runKind(SyncKind kind) {
        if (stopping.get()) {
            return List.of(simple(kind, WorkspaceRun.Status.NOT_STARTED, List.of()));
        }
        if (Kinds.of(kind).isEmpty()) {
            return List.of(notSupported(kind, workspace.inputsOf(kind)));
        }
        RunLock lock;
        try {
            lock = engine.locks().acquire(kind);
        } catch (RunLockedException e) {
            notice(kind, kind.cliName() + ": " + e.getMessage());
            return List.of(simple(kind, WorkspaceRun.Status.LOCKED, List.of(e.getMessage())));
        }
        try (lock) {
            List<String> recovered = new ArrayList<>();
            Optional<WorkspaceRun> rearmed = recover(kind, recovered);
            if (rearmed.isPresent()) {
                return List.of(rearmed.get());
            }
            List<Path> inputs = workspace.inputsOf(kind);
            if (inputs.isEmpty()) {
                return List.of(simple(kind, WorkspaceRun.Status.NO_FILE, recovered));
            }
            List<WorkspaceRun> runs = new ArrayList<>();
            for (Path input : inputs) {
                if (stopping.get()) {
                    runs.add(simple(kind, WorkspaceRun.Status.NOT_STARTED, List.of()));
                    break;
                }
                runs.add(runFile(kind, input, lock, recovered));
                recovered = List.of();
            }
            return runs;
        }
    }

    private WorkspaceRun notSupported(SyncKind kind, List<Path> waiting) {
        String message = kind.cliName() + ": skipped, this version of moodle-sync cannot process this kind of"
                + " file yet" + (waiting.isEmpty() ? "" : " (" + names(waiting) + " left in place)");
        if (!waiting.isEmpty()) {
            notice(kind, message);
        }
        return new WorkspaceRun(kind, WorkspaceRun.Status.NOT_SUPPORTED, waiting.isEmpty() ? null : waiting.get(0),
                null, null, null, null, List.of(message));
    }

    /** One file of a kind, under the kind's lock. */
    private WorkspaceRun runFile(SyncKind kind, Path input, RunLock lock, List<String> earlier) {
        List<String> notices = new ArrayList<>(earlier);
        String location = workspace.root().relativize(input).toString().replace('\\', '/');
        Path marker = workspace.markerOf(kind);
        Path processing = workspace.processingOf(kind).resolve(input.getFileName().toString());
        RunMarker.now(location, engine.clock().instant()).write(marker);
        boolean settled = false;
        try {
            Files.createDirectories(processing.getParent());
            try {
                // the run owns its file from now on: a capture may drop a new one in its place meanwhile
                Files.move(input, processing, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException e) {
                settled = true;
                return simple(kind, WorkspaceRun.Status.NO_FILE, notices);
            }
            JsonReport json = options.jsonReport() ? new JsonReport(workspace.reports(), engine.clock()) : null;
            RunResult result;
            try {
                result = executeStep(kind, processing, input, lock, json);
            } catch (UnsupportedOperationException e) {
                putBack(processing, input, notices);
                settled = true;
                String message = kind.cliName() + ": skipped, " + e.getMessage();
                notice(kind, message);
                notices.add(message);
                return new WorkspaceRun(kind, WorkspaceRun.Status.NOT_SUPPORTED, input, null, null, null, null,
                        notices);
            }
            Path archive = null;
            Path aside = null;
            // nothing applied: the run could not start (unreachable database, refused header) or failed before
            // its first line; the file is kept for the next run, or set aside with discard on failure
            // (a full feed refused over its removal limit applied nothing either: a person must look at the file)
            boolean nothingApplied = (result.status() == RunStatus.FAILED || result.status() == RunStatus.REFUSED)
                    && result.counts().read() == 0;
            if (dryRun) {
                putBack(processing, input, notices);
            } else if (nothingApplied) {
                String why = kind.cliName() + ": " + input.getFileName() + " could not be processed ("
                        + result.error() + ")";
                if (options.discardFileOnFailure()) {
                    aside = setAside(processing, input);
                    why += ": set aside as " + aside.getFileName();
                } else {
                    putBack(processing, input, notices);
                    why += ": it stays for the next run";
                }
                notice(kind, why);
                notices.add(why);
            } else {
                if (options.archive()) {
                    archive = archive(processing, result.started());
                }
                if (options.removesProcessed(kind)) {
                    Files.deleteIfExists(processing);
                } else {
                    putBack(processing, input, notices);
                }
            }
            settled = true;
            return new WorkspaceRun(kind, WorkspaceRun.Status.RAN, input, result,
                    json == null ? null : json.file(), archive, aside, notices);
        } catch (IOException e) {
            throw new UncheckedIOException("workspace run of " + kind.cliName() + " on " + input + ": "
                    + e.getMessage(), e);
        } finally {
            if (!settled && Files.exists(processing)) {
                // the run failed unexpectedly: nothing is lost, the file waits where it was
                try {
                    putBack(processing, input, notices);
                } catch (IOException | RuntimeException e) {
                    LOG.error("cannot put {} back to {}", processing, input, e);
                }
            }
            RunMarker.clear(marker);
        }
    }

    /**
     * Runs one file with its kind's step ({@link Kinds}): a command file, or one picture archive (tool_sync's user
     * pictures tool, one zip), whose kind's {@linkplain KindDescriptor.Source source} has no tryback file (its lines
     * are images). The archive and cleanup are the runner's. A run that cannot be set up (pictures without a file
     * store) cannot start: a FAILED result, the file stays (or is set aside).
     */
    private RunResult executeStep(SyncKind kind, Path processing, Path input, RunLock lock, JsonReport json) {
        KindDescriptor<?> descriptor = Kinds.of(kind).orElseThrow();
        SyncStep<?, ?> step = engine.step(kind).orElseThrow();
        if (step instanceof PictureSync pictures) {
            pictureOptions.apply(pictures);
            pictures.archiveTo(null);
        } else if (step instanceof FileSync<?, ?> fileStep) {
            stepOptions.apply(kind, fileStep);
        }
        step.from(processing)
                .underLock(lock)
                .stopWhen(stopping::get)
                .dryRun(dryRun)
                .reportTo(options.storeReport() ? workspace.reports() : null)
                .trybackTo(options.tryback() && descriptor.source().hasTryback() ? input.getParent() : null);
        if (json != null) {
            step.listener(json);
        }
        listeners.forEach(step::listener);
        Instant started = engine.clock().instant();
        try {
            step.check();
        } catch (SyncException e) {
            // a usage error (no file store given): no run, the file waits for a configured one
            return new RunResult(kind, processing.getFileName().toString(), RunStatus.FAILED, dryRun,
                    started, engine.clock().instant(), Counts.ZERO, List.of(), RunFailure.of(e), null, null, List.of());
        }
        return step.execute();
    }

    /**
     * The name a file given for a glob location takes: its own when it matches, else {@code <before *><name>}
     * (plus {@code <after *>} when the name does not end so).
     */
    static String matchingName(String pattern, String name) {
        if (FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(name))) {
            return name;
        }
        int star = pattern.indexOf('*');
        String before = pattern.substring(0, star);
        String after = pattern.substring(star + 1).replace("*", "");
        String named = name.startsWith(before) ? name : before + name;
        return named.endsWith(after) ? named : named + after;
    }

    /**
     * A marker left by a run that never ended: its file is still in the processing folder. With discard on failure
     * the file is set aside and this run only rearms (tool_sync's intent); otherwise the file goes back to be run
     * again, unless a newer one arrived (then the interrupted one is set aside).
     */
    private Optional<WorkspaceRun> recover(SyncKind kind, List<String> notices) {
        Path markerFile = workspace.markerOf(kind);
        Optional<RunMarker> marker = RunMarker.read(markerFile);
        List<Path> leftovers = list(workspace.processingOf(kind));
        if (marker.isEmpty() && leftovers.isEmpty()) {
            return Optional.empty();
        }
        if (marker.isPresent() && marker.get().aliveHere()) {
            RunMarker m = marker.get();
            String message = kind.cliName() + ": refused, the run of pid " + m.pid() + " on " + m.host()
                    + " started " + m.started() + " is still running (" + m.location() + ")";
            notice(kind, message);
            return Optional.of(simple(kind, WorkspaceRun.Status.LOCKED, List.of(message)));
        }
        String what = marker.map(m -> "took over from the run of pid " + m.pid() + " on " + m.host() + " started "
                        + m.started() + ", which died (" + kind.cliName() + ", " + m.location() + ")")
                .orElse("a file of an earlier run of " + kind.cliName() + " was left behind");
        Path folder = marker.map(m -> workspace.root().resolve(m.location()).getParent())
                .orElse(workspace.fileOf(kind).getParent());
        List<Path> aside = new ArrayList<>();
        try {
            for (Path leftover : leftovers) {
                Path original = folder.resolve(leftover.getFileName().toString());
                if (!options.discardFileOnFailure() && moveIfAbsent(leftover, original)) {
                    notices.add(what + ": " + original.getFileName() + " is run again now");
                } else {
                    aside.add(setAside(leftover, original));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover the file of the previous run of " + kind.cliName()
                    + ": " + e.getMessage(), e);
        }
        RunMarker.clear(markerFile);
        if (!aside.isEmpty()) {
            notices.add(what + ": its file was set aside as " + names(aside)
                    + (options.discardFileOnFailure() ? "; rearming for next run" : " (a newer file is waiting)"));
        } else if (leftovers.isEmpty()) {
            notices.add(what + "; its file was not found, nothing to recover");
        }
        notices.forEach(n -> notice(kind, n));
        if (options.discardFileOnFailure()) {
            return Optional.of(new WorkspaceRun(kind, WorkspaceRun.Status.REARMED, null, null, null, null,
                    aside.isEmpty() ? null : aside.get(0), notices));
        }
        return Optional.empty();
    }

    /** Puts the processed file back in its place, unless a newer one arrived there (which then wins). */
    private void putBack(Path processing, Path original, List<String> notices) throws IOException {
        if (!Files.exists(processing)) {
            return;
        }
        Files.createDirectories(original.getParent());
        if (!moveIfAbsent(processing, original)) {
            Files.delete(processing);
            notices.add(original.getFileName() + ": a newer file arrived during the run and replaces the one run");
        }
    }

    /**
     * Moves a file to a place unless a file is there already, atomically: a hard link (which fails on an existing
     * name, where a rename would replace it) then the old name removed; a plain move where links are not supported.
     *
     * @return false when the target existed (nothing moved)
     */
    static boolean moveIfAbsent(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
            Files.delete(source);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (Files.exists(target)) {
                return false;
            }
            try {
                Files.move(source, target);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException again) {
                return false;
            }
        }
    }

    /**
     * {@code archives/<stamp>_<name>}, stamped with the run's start (as its report); a second archive of the same
     * name in the same second gets {@code -2}, … It holds what the input held (passwords too): {@code rw-------}
     * in a folder created {@code rwx------}, never replacing a file or written through a link.
     */
    private Path archive(Path processing, java.time.Instant started) throws IOException {
        String name = processing.getFileName().toString();
        org.moodlesync.core.internal.report.RunOutputs.Unique created = org.moodlesync.core.internal.report.RunOutputs.createUnique(
                workspace.archives(), attempt -> OutputNames.archive(name, started, engine.clock().getZone(), attempt),
                org.moodlesync.core.internal.report.RunOutputs.REPORT_PERMISSIONS);
        try (java.io.OutputStream out = created.out()) {
            Files.copy(processing, out);
        } catch (IOException e) {
            Files.deleteIfExists(created.file()); // our own, incomplete
            throw e;
        }
        return created.file();
    }

    /** {@code <name>-tryback-failed.<ext>} beside the original place, replacing an older one (as tool_sync). */
    private static Path setAside(Path file, Path original) throws IOException {
        String name = original.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String asideName = dot > 0 ? name.substring(0, dot) + "-tryback-failed" + name.substring(dot)
                : name + "-tryback-failed";
        Path aside = original.resolveSibling(asideName);
        Files.createDirectories(aside.getParent());
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }

    private void notice(SyncKind kind, String message) {
        LOG.warn("{}", message);
        List<SyncListener> all = new ArrayList<>(engine.listeners());
        all.addAll(listeners);
        for (SyncListener l : all) {
            try {
                l.notice(kind, message);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed: {}", l.getClass().getName(), e.toString(), e);
            }
        }
    }

    private static WorkspaceRun simple(SyncKind kind, WorkspaceRun.Status status, List<String> notices) {
        return new WorkspaceRun(kind, status, null, null, null, null, null, notices);
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }

    /** {@code 20240305-1507_report_userimport.csv} → {@code report_userimport.csv}. */
    private static String afterStamp(Path p) {
        String name = p.getFileName().toString();
        int cut = name.indexOf('_');
        return cut >= 0 ? name.substring(cut + 1) : name;
    }

    /** {@code userimport_tryback_20240305-1507.csv} → {@code userimport.csv}. */
    private static String trybackGroup(Path p) {
        String name = p.getFileName().toString();
        int cut = name.indexOf("_tryback_");
        int dot = name.lastIndexOf('.');
        return name.substring(0, cut) + (dot > cut ? name.substring(dot) : "");
    }

    /** Builds a {@link WorkspaceRunner}. */
    public static final class Builder {
        private final SyncEngine engine;
        private final Workspace workspace;
        private WorkspaceOptions options = WorkspaceOptions.defaults();
        private StepOptions stepOptions = (kind, step) -> { };
        private PictureOptions pictureOptions = step -> { };
        private final List<SyncListener> listeners = new ArrayList<>();
        private boolean dryRun;
        private DropFolder dropFolder;

        private Builder(SyncEngine engine, Workspace workspace) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.workspace = Objects.requireNonNull(workspace, "workspace");
        }

        /** What is done around each file (default {@link WorkspaceOptions#defaults()}). */
        public Builder options(WorkspaceOptions workspaceOptions) {
            this.options = Objects.requireNonNull(workspaceOptions, "options");
            return this;
        }

        /** Sets each kind's own options on its step before it runs. */
        public Builder stepOptions(StepOptions configure) {
            this.stepOptions = Objects.requireNonNull(configure, "stepOptions");
            return this;
        }

        /**
         * Sets the options of each pictures run: the site's file store (required when archives wait), the user
         * field, overwrite, limits, threads.
         */
        public Builder pictureOptions(PictureOptions configure) {
            this.pictureOptions = Objects.requireNonNull(configure, "pictureOptions");
            return this;
        }

        /** A listener of every run of this runner, and of its notices. */
        public Builder listener(SyncListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Dry runs: nothing written, files neither archived nor removed (reports are written, marked dry run). */
        public Builder dryRun(boolean on) {
            this.dryRun = on;
            return this;
        }

        /** Another drop-folder capture than the workspace inbox's (tests pass one with a pause that does not sleep). */
        public Builder dropFolder(DropFolder folder) {
            this.dropFolder = folder;
            return this;
        }

        public WorkspaceRunner build() {
            return new WorkspaceRunner(this);
        }
    }

    /** A listener for the notices only, from a lambda. */
    public static SyncListener onNotice(Consumer<String> sink) {
        return new SyncListener() {
            @Override
            public void notice(SyncKind kind, String message) {
                sink.accept(message);
            }
        };
    }
}
