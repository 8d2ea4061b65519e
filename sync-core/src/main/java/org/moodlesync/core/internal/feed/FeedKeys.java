package org.moodlesync.core.internal.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.api.source.RowSource;

/**
 * What a full feed's file lists, read before anything is written: each line's key (its user and course, or course,
 * group and user, …) as written — a line that fails later still counts, so that a bad line never removes what it
 * names —, the scope values it names (the courses, the groups, …), and how many lines could not be told at all.
 * The scope values are the first columns of the key.
 */
public final class FeedKeys {

    private final int scopeColumns;
    private final Set<String> keys = new HashSet<>();
    private final Set<List<String>> scopes = new LinkedHashSet<>();
    private long lines;
    private long unreadable;
    private boolean lastOptional;

    private FeedKeys(int scopeColumns) {
        this.scopeColumns = scopeColumns;
    }

    /**
     * Reads the keys of a file's rows (the header already checked), streaming: one pass, the file is not kept.
     *
     * @param rows         the rows
     * @param columns      the key's columns, the scope's first ({@code cid}, {@code uid} for enrolments)
     * @param scopeColumns how many of the first columns name the scope
     * @return the keys
     */
    public static FeedKeys of(RowSource rows, List<String> columns, int scopeColumns) {
        return of(rows, columns, scopeColumns, false);
    }

    /**
     * Reads the keys of a file's rows, a line whose last key value is empty naming its scope only (a line of the
     * cohorts file that names a cohort and no member) when {@code lastOptional}.
     *
     * @param rows         the rows
     * @param columns      the key's columns, the scope's first
     * @param scopeColumns how many of the first columns name the scope
     * @param lastOptional whether a line may leave the last column empty
     * @return the keys
     */
    public static FeedKeys of(RowSource rows, List<String> columns, int scopeColumns, boolean lastOptional) {
        return of(rows, row -> {
            List<String> values = new ArrayList<>(columns.size());
            columns.forEach(c -> values.add(row.value(c).orElse(null)));
            return values;
        }, scopeColumns, lastOptional);
    }

    /**
     * Reads the keys of a file's rows, each row's key told by a function (a users file line's key is its identifier,
     * or its username where it has none).
     *
     * @param rows         the rows
     * @param key          a row's key values, the scope's first; a null or empty value makes the line unreadable
     * @param scopeColumns how many of the first values name the scope
     * @param lastOptional whether a line may leave the last value empty
     * @return the keys
     */
    public static FeedKeys of(RowSource rows, Function<InputRow, List<String>> key, int scopeColumns,
                              boolean lastOptional) {
        FeedKeys keys = new FeedKeys(scopeColumns);
        keys.lastOptional = lastOptional;
        while (rows.hasNext()) {
            InputRow row;
            try {
                row = rows.next();
            } catch (InputFormatException e) {
                keys.lines++;
                keys.unreadable++;
                continue;
            }
            keys.add(key.apply(row));
        }
        return keys;
    }

    /**
     * The keys of commands built in code.
     *
     * @param commands     the commands
     * @param key          a command's key values, in the order of the file's key columns
     * @param scopeColumns how many of the first values name the scope
     * @param <C>          the command type
     * @return the keys
     */
    public static <C> FeedKeys of(List<C> commands, Function<C, List<String>> key, int scopeColumns) {
        return of(commands, key, scopeColumns, false);
    }

    /**
     * The keys of commands built in code, the last value optional as in {@link #of(RowSource, List, int, boolean)}.
     *
     * @param commands     the commands
     * @param key          a command's key values
     * @param scopeColumns how many of the first values name the scope
     * @param lastOptional whether a command may leave the last value empty
     * @param <C>          the command type
     * @return the keys
     */
    public static <C> FeedKeys of(List<C> commands, Function<C, List<String>> key, int scopeColumns,
                                  boolean lastOptional) {
        FeedKeys keys = new FeedKeys(scopeColumns);
        keys.lastOptional = lastOptional;
        commands.forEach(c -> keys.add(key.apply(c)));
        return keys;
    }

    private void add(List<String> values) {
        lines++;
        List<String> trimmed = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String t = v == null ? "" : v.trim();
            if (t.isEmpty()) {
                if (lastOptional && i == values.size() - 1 && i >= scopeColumns) {
                    scopes.add(List.copyOf(trimmed.subList(0, scopeColumns))); // names its scope, no row
                    return;
                }
                unreadable++;
                return;
            }
            trimmed.add(t);
        }
        keys.add(join(trimmed));
        scopes.add(List.copyOf(trimmed.subList(0, scopeColumns)));
    }

    /**
     * Whether the file lists this key. Compared without case (a database whose collation ignores case finds what the
     * line names either way, so the line must keep it).
     *
     * @param values the key's values, in the order of the key's columns; a null value is never listed
     * @return true when a line names them
     */
    public boolean lists(String... values) {
        List<String> trimmed = new ArrayList<>(values.length);
        for (String v : values) {
            if (v == null) {
                return false;
            }
            trimmed.add(v.trim());
        }
        return keys.contains(join(trimmed));
    }

    private static String join(List<String> values) {
        return String.join("\u0000", values).toLowerCase(Locale.ROOT);
    }

    /** {@return the scope values the file names (the first key columns), as written, in file order, each once} */
    public List<List<String>> scopes() {
        return new ArrayList<>(scopes);
    }

    /** {@return the first scope value of each line (the courses of an enrolment file), in file order, each once} */
    public List<String> firstScopeValues() {
        return scopes.stream().map(s -> s.get(0)).distinct().toList();
    }

    /** {@return the data lines read} */
    public long lines() {
        return lines;
    }

    /** {@return the lines whose key could not be read (unparsable, or a value empty)} */
    public long unreadable() {
        return unreadable;
    }
}
