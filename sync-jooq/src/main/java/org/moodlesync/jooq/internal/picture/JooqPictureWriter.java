package org.moodlesync.jooq.internal.picture;

import static org.moodlesync.jooq.schema.Tables.MDL_FILES;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.command.picture.Icon;
import org.moodlesync.api.command.picture.PictureAction;
import org.moodlesync.api.command.picture.PictureCommand;
import org.moodlesync.api.command.picture.PictureIcons;
import org.moodlesync.api.command.picture.PictureSyncOptions;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.internal.picture.PictureTargets.AreaFile;
import org.moodlesync.jooq.internal.picture.PictureTargets.Target;
import org.moodlesync.jooq.internal.site.ContextLevel;
import org.moodlesync.jooq.internal.site.Contexts;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.support.DatabaseFailures;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user pictures writer: what Moodle's "Upload user pictures" ({@code process_new_icon()} and
 * {@code user.picture = } the f1 file id) and the profile form's "Delete picture" write.
 *
 * <p>Setting a picture: the icons' contents go into the site's file pool first (written then renamed, deduplicated
 * by SHA-1, the empty content of the directory row too); then, in one savepoint, every row of the user's icon area
 * is deleted, {@code f1} is inserted, then the directory row {@code "."}, {@code f2} and {@code f3} (Moodle's order),
 * and {@code user.picture} is set to the id of the {@code f1} row. A line that fails leaves neither rows nor the
 * pool files it created. Contents no row points at any more are moved to the trash once the chunk is committed. A
 * user whose area already holds exactly these icons is UNCHANGED (icons are deterministic, so a rerun writes
 * nothing).
 *
 * <p>One transaction per chunk, one savepoint per line, the chunk's users, contexts and icon areas loaded with one
 * query each.
 */
public final class JooqPictureWriter implements CommandWriter<PictureCommand> {

    private static final Logger LOG = LoggerFactory.getLogger(JooqPictureWriter.class);

    private final DSLContext dsl;
    private final SiteConfig site;
    private final PictureSyncOptions options;
    private final FilePool pool;

    /**
     * @param dsl     the Moodle database
     * @param options the pictures options; the file store is required
     * @throws SyncException when the file store is missing or not usable (see {@link FilePool})
     */
    public JooqPictureWriter(DSLContext dsl, PictureSyncOptions options) {
        if (options.fileStore() == null) {
            throw new SyncException(RunFailure.Kind.CONFIGURATION,
                    "pictures need the site's file store (its dataroot)");
        }
        this.dsl = dsl;
        this.site = SiteConfig.load(dsl);
        this.options = options;
        this.pool = FilePool.open(options.fileStore(), dsl, site);
    }

    @Override
    public List<LineResult> write(List<CommandLine<PictureCommand>> chunk, WriteContext context) {
        List<PictureCommand> commands = chunk.stream().map(CommandLine::command).toList();
        Chunk work = new Chunk();
        List<LineResult> results;
        try {
            results = dsl.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                PictureTargets targets = PictureTargets.load(tx, site.localMnetHostId(), options.userField(),
                        commands);
                List<LineResult> out = new ArrayList<>(chunk.size());
                for (CommandLine<PictureCommand> line : chunk) {
                    out.add(apply(tx, line, targets, context, work));
                }
                return out;
            });
        } catch (RuntimeException e) {
            // the chunk's rows are gone: so are the pool files its lines created
            work.created.forEach(pool::discard);
            throw e;
        }
        if (!context.dryRun()) {
            trashUnreferenced(work.released);
        }
        return results;
    }

    /** What a chunk did to the pool: contents created by its committed lines, contents its rows pointed at. */
    private static final class Chunk {
        final List<String> created = new ArrayList<>();
        final Set<String> released = new LinkedHashSet<>();
    }

    private LineResult apply(DSLContext tx, CommandLine<PictureCommand> line, PictureTargets targets,
                             WriteContext context, Chunk work) {
        PictureCommand command = line.command();
        PictureTargets.Match match = targets.match(command.user());
        String field = options.userField().column();
        if (match instanceof PictureTargets.Missing) {
            return failed(line, "user " + command.user(), field, where(command) + "no user with " + field + " '"
                    + command.user() + "'");
        }
        if (match instanceof PictureTargets.Ambiguous a) {
            return failed(line, "user " + command.user(), field, where(command) + a.count() + " users have " + field
                    + " '" + command.user() + "': a picture needs exactly one");
        }
        if (match instanceof PictureTargets.Invalid invalid) {
            return failed(line, "user " + command.user(), field, where(command) + invalid.reason());
        }
        Target target = ((PictureTargets.Found) match).target();
        String entity = "user " + target.username;
        try {
            return command.action() == PictureAction.SET
                    ? set(tx, line, target, entity, context, work)
                    : delete(tx, line, target, entity, context, work);
        } catch (DataAccessException e) {
            return failed(line, entity, null, where(command) + "the database refused the line: " + DatabaseFailures.rootMessage(e));
        } catch (RuntimeException e) {
            return failed(line, entity, null, where(command) + "the picture could not be stored: " + DatabaseFailures.rootMessage(e));
        }
    }

    private LineResult set(DSLContext tx, CommandLine<PictureCommand> line, Target target, String entity,
                           WriteContext context, Chunk work) {
        PictureCommand command = line.command();
        boolean dryRun = context.dryRun();
        List<String> messages = new ArrayList<>();
        if (command.entry() != null) {
            messages.add("from " + command.entry());
        }
        if (target.picture != 0 && !options.overwrite()) {
            messages.add("the user already has a picture and overwrite is off");
            return LineResult.of(line.ref(), entity, Outcome.SKIPPED, dryRun, List.of(), messages);
        }
        PictureIcons icons = command.icons();
        Map<Icon, byte[]> content = new EnumMap<>(Icon.class);
        Map<Icon, String> hashes = new EnumMap<>(Icon.class);
        for (Icon icon : Icon.values()) {
            byte[] bytes = icons.content(icon);
            content.put(icon, bytes);
            hashes.put(icon, FilePool.sha1(bytes));
        }
        if (holdsExactly(target, icons, hashes)) {
            return LineResult.of(line.ref(), entity, Outcome.UNCHANGED, dryRun, List.of(), messages);
        }
        boolean hadPicture = target.picture != 0 || !target.area.isEmpty();
        long oldPicture = target.picture;
        Map<Long, AreaFile> newArea = new HashMap<>();
        long f1;
        if (dryRun) {
            f1 = -1;
        } else {
            List<String> created = new ArrayList<>();
            Long contextBefore = target.contextId;
            try {
                for (Icon icon : Icon.values()) {
                    if (pool.store(hashes.get(icon), content.get(icon))) {
                        created.add(hashes.get(icon));
                    }
                }
                if (pool.store(FilePool.EMPTY_HASH, new byte[0])) {
                    created.add(FilePool.EMPTY_HASH);
                }
                f1 = tx.transactionResult(savepoint -> writeRows(DSL.using(savepoint), target, icons, hashes,
                        context.now(), newArea));
            } catch (RuntimeException e) {
                created.forEach(pool::discard);
                target.contextId = contextBefore;
                throw e;
            }
            work.created.addAll(created);
            target.area.values().forEach(f -> work.released.add(f.contenthash()));
        }
        target.area.clear();
        target.area.putAll(newArea);
        target.picture = f1;
        messages.add("icons " + Icon.F1.fileName(icons.format()) + ", " + Icon.F2.fileName(icons.format()) + ", "
                + Icon.F3.fileName(icons.format()));
        String newValue = dryRun ? "(id of the new f1 file)" : Long.toString(f1);
        return LineResult.of(line.ref(), entity, hadPicture ? Outcome.UPDATED : Outcome.CREATED, dryRun,
                List.of(new FieldChange("picture", hadPicture ? Long.toString(oldPicture) : null, newValue)),
                messages);
    }

    /** The rows of a new picture, in Moodle's order; returns the id of f1. */
    private long writeRows(DSLContext sp, Target target, PictureIcons icons, Map<Icon, String> hashes, long now,
                           Map<Long, AreaFile> newArea) {
        long contextId = contextOf(sp, target);
        IconRows.deleteArea(sp, contextId);
        String mime = icons.format().mimeType();
        long f1 = insert(sp, contextId, Icon.F1.fileName(icons.format()), hashes.get(Icon.F1),
                icons.length(Icon.F1), mime, now, newArea);
        insert(sp, contextId, IconRows.DIRECTORY, FilePool.EMPTY_HASH, 0, null, now, newArea);
        insert(sp, contextId, Icon.F2.fileName(icons.format()), hashes.get(Icon.F2), icons.length(Icon.F2), mime,
                now, newArea);
        insert(sp, contextId, Icon.F3.fileName(icons.format()), hashes.get(Icon.F3), icons.length(Icon.F3), mime,
                now, newArea);
        IconRows.setPicture(sp, target.userId, f1);
        return f1;
    }

    private static long insert(DSLContext sp, long contextId, String filename, String hash, long size, String mime,
                               long now, Map<Long, AreaFile> newArea) {
        long id = IconRows.insert(sp, contextId, filename, hash, size, mime, now);
        newArea.put(id, new AreaFile(id, IconRows.FILEPATH, filename, hash));
        return id;
    }

    /** The user's context, created as Moodle's {@code context_user::instance()} would when it is missing. */
    private long contextOf(DSLContext sp, Target target) {
        if (target.contextId == null) {
            target.contextId = Contexts.create(sp, ContextLevel.USER, target.userId, site.systemPath());
        }
        return target.contextId;
    }

    private LineResult delete(DSLContext tx, CommandLine<PictureCommand> line, Target target, String entity,
                              WriteContext context, Chunk work) {
        boolean dryRun = context.dryRun();
        if (target.picture == 0 && target.area.isEmpty()) {
            return LineResult.of(line.ref(), entity, Outcome.UNCHANGED, dryRun, List.of(),
                    List.of("the user has no picture"));
        }
        long oldPicture = target.picture;
        if (!dryRun) {
            tx.transaction(savepoint -> {
                DSLContext sp = DSL.using(savepoint);
                if (target.contextId != null) {
                    IconRows.deleteArea(sp, target.contextId);
                }
                IconRows.setPicture(sp, target.userId, 0);
            });
            target.area.values().forEach(f -> work.released.add(f.contenthash()));
        }
        target.area.clear();
        target.picture = 0;
        return LineResult.of(line.ref(), entity, Outcome.DELETED, dryRun,
                List.of(new FieldChange("picture", Long.toString(oldPicture), "0")), List.of());
    }

    /** True when the user's icon area holds exactly these icons and {@code user.picture} is their f1. */
    private static boolean holdsExactly(Target target, PictureIcons icons, Map<Icon, String> hashes) {
        if (target.area.size() != Icon.values().length + 1) {
            return false;
        }
        Map<String, String> expected = new HashMap<>();
        expected.put(IconRows.DIRECTORY, FilePool.EMPTY_HASH);
        for (Icon icon : Icon.values()) {
            expected.put(icon.fileName(icons.format()), hashes.get(icon));
        }
        Long f1 = null;
        for (AreaFile f : target.area.values()) {
            if (!IconRows.FILEPATH.equals(f.filepath()) || !f.contenthash().equals(expected.remove(f.filename()))) {
                return false;
            }
            if (f.filename().equals(Icon.F1.fileName(icons.format()))) {
                f1 = f.id();
            }
        }
        return expected.isEmpty() && f1 != null && f1 == target.picture;
    }

    /** Moves to the trash the contents that the chunk's deleted rows pointed at and no row points at any more. */
    private void trashUnreferenced(Set<String> released) {
        Set<String> candidates = new HashSet<>(released);
        candidates.remove(FilePool.EMPTY_HASH);
        if (candidates.isEmpty()) {
            return;
        }
        try {
            Set<String> stillUsed = new HashSet<>(dsl.selectDistinct(MDL_FILES.CONTENTHASH).from(MDL_FILES)
                    .where(MDL_FILES.CONTENTHASH.in(candidates))
                    .fetch(MDL_FILES.CONTENTHASH));
            for (String hash : candidates) {
                if (!stillUsed.contains(hash)) {
                    pool.trash(hash);
                }
            }
        } catch (IOException | DataAccessException e) {
            LOG.warn("replaced picture contents could not all be moved to the trash ({}); they stay in the file "
                    + "pool, unused", e.getMessage());
        }
    }

    private static String where(PictureCommand command) {
        return command.entry() == null ? "" : "entry " + command.entry() + ": ";
    }

    private static LineResult failed(CommandLine<PictureCommand> line, String entity, String field,
                                     String reason) {
        return LineFailures.failed(line.ref(), entity, field, reason);
    }

}
