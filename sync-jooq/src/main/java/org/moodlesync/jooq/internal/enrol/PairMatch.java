package org.moodlesync.jooq.internal.enrol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Row2;
import org.jooq.SelectConditionStep;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * How a standing query finds the rows of a chunk's user × course pairs, and only those where the engine lets it.
 *
 * <p>On PostgreSQL each pair is probed through the tables' two-column indexes ((enrolid, userid), (userid, contextid,
 * roleid), (userid, groupid)): the pairs are a {@code VALUES} list joined {@code LATERAL} to the query, whose
 * {@code OFFSET 0} keeps the planner from flattening it into a hash join that reads the whole table; the query
 * returns the rows of the named pairs only. Elsewhere (no {@code LATERAL}) the query takes the rows of the chunk's
 * users in the chunk's courses ({@code IN} lists), and the caller keeps those of the named pairs; on H2 the pairs'
 * {@code VALUES} list joins the query (H2 then starts from it and probes the indexes: a plain {@code IN} list made a
 * rerun of 50,000 enrolments run at about 420 lines/s). On MariaDB the query
 * is a {@code STRAIGHT_JOIN} from its user-side table, for at most {@value #USERS_PER_QUERY} users at a time: left to
 * itself, MariaDB read every enrolment of the chunk's courses (it turns an {@code IN} list of 1,000 values or more into
 * a subquery and drives the join from the courses), which made a rerun of 200,000 enrolments run at 2,300 lines/s.
 *
 * <p>The queries start from their user-side table (the order {@code STRAIGHT_JOIN} keeps).
 */
abstract class PairMatch {

    /**
     * Builds a query whose first column is the row id, given how to match the user column and the course column.
     */
    interface Query extends BiFunction<Function<Field<Long>, Condition>, Function<Field<Long>, Condition>,
            SelectConditionStep<? extends Record>> {
    }

    /** The matching for these pairs on the engine of {@code dsl}. */
    static PairMatch of(DSLContext dsl, Collection<EnrolState.Pair> pairs) {
        return switch (dsl.dialect().family()) {
            case POSTGRES -> new Lateral(pairs);
            case MARIADB, MYSQL -> new InLists(pairs, true);
            case H2 -> new Joined(pairs);
            default -> new InLists(pairs, false);
        };
    }

    /** Users per query on MariaDB: below its threshold for turning an {@code IN} list into a subquery (1,000). */
    static final int USERS_PER_QUERY = 500;

    /** Runs the query for the pairs: its rows, ordered by their id. */
    abstract List<? extends Record> fetch(DSLContext dsl, Query query);

    private static final class InLists extends PairMatch {
        private final List<Long> users;
        private final Set<Long> courses = new HashSet<>();
        private final boolean straight;

        InLists(Collection<EnrolState.Pair> pairs, boolean straight) {
            Set<Long> distinct = new LinkedHashSet<>();
            pairs.forEach(p -> {
                distinct.add(p.userId());
                courses.add(p.courseId());
            });
            this.users = List.copyOf(distinct);
            this.straight = straight;
        }

        @Override
        List<? extends Record> fetch(DSLContext dsl, Query query) {
            if (!straight) {
                SelectConditionStep<? extends Record> select = query.apply(u -> u.in(users), c -> c.in(courses));
                return dsl.fetch(select.orderBy(select.getSelect().get(0)));
            }
            List<Record> rows = new ArrayList<>();
            for (int i = 0; i < users.size(); i += USERS_PER_QUERY) {
                List<Long> slice = users.subList(i, Math.min(users.size(), i + USERS_PER_QUERY));
                SelectQuery<? extends Record> select = query.apply(u -> u.in(slice), c -> c.in(courses)).getQuery();
                select.addHint("STRAIGHT_JOIN");
                rows.addAll(dsl.fetch(select));
            }
            rows.sort(Comparator.comparing(r -> r.get(0, Long.class)));
            return rows;
        }
    }

    /** The pairs as a {@code VALUES} list in the query's {@code FROM}: H2 starts from it and probes the indexes. */
    private static final class Joined extends PairMatch {
        private final Table<Record2<Long, Long>> named;

        Joined(Collection<EnrolState.Pair> pairs) {
            named = Lateral.named(pairs);
        }

        @Override
        List<? extends Record> fetch(DSLContext dsl, Query query) {
            Field<Long> user = named.field("userid", Long.class);
            Field<Long> course = named.field("courseid", Long.class);
            SelectQuery<? extends Record> select = query.apply(u -> u.eq(user), c -> c.eq(course)).getQuery();
            select.addFrom(named);
            select.addOrderBy(select.getSelect().get(0));
            return dsl.fetch(select);
        }
    }

    private static final class Lateral extends PairMatch {
        private final Table<?> named;

        /** The pairs as two bound arrays, {@code unnest}ed: planned far faster than a {@code VALUES} list. */
        Lateral(Collection<EnrolState.Pair> pairs) {
            named = DSL.table("unnest({0}, {1})",
                            DSL.val(pairs.stream().map(EnrolState.Pair::userId).toArray(Long[]::new),
                                    SQLDataType.BIGINT.getArrayDataType()),
                            DSL.val(pairs.stream().map(EnrolState.Pair::courseId).toArray(Long[]::new),
                                    SQLDataType.BIGINT.getArrayDataType()))
                    .as("named", "userid", "courseid");
        }

        @SuppressWarnings("unchecked")
        static Table<Record2<Long, Long>> named(Collection<EnrolState.Pair> pairs) {
            return DSL.values(pairs.stream().map(p -> DSL.row(p.userId(), p.courseId())).toArray(Row2[]::new))
                    .as("named", "userid", "courseid");
        }

        @Override
        List<? extends Record> fetch(DSLContext dsl, Query query) {
            Field<Long> user = DSL.field(DSL.name("named", "userid"), Long.class);
            Field<Long> course = DSL.field(DSL.name("named", "courseid"), Long.class);
            Table<?> standing = query.apply(u -> u.eq(user), c -> c.eq(course)).offset(0).asTable("standing");
            return dsl.select(standing.fields()).from(named).crossJoin(DSL.lateral(standing))
                    .orderBy(standing.field(0)).fetch();
        }
    }
}
