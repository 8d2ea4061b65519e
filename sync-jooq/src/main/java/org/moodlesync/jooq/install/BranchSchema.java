package org.moodlesync.jooq.install;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jooq.Constraint;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Parser;
import org.jooq.Query;
import org.jooq.SortField;
import org.jooq.TableElement;
import org.jooq.impl.QOM;
import org.moodlesync.jooq.database.TablePrefix;
import org.moodlesync.jooq.internal.site.SchemaDrift;
import org.moodlesync.jooq.version.MoodleBranch;

/**
 * Makes the parsed 4.5 schema into a branch's, as {@link SchemaDrift} says: for an older branch the columns it lacks
 * go (with the keys and indexes on them); for a newer one its upgrade steps' columns are changed, added or dropped,
 * and its unique keys replaced. New columns come last in their table.
 */
final class BranchSchema {

    private final MoodleBranch branch;
    private final Parser parser;
    private final UnaryOperator<String> prefixed;

    /**
     * @param branch   the branch to make
     * @param parser   the parser of the schema's dialect
     * @param prefixed puts the configured prefix in the names of a definition ({@code mdl_…})
     */
    BranchSchema(MoodleBranch branch, Parser parser, UnaryOperator<String> prefixed) {
        this.branch = branch;
        this.parser = parser;
        this.prefixed = prefixed;
    }

    /** {@return the queries of the 4.5 schema made into the branch's} */
    List<Query> apply(List<Query> schema, TablePrefix prefix) {
        if (branch == MoodleBranch.MOODLE_4_5) {
            return schema;
        }
        Set<String> removed = new HashSet<>();
        List<Query> result = new ArrayList<>();
        for (Query query : schema) {
            if (query instanceof QOM.CreateTable create) {
                String table = unprefixed(create.$table().getName(), prefix);
                result.add(create.$tableElements(elements(table, create.$tableElements(), removed, prefix)));
            } else if (query instanceof QOM.CreateIndex index
                    && onAny(index.$on(), unprefixed(index.$table().getName(), prefix), removed)) {
                continue; // an index on a column the branch lacks
            } else {
                result.add(query);
            }
        }
        return result;
    }

    private List<TableElement> elements(String table, List<? extends TableElement> base, Set<String> removed,
                                        TablePrefix prefix) {
        List<TableElement> elements = new ArrayList<>(base);
        boolean older = branch.compareTo(MoodleBranch.MOODLE_4_5) < 0;
        for (SchemaDrift.ColumnChange change : SchemaDrift.columnChanges(branch)) {
            if (!change.table().equals(table)) {
                continue;
            }
            int at = indexOfColumn(elements, change.column());
            if (older || change.drops()) {
                elements.remove(at);
                removed.add(table + "." + change.column());
            } else if (at >= 0) {
                elements.set(at, column(change.definition()));
            } else {
                elements.add(firstConstraint(elements), column(change.definition()));
            }
        }
        elements.removeIf(e -> e instanceof QOM.UniqueKey key && onAny(key.$fields(), table, removed));
        for (SchemaDrift.UniqueKeyChange change : SchemaDrift.uniqueKeyChanges(branch)) {
            if (change.table().equals(table)) {
                String dropped = prefixed.apply(change.dropped());
                elements.removeIf(e -> e instanceof Constraint c && c.getName().equals(dropped));
                elements.add(constraint(change.added()));
            }
        }
        return elements;
    }

    private Field<?> column(String definition) {
        return (Field<?>) parsed("x BIGINT, " + definition).get(1);
    }

    private Constraint constraint(String definition) {
        return (Constraint) parsed("x BIGINT, " + prefixed.apply(definition)).get(1);
    }

    private List<? extends TableElement> parsed(String elements) {
        return ((QOM.CreateTable) parser.parseQuery("CREATE TABLE t (" + elements + ")")).$tableElements();
    }

    private static int indexOfColumn(List<TableElement> elements, String column) {
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof Field<?> f && f.getName().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    private static int firstConstraint(List<TableElement> elements) {
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof Constraint) {
                return i;
            }
        }
        return elements.size();
    }

    private static boolean onAny(List<? extends OrderField<?>> on, String table, Set<String> removed) {
        for (OrderField<?> o : on) {
            Field<?> f = o instanceof SortField<?> s ? s.$field() : o instanceof Field<?> field ? field : null;
            if (f != null && removed.contains(table + "." + f.getName())) {
                return true;
            }
        }
        return false;
    }

    private static String unprefixed(String table, TablePrefix prefix) {
        return table.startsWith(prefix.value()) ? table.substring(prefix.value().length()) : table;
    }
}
