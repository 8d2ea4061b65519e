package org.moodlesync.core.internal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.api.result.LineError;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.source.InputRow;

/**
 * The secrets of a line — the values of its columns whose name holds {@code password} ({@code password},
 * {@code passwordhash}, …) — and their masking in the line's result. A value lands in the wrong column when a line
 * lacks a separator (its values shift left), and error reasons, entities and changes quote values to help the admin:
 * a password that shifted into, say, {@code mailformat} would be quoted in "not a whole number: …". So every text of
 * a line's result that reaches reports, logs and listeners has the line's secrets replaced by
 * {@link FieldChange#SECRET}. The raw line (for the tryback file) is kept as it is.
 */
public final class Secrets {

    /** Values shorter than this are not searched for (they would mask ordinary words). */
    static final int MIN_LENGTH = 3;

    private Secrets() {
    }

    /** The secret values of a row (empty when none). */
    public static List<String> of(InputRow row) {
        List<String> secrets = new ArrayList<>(1);
        List<String> header = row.header();
        for (int i = 0; i < header.size() && i < row.values().size(); i++) {
            String value = row.values().get(i);
            if (header.get(i).toLowerCase(Locale.ROOT).contains("password") && value != null
                    && value.length() >= MIN_LENGTH) {
                secrets.add(value);
            }
        }
        return secrets;
    }

    /** The result with every secret masked in its entity, changes, messages and error reason. */
    public static LineResult mask(LineResult result, List<String> secrets) {
        if (secrets.isEmpty()) {
            return result;
        }
        List<FieldChange> changes = new ArrayList<>(result.changes().size());
        for (FieldChange c : result.changes()) {
            changes.add(new FieldChange(c.field(), mask(c.oldValue(), secrets), mask(c.newValue(), secrets)));
        }
        List<String> messages = result.messages().stream().map(m -> mask(m, secrets)).toList();
        LineError e = result.error();
        LineError error = e == null ? null
                : new LineError(e.source(), e.line(), e.column(), e.field(), mask(e.reason(), secrets));
        return new LineResult(result.ref(), mask(result.entity(), secrets), result.outcome(), result.dryRun(),
                changes, messages, error);
    }

    static String mask(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, FieldChange.SECRET);
        }
        return masked;
    }
}
