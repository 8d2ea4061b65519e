package org.moodlesync.jooq.internal.user;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.moodlesync.api.command.CourseKey;
import org.moodlesync.api.command.enrol.CourseEnrolment;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.command.user.UserSyncOptions;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.Outcome;
import org.moodlesync.api.spi.CommandLine;
import org.moodlesync.api.spi.CommandWriter;
import org.moodlesync.api.spi.WriteContext;
import org.moodlesync.api.site.PasswordPeppers;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.internal.cohort.UserCohorts;
import org.moodlesync.jooq.internal.enrol.CourseEnrolmentWriter;
import org.moodlesync.jooq.internal.enrol.Courses;
import org.moodlesync.jooq.internal.enrol.EnrolState;
import org.moodlesync.jooq.internal.site.SiteConfig;
import org.moodlesync.jooq.internal.site.SiteSchema;
import org.moodlesync.jooq.internal.support.ChunkReplay;
import org.moodlesync.jooq.internal.support.DatabaseFailures;
import org.moodlesync.jooq.internal.support.LineFailures;
import org.moodlesync.jooq.internal.support.TableStatistics;
import org.moodlesync.jooq.schema.tables.records.MdlUserRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users writer. Per chunk: one transaction; the chunk's users (and their profile values) loaded with one query
 * each; clear-text passwords hashed (or checked against the stored hash) on every core, begun in the background
 * while the chunk before was written ({@link #upcoming}); then every line is planned in memory, in file order.
 *
 * <p>Plain creates and updates (the bulk of any feed) take the fast path: their writes are gathered and written
 * set-wise ({@link BatchedUserWrites}). Lines that act at once (delete, suspend, rename, revive) are written in a
 * savepoint of their own, after the gathered writes are flushed. A line the writer refuses fails alone before
 * anything of it is written. Should the database refuse a gathered write, the whole chunk is rolled back and replayed
 * line by line, each line in a transaction of its own, so the failing line fails alone and the others are written.
 *
 * <p>Course enrolments of a line ({@code courseN}…) are written after the user, in the line's savepoint, by the
 * enrolment code ({@link CourseEnrolmentWriter}): such lines leave the fast path. Their courses, roles and methods are
 * checked before the user is written.
 * <p>When the run is asked to stop ({@link WriteContext#stopRequested()}), the chunk ends after the line being planned
 * or written: the lines done are written and committed and their results returned; the pipeline keeps the others for
 * the tryback file.
 * <p>A chunk that loses a race (deadlock, serialization failure) or its connection is tried again as a whole
 * ({@link ChunkRetry}); a connection that stays lost ends the run, the chunk's lines unwritten.
 */
public final class JooqUserWriter implements CommandWriter<UserCommand> {

    private static final Logger LOG = LoggerFactory.getLogger(JooqUserWriter.class);

    private final DSLContext dsl;
    private final SiteConfig site;
    private final SiteSchema schema;
    private final MoodlePasswordHasher hasher;
    private final UserLineWriter lines;
    private final CourseEnrolmentWriter enrolments;
    private final TableStatistics statistics;
    /**
     * Passwords hashed in the background ({@link #upcoming}): those of the chunk being written, then of the next one
     * (the pipeline announces a chunk before it writes the one before).
     */
    private final ArrayDeque<PasswordsAhead> ahead = new ArrayDeque<>(3);

    /**
     * @param dsl     the Moodle database
     * @param options the users options
     * @param peppers the site's password peppers
     */
    public JooqUserWriter(DSLContext dsl, UserSyncOptions options, PasswordPeppers peppers) {
        this.dsl = dsl;
        this.site = SiteConfig.load(dsl);
        this.schema = SiteSchema.of(site);
        this.hasher = options.fastHash() ? MoodlePasswordHasher.fast(peppers) : MoodlePasswordHasher.standard(peppers);
        this.lines = new UserLineWriter(site, options, ProfileFields.load(dsl), new UserCohorts(dsl, site));
        this.enrolments = new CourseEnrolmentWriter(dsl);
        this.statistics = TableStatistics.on(dsl);
    }

    @Override
    public List<LineResult> write(List<CommandLine<UserCommand>> chunk, WriteContext context) {
        // statistics refreshed after each commit (see TableStatistics)
        return ChunkReplay.write(dsl, chunk, context, (tx, part) -> writeChunk(tx, part, context),
                statistics::refreshGrown,
                (line, reason) -> LineFailures.failed(line.ref(), entity(line), null, reason));
    }

    /**
     * Begins hashing the next chunk's clear-text passwords (or checking them against the stored hashes) on the other
     * cores, so that they are ready, or nearly, when that chunk is written: the writes of this chunk no longer wait
     * for them, nor they for the writes. The stored hashes are read now, outside any transaction; a line whose user
     * has changed by the time its chunk is written is prepared again then.
     */
    @Override
    public void upcoming(List<CommandLine<UserCommand>> next, WriteContext context) {
        List<UserCommand> commands = next.stream().map(CommandLine::command).toList();
        List<UserCommand> withClearText = commands.stream().filter(c -> c.password() instanceof Password.Plain)
                .toList();
        if (withClearText.isEmpty()) {
            return;
        }
        UserLookup lookup;
        try {
            lookup = UserLookup.load(dsl, schema, site.localMnetHostId(), withClearText);
        } catch (DataAccessException e) {
            // a hint only: the passwords are prepared when the chunk is written, whose own lookup tells the failure
            LOG.debug("cannot prepare the passwords of the next chunk: {}", DatabaseFailures.rootMessage(e));
            return;
        }
        ahead.addLast(new PasswordsAhead(next, PreparedPasswords.start(passwordsOf(commands),
                storedHashes(commands, lookup), hasher, !context.dryRun())));
        while (ahead.size() > 2) {
            ahead.removeFirst().passwords().cancel(); // a chunk that did not come
        }
    }

    /** Passwords prepared ahead for a chunk: used when that very chunk (the same lines) comes to be written. */
    private record PasswordsAhead(List<CommandLine<UserCommand>> lines, PreparedPasswords passwords) {

        boolean isFor(List<CommandLine<UserCommand>> chunk, boolean dryRun) {
            if (chunk.size() != lines.size() || passwords.hashesNew() == dryRun) {
                return false;
            }
            for (int i = 0; i < chunk.size(); i++) {
                if (chunk.get(i) != lines.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private List<LineResult> writeChunk(DSLContext tx, List<CommandLine<UserCommand>> chunk, WriteContext context) {
        List<UserCommand> commands = chunk.stream().map(CommandLine::command).toList();
        UserLookup lookup = UserLookup.load(tx, schema, site.localMnetHostId(), commands);
        if (commands.stream().anyMatch(c -> !c.profileFields().isEmpty())) {
            lookup.loadProfiles(tx);
        }
        PreparedPasswords passwords = preparePasswords(chunk, commands, lookup, context.dryRun());
        CourseEnrolmentWriter.Chunk courses = prepareEnrolments(tx, commands, lookup);
        UserCohorts.Chunk cohorts = lines.cohorts().load(tx, commands.stream().map(UserCommand::cohort).toList(),
                commands.stream().map(UserCommand::cohortIdnumber).toList());
        BatchedUserWrites batch = new BatchedUserWrites(tx, site, lookup, statistics);
        UserChunk state = new UserChunk(lookup, passwords, cohorts, context.now());
        List<LineResult> results = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            if (i > 0 && context.stopRequested()) {
                break; // stop at a line boundary: the lines planned are written and committed, the others not reached
            }
            CommandLine<UserCommand> line = chunk.get(i);
            Enrolling enrolling = enrolling(line.command(), courses);
            if (context.dryRun()) {
                results.add(plan(tx, UserWrites.NONE, line, i, state, enrolling, true));
            } else if (enrolling == null && fastPath(line.command(), lookup)) {
                results.add(plan(tx, batch, line, i, state, null, false));
            } else {
                batch.flush();
                results.add(inSavepoint(tx, line, i, state, enrolling));
            }
        }
        batch.flush();
        return results;
    }

    /** A plain create or update of a user already written (no placeholder id awaiting a flush). */
    private boolean fastPath(UserCommand c, UserLookup lookup) {
        if (c.action() != UserAction.CREATE_OR_UPDATE || c.oldUsername() != null || c.cohort() != null) {
            return false;
        }
        try {
            MdlUserRecord user = lines.match(c, lookup);
            if (user == null) {
                return c.username() == null || lookup.deletedWithUsername(c.username()).isEmpty();
            }
            return user.getId() > 0 && !UserLookup.isDeleted(user)
                    && !(Boolean.TRUE.equals(c.suspended()) && user.getSuspended().intValue() == 0);
        } catch (LineRejected e) {
            return true; // planning will fail the line before it writes anything
        }
    }

    /** A line's course enrolments, with the line's view of the chunk's enrolment state. */
    private record Enrolling(CourseEnrolmentWriter.Chunk courses, EnrolState.Line view) {
    }

    private static Enrolling enrolling(UserCommand c, CourseEnrolmentWriter.Chunk courses) {
        if (courses == null || c.action() != UserAction.CREATE_OR_UPDATE || c.enrolments().isEmpty()) {
            return null;
        }
        return new Enrolling(courses, courses.begin());
    }

    /** The courses the chunk's enrolment columns name, and the known users' standing in them; null when none. */
    private CourseEnrolmentWriter.Chunk prepareEnrolments(DSLContext tx, List<UserCommand> commands,
                                                          UserLookup lookup) {
        Map<CourseKey, Set<String>> wanted = Courses.wanted();
        Map<Long, List<CourseEnrolment>> known = new HashMap<>();
        boolean anyGroup = false;
        for (UserCommand c : commands) {
            if (c.action() != UserAction.CREATE_OR_UPDATE || c.enrolments().isEmpty()) {
                continue;
            }
            for (CourseEnrolment e : c.enrolments()) {
                Courses.want(wanted, e.courseKey(), e.course());
                anyGroup |= e.group() != null;
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
        if (wanted.isEmpty()) {
            return null;
        }
        return enrolments.prepare(tx, wanted, known, anyGroup);
    }

    /** Applies a line: the user, then its course enrolments (checked before the user is written). */
    private UserLineWriter.Applied apply(DSLContext dsl, UserWrites writes, UserCommand c, int index,
                                         UserChunk state, Enrolling enrolling, boolean dryRun) {
        if (enrolling == null) {
            return lines.apply(dsl, writes, c, index, state, dryRun);
        }
        enrolling.courses().check(c.enrolments());
        UserLineWriter.Applied a = lines.apply(dsl, writes, c, index, state, dryRun);
        CourseEnrolmentWriter.EnrolmentChanges e = enrolling.courses().apply(dsl, a.userId(), c.enrolments(),
                enrolling.view(), state.now(), dryRun);
        List<FieldChange> changes = new ArrayList<>(a.line().changes());
        changes.addAll(e.changes());
        List<String> messages = new ArrayList<>(a.line().messages());
        messages.addAll(e.messages());
        Outcome outcome = a.line().outcome() == Outcome.UNCHANGED && !e.changes().isEmpty() ? Outcome.UPDATED
                : a.line().outcome();
        return new UserLineWriter.Applied(outcome, a.line().entity(), changes, messages, a.userId());
    }

    private LineResult plan(DSLContext tx, UserWrites writes, CommandLine<UserCommand> line, int index,
                            UserChunk state, Enrolling enrolling, boolean dryRun) {
        try {
            LineResult result = result(line, apply(tx, writes, line.command(), index, state, enrolling, dryRun),
                    dryRun);
            if (enrolling != null) {
                enrolling.view().commit();
            }
            return result;
        } catch (LineRejected e) {
            return LineFailures.rejected(line.ref(), entity(line), e);
        }
    }

    private LineResult inSavepoint(DSLContext tx, CommandLine<UserCommand> line, int index, UserChunk state,
                                   Enrolling enrolling) {
        try {
            UserLineWriter.Applied applied = tx.transactionResult(savepoint -> {
                DSLContext sp = DSL.using(savepoint);
                return apply(sp, new ImmediateUserWrites(sp, site), line.command(), index, state, enrolling,
                        false);
            });
            if (enrolling != null) {
                enrolling.view().commit();
            }
            return result(line, applied, false);
        } catch (LineRejected e) {
            return LineFailures.rejected(line.ref(), entity(line), e);
        } catch (DataAccessException e) {
            return LineFailures.refused(line.ref(), entity(line), e);
        }
    }

    private static LineResult result(CommandLine<UserCommand> line, UserLineWriter.Applied applied, boolean dryRun) {
        return applied.line().toResult(line.ref(), dryRun);
    }

    private PreparedPasswords preparePasswords(List<CommandLine<UserCommand>> chunk, List<UserCommand> commands,
                                               UserLookup lookup, boolean dryRun) {
        List<String> stored = storedHashes(commands, lookup);
        for (PasswordsAhead prepared : ahead) {
            if (prepared.isFor(chunk, dryRun)) {
                while (ahead.peekFirst() != prepared) {
                    ahead.removeFirst().passwords().cancel(); // a chunk that did not come
                }
                return prepared.passwords().finish(stored); // kept: the chunk may be tried again
            }
        }
        return PreparedPasswords.prepare(passwordsOf(commands), stored, hasher, !dryRun);
    }

    private static List<Password> passwordsOf(List<UserCommand> commands) {
        return commands.stream().map(UserCommand::password).toList();
    }

    /** The stored hash of the user each line with a clear-text password matches (null when none, or no such line). */
    private List<String> storedHashes(List<UserCommand> commands, UserLookup lookup) {
        List<String> stored = new ArrayList<>(commands.size());
        for (UserCommand c : commands) {
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
        return stored;
    }

    private static String entity(CommandLine<UserCommand> line) {
        return line.command().username() == null ? null : "user " + line.command().username();
    }

}
