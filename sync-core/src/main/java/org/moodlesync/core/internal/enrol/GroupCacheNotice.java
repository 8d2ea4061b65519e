package org.moodlesync.core.internal.enrol;

/** The run notice of kinds that change groups: Moodle caches them and must be told. */
public final class GroupCacheNotice {

    /** The notice. */
    public static final String TEXT = "Moodle caches groups and group memberships (core/groupdata,"
            + " core/user_group_groupings): purge its caches after this run (php admin/cli/purge_caches.php)"
            + " for the changed groups to show";

    private GroupCacheNotice() {
    }
}
