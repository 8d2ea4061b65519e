package org.moodlesync.jooq.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.enrol.CourseEnrolment;
import org.moodlesync.api.command.enrol.CourseKey;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.jooq.enrol.CourseEnrolmentWriter;
import org.moodlesync.jooq.enrol.Courses;
import org.moodlesync.jooq.enrol.EnrolRejected;
import org.moodlesync.jooq.enrol.EnrolState;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.moodlesync.jooq.site.SiteConfig;

/**
 * The users writer: one transaction per chunk, one savepoint per line (a failing line is rolled back alone, the
 * others are committed), the chunk's users loaded with one query, passwords hashed in parallel before the
 * transaction starts its writes. Course enrolments of a line ({@code courseN}…) are written after the user, in the
 * same savepoint, by the enrolment code ({@link CourseEnrolmentWriter}).
 */
public final class JooqUserWriter implements CommandWriter<UserCommand> {

    private final DSLContext dsl;
    private final SiteConfig site;
    private final UserSyncOptions options;
    private final MoodlePasswordHasher hasher;
    private final UserLineWriter lines;
    private final CourseEnrolmentWriter enrolments;

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
        this.enrolments = new CourseEnrolmentWriter(dsl);
    }

    @Override
    public List<LineResult> write(List<CommandLine<UserCommand>> chunk, WriteContext context) {
        List<UserCommand> commands = chunk.stream().map(CommandLine::command).toList();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            UserLookup lookup = UserLookup.load(tx, site.localMnetHostId(), commands);
            PreparedPasswords passwords = preparePasswords(commands, lookup, context.dryRun());
            CourseEnrolmentWriter.Chunk courses = prepareEnrolments(tx, commands, lookup);
            long now = context.now();
            List<LineResult> results = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                results.add(applyLine(tx, chunk.get(i), i, lookup, passwords, courses, now, context.dryRun()));
            }
            return results;
        });
    }

    /** The courses the chunk's enrolment columns name, and the known users' standing in them; null when none. */
    private CourseEnrolmentWriter.Chunk prepareEnrolments(DSLContext tx, List<UserCommand> commands,
                                                          UserLookup lookup) {
        Map<CourseKey, Set<String>> wanted = Courses.wanted();
        boolean anyGroup = false;
        for (UserCommand c : commands) {
            if (c.action() != UserAction.CREATE_OR_UPDATE) {
                continue;
            }
            for (CourseEnrolment e : c.enrolments()) {
                Courses.want(wanted, e.courseKey(), e.course());
                anyGroup |= e.group() != null;
            }
        }
        if (wanted.isEmpty()) {
            return null;
        }
        Map<Long, List<CourseEnrolment>> known = new HashMap<>();
        for (UserCommand c : commands) {
            if (c.action() != UserAction.CREATE_OR_UPDATE || c.enrolments().isEmpty()) {
                continue;
            }
            try {
                MdlUserRecord user = lines.match(c, lookup);
                if (user != null) {
                    known.computeIfAbsent(user.getId(), k -> new ArrayList<>()).addAll(c.enrolments());
                }
            } catch (LineRejected e) {
                // the line fails when applied
            }
        }
        return enrolments.prepare(tx, wanted, known, anyGroup);
    }

    private LineResult applyLine(DSLContext tx, CommandLine<UserCommand> line, int index, UserLookup lookup,
                                 PreparedPasswords passwords, CourseEnrolmentWriter.Chunk courses, long now,
                                 boolean dryRun) {
        UserCommand c = line.command();
        boolean enrol = courses != null && c.action() == UserAction.CREATE_OR_UPDATE && !c.enrolments().isEmpty();
        EnrolState.Line view = enrol ? courses.begin() : null;
        try {
            UserLineWriter.Applied applied = tx.transactionResult(savepoint -> {
                DSLContext sp = DSL.using(savepoint);
                UserLineWriter.Applied a = lines.apply(sp, c, index, lookup, passwords, now, dryRun);
                if (!enrol) {
                    return a;
                }
                CourseEnrolmentWriter.Applied e;
                try {
                    e = courses.apply(sp, a.userId(), c.enrolments(), view, now, dryRun);
                } catch (EnrolRejected r) {
                    throw new LineRejected(r.column(), r.getMessage());
                }
                List<FieldChange> changes = new ArrayList<>(a.changes());
                changes.addAll(e.changes());
                List<String> messages = new ArrayList<>(a.messages());
                messages.addAll(e.messages());
                Outcome outcome = a.outcome() == Outcome.UNCHANGED && !e.changes().isEmpty() ? Outcome.UPDATED
                        : a.outcome();
                return new UserLineWriter.Applied(outcome, a.entity(), changes, messages, a.userId());
            });
            if (view != null) {
                view.commit();
            }
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
