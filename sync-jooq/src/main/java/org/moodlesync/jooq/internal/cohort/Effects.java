package org.moodlesync.jooq.internal.cohort;


import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.moodlesync.jooq.internal.site.CacheFlags;
import org.moodlesync.jooq.internal.site.SiteConfig;

/**
 * What one line did beyond its own row: the report's notes, the users and contexts a running Moodle must reload
 * ({@code cache_flags}), whether group memberships changed. Written to {@code cache_flags} once, at the end of the
 * line ({@link #flush}).
 */
final class Effects {

    private final List<String> messages = new ArrayList<>();
    private final Set<Long> dirtyUsers = new LinkedHashSet<>();
    private final Set<String> dirtyContexts = new LinkedHashSet<>();
    private int changes;
    private boolean groupsChanged;

    /** A change, with its note for the report. */
    void changed(String message) {
        messages.add(message);
        changes++;
    }

    /** A note that is no change. */
    void note(String message) {
        messages.add(message);
    }

    void dirtyUser(long userId) {
        if (userId > 0) {
            dirtyUsers.add(userId);
        }
    }

    void dirtyUsers(Collection<Long> userIds) {
        userIds.forEach(this::dirtyUser);
    }

    void dirtyContext(String path) {
        dirtyContexts.add(path);
    }

    void groupsChanged() {
        groupsChanged = true;
    }

    /** Takes over another collector's changes, identical notes counted once ({@code note (x12)}). */
    void absorb(Effects other) {
        absorbEffectsOnly(other);
        java.util.Map<String, Integer> counted = new java.util.LinkedHashMap<>();
        other.messages.forEach(m -> counted.merge(m, 1, Integer::sum));
        counted.forEach((m, n) -> messages.add(n == 1 ? m : m + " (x" + n + ")"));
        changes += other.changes;
    }

    /** Takes over another collector's dirty users and contexts and group flag, not its notes. */
    void absorbEffectsOnly(Effects other) {
        dirtyUsers.addAll(other.dirtyUsers);
        dirtyContexts.addAll(other.dirtyContexts);
        groupsChanged |= other.groupsChanged;
    }

    Set<Long> dirtyUsers() {
        return dirtyUsers;
    }

    Set<String> dirtyContexts() {
        return dirtyContexts;
    }

    boolean anyChange() {
        return changes > 0;
    }

    List<String> messages() {
        List<String> all = new ArrayList<>(messages);
        if (groupsChanged) {
            all.add("group memberships changed: Moodle's group caches (core/groupdata, core/user_group_groupings)"
                    + " see it after a cache purge (admin/cli/purge_caches.php)");
        }
        return all;
    }

    /** Marks the dirty users and contexts in {@code cache_flags} (nothing in a dry run). */
    void flush(DSLContext dsl, SiteConfig site, long now, boolean dryRun) {
        if (dryRun) {
            return;
        }
        CacheFlags.markAll(dsl, site, CacheFlags.DIRTY_USERS, dirtyUsers.stream().map(String::valueOf).toList(), now);
        CacheFlags.markAll(dsl, site, CacheFlags.DIRTY_CONTEXTS, List.copyOf(dirtyContexts), now);
    }
}
