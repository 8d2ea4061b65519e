package org.moodlesync.jooq.internal.feed;

import static org.moodlesync.jooq.schema.Tables.MDL_COHORT;
import static org.moodlesync.jooq.schema.Tables.MDL_COHORT_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE;
import static org.moodlesync.jooq.schema.Tables.MDL_COURSE_CATEGORIES;
import static org.moodlesync.jooq.schema.Tables.MDL_ENROL;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS;
import static org.moodlesync.jooq.schema.Tables.MDL_GROUPS_MEMBERS;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE;
import static org.moodlesync.jooq.schema.Tables.MDL_ROLE_ASSIGNMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_ENROLMENTS;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_FIELD;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record6;
import org.jooq.Record7;
import org.jooq.Record8;
import org.jooq.Record9;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.moodlesync.api.SyncException;
import org.moodlesync.api.feed.CohortMemberScopeQuery;
import org.moodlesync.api.feed.EnrolScopeQuery;
import org.moodlesync.api.feed.FeedOwnership;
import org.moodlesync.api.feed.FeedScope;
import org.moodlesync.api.feed.GroupMemberScopeQuery;
import org.moodlesync.api.feed.ScopedCohortMember;
import org.moodlesync.api.feed.ScopedEnrolment;
import org.moodlesync.api.feed.ScopedGroupMember;
import org.moodlesync.api.feed.ScopedUser;
import org.moodlesync.api.feed.UserScopeQuery;
import org.moodlesync.jooq.database.MoodleDatabase;
import org.moodlesync.jooq.feed.FeedTable;
import org.moodlesync.jooq.internal.site.SiteConfig;

/**
 * Full feeds over jOOQ: the enrolments (or manual group memberships) of a scope in one query per chunk of courses or
 * groups (users, courses, instances or groups, and the feed's ownership records joined in the database), and the
 * records kept in {@link FeedTable}.
 */
public final class JooqFeedOwnership implements FeedOwnership {

    /** Rows per insert batch, and ids per {@code IN} list. */
    private static final int BATCH = 1000;
    private static final int COURSE_CONTEXT = 50;

    private final MoodleDatabase db;
    private final DSLContext dsl;
    private final String prefix;
    private final Clock clock;

    /**
     * Full feeds over this database.
     *
     * @param db    the Moodle database
     * @param clock the clock of ownership records' times
     */
    public JooqFeedOwnership(MoodleDatabase db, Clock clock) {
        this.db = db;
        this.dsl = db.dsl();
        this.prefix = db.tablePrefix().value();
        this.clock = clock;
    }

    @Override
    public boolean ready() {
        return FeedTable.exists(db);
    }

    @Override
    public String setUpHint() {
        return "create the table of the feeds' ownership records first: moodle-sync feed-table --create "
                + "(or FeedTable.create(database))";
    }

    @Override
    public void enrolments(EnrolScopeQuery query, Consumer<ScopedEnrolment> each) {
        Condition scope = scope(query);
        if (scope == null) {
            return;
        }
        Field<String> user = userField(query.userKey());
        Field<String> course = courseField(query.courseKey());
        var owned = FeedTable.table().as("o");
        Field<Long> ownedId = DSL.field(DSL.name("o", FeedTable.ITEM_ID.getName()), Long.class);
        var select = dsl.select(MDL_USER_ENROLMENTS.ID, MDL_USER_ENROLMENTS.USERID, MDL_COURSE.ID, user, course,
                        MDL_USER_ENROLMENTS.STATUS, MDL_USER_ENROLMENTS.TIMESTART, MDL_USER_ENROLMENTS.TIMEEND,
                        ownedId)
                .from(MDL_USER_ENROLMENTS)
                .join(MDL_ENROL).on(MDL_ENROL.ID.eq(MDL_USER_ENROLMENTS.ENROLID))
                .join(MDL_COURSE).on(MDL_COURSE.ID.eq(MDL_ENROL.COURSEID))
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_USER_ENROLMENTS.USERID))
                .leftJoin(owned).on(ownedBy(query.feed(), ENROLMENT, ownedId, MDL_USER_ENROLMENTS.ID))
                .where(MDL_ENROL.ENROL.eq(query.method()))
                .and(MDL_USER.DELETED.eq((short) 0))
                .and(scope);
        try (Cursor<Record9<Long, Long, Long, String, String, Long, Long, Long, Long>> rows =
                     select.fetchSize(BATCH).fetchLazy()) {
            for (var r : rows) {
                each.accept(new ScopedEnrolment(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6() == 0, r.value7(), r.value8(), r.value9() != null));
            }
        }
    }

    /** The ownership record of the feed for this row, in the left-joined feed table {@code o}. */
    private Condition ownedBy(String feed, String kind, Field<Long> ownedId, Field<Long> rowId) {
        return DSL.field(DSL.name("o", FeedTable.PREFIX.getName()), String.class).eq(prefix)
                .and(DSL.field(DSL.name("o", FeedTable.FEED.getName()), String.class).eq(feed))
                .and(DSL.field(DSL.name("o", FeedTable.KIND.getName()), String.class).eq(kind))
                .and(ownedId.eq(rowId));
    }

    /** The courses of the scope, or null when it has none (no course of the chunk, say). */
    private Condition scope(EnrolScopeQuery query) {
        return courseScope(query.scope(), query.courses(), query.courseKey());
    }

    private Condition courseScope(FeedScope scope, List<String> courses, org.moodlesync.api.command.CourseKey key) {
        Condition notFrontPage = MDL_COURSE.CATEGORY.ne(0L);
        if (scope instanceof FeedScope.WholeSite) {
            return notFrontPage;
        }
        if (scope instanceof FeedScope.Category category) {
            return notFrontPage.and(MDL_COURSE.CATEGORY.in(categoryAndBelow(category)));
        }
        if (courses.isEmpty()) {
            return null;
        }
        return notFrontPage.and(switch (key) {
            case SHORTNAME -> MDL_COURSE.SHORTNAME.in(courses);
            case IDNUMBER -> MDL_COURSE.IDNUMBER.in(courses);
            case ID -> MDL_COURSE.ID.in(ids(courses));
        });
    }

    private static List<Long> ids(List<String> values) {
        return values.stream().map(String::trim).filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf).toList();
    }

    @Override
    public void groupMembers(GroupMemberScopeQuery query, Consumer<ScopedGroupMember> each) {
        Condition scope = groupScope(query);
        if (scope == null) {
            return;
        }
        Field<String> group = switch (query.groupKey()) {
            case ID -> MDL_GROUPS.ID.cast(String.class);
            case IDNUMBER -> MDL_GROUPS.IDNUMBER;
            case NAME -> MDL_GROUPS.NAME;
        };
        var owned = FeedTable.table().as("o");
        Field<Long> ownedId = DSL.field(DSL.name("o", FeedTable.ITEM_ID.getName()), Long.class);
        var select = dsl.select(MDL_GROUPS_MEMBERS.ID, MDL_GROUPS_MEMBERS.USERID, MDL_GROUPS.ID, MDL_COURSE.ID,
                        userField(query.userKey()), courseField(query.courseKey()), group, ownedId)
                .from(MDL_GROUPS_MEMBERS)
                .join(MDL_GROUPS).on(MDL_GROUPS.ID.eq(MDL_GROUPS_MEMBERS.GROUPID))
                .join(MDL_COURSE).on(MDL_COURSE.ID.eq(MDL_GROUPS.COURSEID))
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_GROUPS_MEMBERS.USERID))
                .leftJoin(owned).on(ownedBy(query.feed(), GROUP_MEMBER, ownedId, MDL_GROUPS_MEMBERS.ID))
                .where(MDL_GROUPS_MEMBERS.COMPONENT.eq(""))
                .and(MDL_USER.DELETED.eq((short) 0))
                .and(scope);
        try (Cursor<Record8<Long, Long, Long, Long, String, String, String, Long>> rows =
                     select.fetchSize(BATCH).fetchLazy()) {
            for (var r : rows) {
                each.accept(new ScopedGroupMember(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8() != null));
            }
        }
    }

    @Override
    public void cohortMembers(CohortMemberScopeQuery query, Consumer<ScopedCohortMember> each) {
        Field<String> cohort = switch (query.cohortKey()) {
            case ID -> MDL_COHORT.ID.cast(String.class);
            case IDNUMBER -> MDL_COHORT.IDNUMBER;
            case NAME -> MDL_COHORT.NAME;
        };
        Condition scope;
        if (query.scope() instanceof FeedScope.WholeSite) {
            scope = DSL.trueCondition();
        } else if (query.cohorts().isEmpty()) {
            return;
        } else {
            scope = switch (query.cohortKey()) {
                case ID -> MDL_COHORT.ID.in(ids(query.cohorts()));
                case IDNUMBER -> MDL_COHORT.IDNUMBER.in(query.cohorts());
                case NAME -> MDL_COHORT.NAME.in(query.cohorts());
            };
        }
        var owned = FeedTable.table().as("o");
        Field<Long> ownedId = DSL.field(DSL.name("o", FeedTable.ITEM_ID.getName()), Long.class);
        var select = dsl.select(MDL_COHORT_MEMBERS.ID, MDL_COHORT_MEMBERS.USERID, MDL_COHORT.ID,
                        userField(query.userKey()), cohort, ownedId)
                .from(MDL_COHORT_MEMBERS)
                .join(MDL_COHORT).on(MDL_COHORT.ID.eq(MDL_COHORT_MEMBERS.COHORTID))
                .join(MDL_USER).on(MDL_USER.ID.eq(MDL_COHORT_MEMBERS.USERID))
                .leftJoin(owned).on(ownedBy(query.feed(), COHORT_MEMBER, ownedId, MDL_COHORT_MEMBERS.ID))
                .where(MDL_USER.DELETED.eq((short) 0))
                .and(scope);
        try (Cursor<Record6<Long, Long, Long, String, String, Long>> rows = select.fetchSize(BATCH).fetchLazy()) {
            for (var r : rows) {
                each.accept(new ScopedCohortMember(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6() != null));
            }
        }
    }

    @Override
    public void users(UserScopeQuery query, Consumer<ScopedUser> each) {
        SiteConfig site = SiteConfig.load(dsl);
        Set<Long> never = new HashSet<>(site.siteAdmins());
        never.add(site.guestId());
        Condition where = MDL_USER.DELETED.eq((short) 0).and(MDL_USER.ID.notIn(never));
        Consumer<ScopedUser> inScope = each;
        if (query.scope() instanceof FeedScope.AuthMethod auth) {
            where = where.and(MDL_USER.AUTH.eq(auth.auth()));
        } else if (query.scope() instanceof FeedScope.ProfileField field) {
            Set<Long> withValue = usersWith(field);
            inScope = row -> {
                if (withValue.contains(row.id())) {
                    each.accept(row);
                }
            };
        }
        var owned = FeedTable.table().as("o");
        Field<Long> ownedId = DSL.field(DSL.name("o", FeedTable.ITEM_ID.getName()), Long.class);
        readUsers(dsl.select(MDL_USER.ID, MDL_USER.USERNAME, userField(query.userKey()), MDL_USER.FIRSTNAME,
                        MDL_USER.LASTNAME, MDL_USER.SUSPENDED, ownedId)
                .from(MDL_USER)
                .leftJoin(owned).on(ownedBy(query.feed(), USER, ownedId, MDL_USER.ID))
                .where(where), inScope);
    }

    /**
     * The users whose profile field holds the value, compared here rather than in SQL: {@code user_info_data.data}
     * is a text, a LOB that some databases do not compare.
     */
    private Set<Long> usersWith(FeedScope.ProfileField field) {
        Long fieldId = dsl.select(MDL_USER_INFO_FIELD.ID).from(MDL_USER_INFO_FIELD)
                .where(MDL_USER_INFO_FIELD.SHORTNAME.eq(field.shortname())).fetchOne(MDL_USER_INFO_FIELD.ID);
        if (fieldId == null) {
            throw new SyncException("no custom profile field has shortname " + field.shortname()
                    + ": the full feed's scope " + field.describe() + " is unknown");
        }
        Set<Long> users = new HashSet<>();
        try (var rows = dsl.select(MDL_USER_INFO_DATA.USERID, MDL_USER_INFO_DATA.DATA).from(MDL_USER_INFO_DATA)
                .where(MDL_USER_INFO_DATA.FIELDID.eq(fieldId)).fetchSize(BATCH).fetchLazy()) {
            for (var r : rows) {
                if (r.value2() != null && r.value2().trim().equals(field.value())) {
                    users.add(r.value1());
                }
            }
        }
        return users;
    }

    private static void readUsers(org.jooq.ResultQuery<Record7<Long, String, String, String, String, Short, Long>> q,
                                  Consumer<ScopedUser> each) {
        try (Cursor<Record7<Long, String, String, String, String, Short, Long>> rows = q.fetchSize(BATCH)
                .fetchLazy()) {
            for (var r : rows) {
                each.accept(new ScopedUser(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6() != null && r.value6() != 0, r.value7() != null));
            }
        }
    }

    /** The groups of the scope, or null when it has none. */
    private Condition groupScope(GroupMemberScopeQuery query) {
        if (!(query.scope() instanceof FeedScope.GroupsInFile)) {
            return courseScope(query.scope(), query.courses(), query.courseKey());
        }
        if (query.groups().isEmpty()) {
            return null;
        }
        Condition groups = switch (query.groupKey()) {
            case ID -> MDL_GROUPS.ID.in(ids(query.groups()));
            case IDNUMBER -> MDL_GROUPS.IDNUMBER.in(query.groups());
            case NAME -> MDL_GROUPS.NAME.in(query.groups());
        };
        if (query.groupKey() == org.moodlesync.api.command.group.GroupKey.ID) {
            return groups;
        }
        Condition courses = courseScope(FeedScope.coursesInFile(), query.courses(), query.courseKey());
        return courses == null ? null : courses.and(groups);
    }

    /** The ids of a category and its subcategories, at any depth. */
    private List<Long> categoryAndBelow(FeedScope.Category category) {
        var found = dsl.select(MDL_COURSE_CATEGORIES.ID, MDL_COURSE_CATEGORIES.PATH).from(MDL_COURSE_CATEGORIES)
                .where(category.idnumber() != null ? MDL_COURSE_CATEGORIES.IDNUMBER.eq(category.idnumber())
                        : MDL_COURSE_CATEGORIES.ID.eq(category.id()))
                .fetch();
        if (found.size() != 1) {
            throw new SyncException((found.isEmpty() ? "no course category has " : found.size()
                    + " course categories have ") + (category.idnumber() != null ? "idnumber " + category.idnumber()
                    : "id " + category.id()) + ": the full feed's scope " + category.describe() + " is unknown");
        }
        String path = found.get(0).value2();
        List<Long> ids = new ArrayList<>();
        ids.add(found.get(0).value1());
        ids.addAll(dsl.select(MDL_COURSE_CATEGORIES.ID).from(MDL_COURSE_CATEGORIES)
                .where(MDL_COURSE_CATEGORIES.PATH.like(escaped(path) + "/%", '!')).fetch(MDL_COURSE_CATEGORIES.ID));
        return ids;
    }

    private static String escaped(String path) {
        return path.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Field<String> userField(org.moodlesync.api.command.UserKey key) {
        return switch (key) {
            case USERNAME -> MDL_USER.USERNAME;
            case IDNUMBER -> MDL_USER.IDNUMBER;
            case EMAIL -> MDL_USER.EMAIL;
            case ID -> MDL_USER.ID.cast(String.class);
        };
    }

    private static Field<String> courseField(org.moodlesync.api.command.CourseKey key) {
        return switch (key) {
            case SHORTNAME -> MDL_COURSE.SHORTNAME;
            case IDNUMBER -> MDL_COURSE.IDNUMBER;
            case ID -> MDL_COURSE.ID.cast(String.class);
        };
    }

    @Override
    public Map<Long, List<String>> roles(List<ScopedEnrolment> enrolments) {
        Map<Long, List<String>> roles = new HashMap<>();
        for (int from = 0; from < enrolments.size(); from += BATCH) {
            List<ScopedEnrolment> chunk = enrolments.subList(from, Math.min(enrolments.size(), from + BATCH));
            Map<String, Long> byPair = new HashMap<>();
            Set<Long> users = new HashSet<>();
            Set<Long> courses = new HashSet<>();
            for (ScopedEnrolment e : chunk) {
                byPair.put(e.userId() + "/" + e.courseId(), e.id());
                users.add(e.userId());
                courses.add(e.courseId());
            }
            dsl.select(MDL_ROLE_ASSIGNMENTS.USERID, MDL_CONTEXT.INSTANCEID, MDL_ROLE.SHORTNAME)
                    .from(MDL_ROLE_ASSIGNMENTS)
                    .join(MDL_CONTEXT).on(MDL_CONTEXT.ID.eq(MDL_ROLE_ASSIGNMENTS.CONTEXTID))
                    .join(MDL_ROLE).on(MDL_ROLE.ID.eq(MDL_ROLE_ASSIGNMENTS.ROLEID))
                    .where(MDL_CONTEXT.CONTEXTLEVEL.eq((long) COURSE_CONTEXT))
                    .and(MDL_CONTEXT.INSTANCEID.in(courses))
                    .and(MDL_ROLE_ASSIGNMENTS.USERID.in(users))
                    .and(MDL_ROLE_ASSIGNMENTS.COMPONENT.eq(""))
                    .orderBy(MDL_ROLE.SORTORDER)
                    .forEach(r -> {
                        Long id = byPair.get(r.value1() + "/" + r.value2());
                        if (id != null) {
                            roles.computeIfAbsent(id, k -> new ArrayList<>()).add(r.value3());
                        }
                    });
        }
        return roles;
    }

    @Override
    public void claim(String feed, String kind, long[] ids) {
        long now = clock.instant().getEpochSecond();
        for (int from = 0; from < ids.length; from += BATCH) {
            var insert = dsl.insertInto(FeedTable.table(), FeedTable.PREFIX, FeedTable.FEED, FeedTable.KIND,
                    FeedTable.ITEM_ID, FeedTable.TIME_CREATED);
            for (int i = from; i < Math.min(ids.length, from + BATCH); i++) {
                insert = insert.values(prefix, feed, kind, ids[i], now);
            }
            insert.execute();
        }
    }

    @Override
    public long forgetGone(String feed, String kind) {
        Condition exists = idOf(kind).eq(DSL.field(DSL.name(FeedTable.TABLE, FeedTable.ITEM_ID.getName()),
                Long.class));
        if (USER.equals(kind)) {
            exists = exists.and(MDL_USER.DELETED.eq((short) 0)); // a deleted user's row stays, marked
        }
        return dsl.deleteFrom(FeedTable.table())
                .where(FeedTable.PREFIX.eq(prefix))
                .and(FeedTable.FEED.eq(feed))
                .and(FeedTable.KIND.eq(kind))
                // qualified: groups_members has an itemid column of its own
                .andNotExists(DSL.selectOne().from(rowsOf(kind)).where(exists))
                .execute();
    }

    private static Table<?> rowsOf(String kind) {
        return switch (kind) {
            case ENROLMENT -> MDL_USER_ENROLMENTS;
            case GROUP_MEMBER -> MDL_GROUPS_MEMBERS;
            case COHORT_MEMBER -> MDL_COHORT_MEMBERS;
            case USER -> MDL_USER;
            default -> throw new IllegalArgumentException("no owned rows of kind " + kind);
        };
    }

    private static TableField<?, Long> idOf(String kind) {
        return switch (kind) {
            case ENROLMENT -> MDL_USER_ENROLMENTS.ID;
            case GROUP_MEMBER -> MDL_GROUPS_MEMBERS.ID;
            case COHORT_MEMBER -> MDL_COHORT_MEMBERS.ID;
            case USER -> MDL_USER.ID;
            default -> throw new IllegalArgumentException("no owned rows of kind " + kind);
        };
    }
}
