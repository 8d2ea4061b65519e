package org.moodlesync.api.feed;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a backend gives full feeds (SPI): the rows in a feed's scope, set-wise, and the records of which of them the
 * feed owns. Only rows a feed owns are ever removed; a feed owns what it listed in an earlier run. A backend without
 * full feeds does not implement it ({@link org.moodlesync.api.spi.MoodleBackend#feedOwnership()} throws).
 */
public interface FeedOwnership {

    /** The kind of owned row an enrolment is, in the ownership records. */
    String ENROLMENT = "enrolment";
    /** The kind of owned row a group membership is, in the ownership records. */
    String GROUP_MEMBER = "group-member";
    /** The kind of owned row a cohort membership is, in the ownership records. */
    String COHORT_MEMBER = "cohort-member";
    /** The kind of owned row a user is, in the ownership records. */
    String USER = "user";

    /**
     * Whether the ownership records can be kept (the backend's table exists).
     *
     * @return true when full feeds can run; false says how to set them up through {@link #setUpHint()}
     */
    boolean ready();

    /** {@return what an administrator does to make {@link #ready()} true, in one sentence} */
    String setUpHint();

    /**
     * Streams every enrolment through the query's method in its scope (a query per chunk of courses, never one per
     * row), each with whether the feed owns it.
     *
     * @param query what to read; not null
     * @param each  called once per enrolment; not null
     */
    void enrolments(EnrolScopeQuery query, Consumer<ScopedEnrolment> each);

    /**
     * Streams every manual group membership (no component: those of enrol_cohort or other plugins are never the
     * feed's) in the query's scope, set-wise, each with whether the feed owns it.
     *
     * @param query what to read; not null
     * @param each  called once per membership; not null
     * @throws UnsupportedOperationException when the backend has no group member feeds
     */
    default void groupMembers(GroupMemberScopeQuery query, Consumer<ScopedGroupMember> each) {
        throw new UnsupportedOperationException("this backend has no full feeds of group members");
    }

    /**
     * Streams every member of the query's cohorts (or of every cohort, for {@link FeedScope#wholeSite()}), set-wise,
     * each with whether the feed owns it.
     *
     * @param query what to read; not null
     * @param each  called once per membership; not null
     * @throws UnsupportedOperationException when the backend has no cohort member feeds
     */
    default void cohortMembers(CohortMemberScopeQuery query, Consumer<ScopedCohortMember> each) {
        throw new UnsupportedOperationException("this backend has no full feeds of cohort members");
    }

    /**
     * Streams every user of the query's scope (an auth method, a profile field's value, or the site), set-wise, but
     * deleted users, site administrators and the guest account, which no feed ever owns, each with whether the feed
     * owns it.
     *
     * @param query what to read; not null
     * @param each  called once per user; not null
     * @throws UnsupportedOperationException when the backend has no user feeds
     */
    default void users(UserScopeQuery query, Consumer<ScopedUser> each) {
        throw new UnsupportedOperationException("this backend has no full feeds of users");
    }

    /**
     * The roles each of these enrolments' users has in its course's context, by role shortname (for undo lines).
     *
     * @param enrolments the enrolments; not null
     * @return role shortnames by enrolment id; an enrolment whose user has no role there is absent
     */
    Map<Long, List<String>> roles(List<ScopedEnrolment> enrolments);

    /**
     * Records that the feed owns these rows from now on (rows it already owns are left as they are).
     *
     * @param feed the feed's name; not null
     * @param kind the kind of row ({@link #ENROLMENT}, {@link #GROUP_MEMBER}); not null
     * @param ids  the rows' ids ({@code user_enrolments.id} for enrolments, {@code groups_members.id}, {@code cohort_members.id} for members,
     *             {@code user.id} for users)
     */
    void claim(String feed, String kind, long[] ids);

    /**
     * Forgets the ownership records of rows that no longer exist (unenrolled by the feed or by hand; users deleted).
     *
     * @param feed the feed's name; not null
     * @param kind the kind of row; not null
     * @return how many records went
     */
    long forgetGone(String feed, String kind);
}
