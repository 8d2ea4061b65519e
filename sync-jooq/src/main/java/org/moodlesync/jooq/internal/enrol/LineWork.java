package org.moodlesync.jooq.internal.enrol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.support.WriteNow;

/**
 * What one line does as it goes: its transaction (savepoint), its view of the state, the time, whether it is a dry
 * run, the changes and messages for its result, and the users whose access changed (marked dirty at the end).
 */
public final class LineWork {

    final DSLContext dsl;
    final EnrolState.Line state;
    final long now;
    final boolean dryRun;
    private final String prefix;
    private final List<FieldChange> changes = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final Set<Long> dirtyUsers = new LinkedHashSet<>();
    /** The line's gathered plain adds, or null when it writes at once. */
    final ChunkWrites.Line pending;

    /**
     * @param dsl    the line's transaction
     * @param state  the line's view of the chunk state
     * @param now    Unix time of the run
     * @param dryRun write nothing
     * @param prefix put before the field names of changes (for example {@code course1.}), or ''
     */
    public LineWork(DSLContext dsl, EnrolState.Line state, long now, boolean dryRun, String prefix) {
        this(dsl, state, now, dryRun, prefix, null);
    }

    /**
     * A line whose plain adds (enrolment, role assignment, group membership) are gathered for the chunk's set-wise
     * write ({@code pending} not null, not a dry run): any other write throws {@link WriteNow} before it is made.
     */
    LineWork(DSLContext dsl, EnrolState.Line state, long now, boolean dryRun, String prefix,
             ChunkWrites.Line pending) {
        this.dsl = dsl;
        this.state = state;
        this.now = now;
        this.dryRun = dryRun;
        this.prefix = prefix;
        this.pending = dryRun ? null : pending;
    }

    /** True when the line's plain adds are gathered, not written. */
    boolean gathering() {
        return pending != null;
    }

    /** Before a write that cannot be gathered: throws {@link WriteNow} when the line gathers its writes. */
    void immediate() {
        if (pending != null) {
            throw new WriteNow();
        }
    }

    /** The users whose access changed. */
    Set<Long> dirtyUsers() {
        return dirtyUsers;
    }

    /** Records a change. */
    void change(String field, String before, String after) {
        changes.add(new FieldChange(prefix + field, before, after));
    }

    /** Records a message. */
    public void message(String text) {
        messages.add(prefix.isEmpty() ? text : prefix.substring(0, prefix.length() - 1) + ": " + text);
    }

    /** The user's access changed (enrolment or role): Moodle must reload it. */
    void dirty(long userId) {
        if (userId > 0) {
            dirtyUsers.add(userId);
        }
    }

    /** The changes so far. */
    public List<FieldChange> changes() {
        return List.copyOf(changes);
    }

    /** The messages so far. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** True when the line changed something. */
    public boolean changed() {
        return !changes.isEmpty();
    }

    /** The transaction of the line. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The line's view of the state. */
    public EnrolState.Line state() {
        return state;
    }

    /**
     * Marks the users whose access changed dirty ({@code accesslib/dirtyusers}), unless dry run; a gathering line
     * leaves that to the chunk's set-wise write.
     */
    public void finish(EnrolSite site) {
        if (!dryRun && pending == null) {
            for (long user : dirtyUsers) {
                CacheFlags.mark(dsl, site.config(), CacheFlags.DIRTY_USERS, Long.toString(user), now);
            }
        }
    }
}
