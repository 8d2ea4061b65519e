package org.moodlesync.jooq.enrol;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.Row2;
import org.jooq.SQLDialect;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * How a standing query finds the rows of a chunk's user × course pairs, and only those where the engine lets it.
 *
 * <p>On PostgreSQL each pair is probed through the tables' two-column indexes ((enrolid, userid), (userid, contextid,
 * roleid), (userid, groupid)): the pairs are a {@code VALUES} list joined {@code LATERAL} to the query, whose
 * {@code OFFSET 0} keeps the planner from flattening it into a hash join that reads the whole table; the query
 * returns the rows of the named pairs only. Elsewhere (H2, MariaDB: no {@code LATERAL}) the query takes the rows of
 * the chunk's users in the chunk's courses ({@code IN} lists, each engine probes the user index), and the caller keeps
 * those of the named pairs.
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
        return dsl.dialect().family() == SQLDialect.POSTGRES ? new Lateral(pairs) : new InLists(pairs);
    }

    /** Runs the query for the pairs: its rows, ordered by their id. */
    abstract Result<? extends Record> fetch(DSLContext dsl, Query query);

    private static final class InLists extends PairMatch {
        private final Set<Long> users = new HashSet<>();
        private final Set<Long> courses = new HashSet<>();

        InLists(Collection<EnrolState.Pair> pairs) {
            pairs.forEach(p -> {
                users.add(p.userId());
                courses.add(p.courseId());
            });
        }

        @Override
        Result<? extends Record> fetch(DSLContext dsl, Query query) {
            SelectConditionStep<? extends Record> select = query.apply(u -> u.in(users), c -> c.in(courses));
            return dsl.fetch(select.orderBy(select.getSelect().get(0)));
        }
    }

    private static final class Lateral extends PairMatch {
        private final Table<Record2<Long, Long>> named;

        @SuppressWarnings("unchecked")
        Lateral(Collection<EnrolState.Pair> pairs) {
            named = DSL.values(pairs.stream().map(p -> DSL.row(p.userId(), p.courseId())).toArray(Row2[]::new))
                    .as("named", "userid", "courseid");
        }

        @Override
        Result<? extends Record> fetch(DSLContext dsl, Query query) {
            Field<Long> user = named.field("userid", Long.class);
            Field<Long> course = named.field("courseid", Long.class);
            Table<?> standing = query.apply(u -> u.eq(user), c -> c.eq(course)).offset(0).asTable("standing");
            return dsl.select(standing.fields()).from(named).crossJoin(DSL.lateral(standing))
                    .orderBy(standing.field(0)).fetch();
        }
    }
}
