package org.moodlesync.jooq.user;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.site.SiteConfig;

/**
 * The users writer: one transaction per chunk, one savepoint per line (a failing line is rolled back alone, the
 * others are committed), the chunk's users loaded with one query, passwords hashed in parallel before the
 * transaction starts its writes. When the run is asked to stop, the chunk ends after the line being written (the
 * lines done are committed and returned; the pipeline keeps the others for the tryback file).
 */
public final class JooqUserWriter implements CommandWriter<UserCommand> {

    private final DSLContext dsl;
    private final SiteConfig site;
    private final UserSyncOptions options;
    private final MoodlePasswordHasher hasher;
    private final UserLineWriter lines;

    /**
     * @param dsl     the Moodle database
     * @param options the users options
     */
    public JooqUserWriter(DSLContext dsl, UserSyncOptions options) {
        this.dsl = dsl;
        this.site = SiteConfig.load(dsl);
        this.options = options;
        this.hasher = options.fastHash() ? MoodlePasswordHasher.fast() : MoodlePasswordHasher.standard();
        this.lines = new UserLineWriter(site, options, ProfileFields.load(dsl));
    }

    @Override
    public List<LineResult> write(List<CommandLine<UserCommand>> chunk, WriteContext context) {
        List<UserCommand> commands = chunk.stream().map(CommandLine::command).toList();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            UserLookup lookup = UserLookup.load(tx, site.localMnetHostId(), commands);
            PreparedPasswords passwords = preparePasswords(commands, lookup, context.dryRun());
            long now = context.now();
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                if (i > 0 && context.stopRequested()) {
                    break; // stop at a line boundary: the lines done are committed, the others are not reached
                }
                results.add(applyLine(tx, chunk.get(i), i, lookup, passwords, now, context.dryRun()));
            }
            return results;
        });
    }

    private LineResult applyLine(DSLContext tx, CommandLine<UserCommand> line, int index, UserLookup lookup,
                                 PreparedPasswords passwords, long now, boolean dryRun) {
        try {
            UserLineWriter.Applied applied = tx.transactionResult(savepoint ->
                    lines.apply(DSL.using(savepoint), line.command(), index, lookup, passwords, now, dryRun));
            return LineResult.of(line.ref(), applied.entity(), applied.outcome(), dryRun, applied.changes(),
                    applied.messages());
        } catch (LineRejected e) {
            return failed(line, e.column(), e.getMessage());
        } catch (DataAccessException e) {
            return failed(line, null, "the database refused the line: " + rootMessage(e));
        }
    }

    private PreparedPasswords preparePasswords(List<UserCommand> commands, UserLookup lookup, boolean dryRun) {
        List<Password> passwords = new ArrayList<>(commands.size());
        List<String> stored = new ArrayList<>(commands.size());
        for (UserCommand c : commands) {
            passwords.add(c.password());
            String current = null;
            if (c.password() instanceof Password.Plain) {
                try {
                    MdlUserRecord user = lines.match(c, lookup);
                    current = user == null ? null : user.getPassword();
                } catch (LineRejected e) {
                    current = null;
                }
            }
            stored.add(current);
        }
        return PreparedPasswords.prepare(passwords, stored, hasher, !dryRun);
    }

    private static LineResult failed(CommandLine<UserCommand> line, String column, String reason) {
        String entity = line.command().username() == null ? null : "user " + line.command().username();
        return LineResult.failed(line.ref(), entity,
                new LineError(line.ref().source(), line.ref().line(), 0, column, reason));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
