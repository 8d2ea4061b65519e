package org.moodlesync.jooq.internal.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Values of an identifying column as a query binds them: ids as numbers — a value that is not a number matches
 * nothing and is left out (the line that gave it says so when it finds nothing) —, other keys as they are.
 */
public final class KeyValues {

    private KeyValues() {
    }

    /** The values bound as ids (numbers) when {@code numeric}, else as they are. */
    public static List<Object> bound(Collection<String> values, boolean numeric) {
        return numeric ? new ArrayList<>(ids(values)) : new ArrayList<>(values);
    }

    /** The values that are numbers, as ids; the others are left out. */
    public static List<Long> ids(Collection<String> values) {
        List<Long> ids = new ArrayList<>(values.size());
        for (String v : values) {
            try {
                ids.add(Long.parseLong(v));
            } catch (NumberFormatException e) {
                // not an id: matches nothing
            }
        }
        return ids;
    }
}
