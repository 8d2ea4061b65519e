package org.moodlesync.jooq.internal.site;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.moodlesync.jooq.database.TablePrefix;
import org.moodlesync.jooq.internal.support.LineRejected;
import org.moodlesync.jooq.version.MoodleBranch;

/**
 * Which of the columns of the mirrored 4.5 tables a site has, by its Moodle branch ({@link SchemaDrift}): a writer
 * asks before it writes a column that some supported branches lack (Moodle 4.1 has no {@code groups.visibility},
 * 4.1–4.3 no {@code course_sections.component}, 5.2+ no {@code user.moodlenetprofile}), and reads whole rows either
 * with {@code select *} into the record or with {@link #fields}.
 */
public final class SiteSchema {

    private final MoodleBranch branch;
    /** {@code table.column} of the 4.5 columns this branch lacks. */
    private final Set<String> absent;

    private SiteSchema(MoodleBranch branch) {
        this.branch = branch;
        boolean older = branch.compareTo(MoodleBranch.MOODLE_4_5) < 0;
        this.absent = SchemaDrift.columnChanges(branch).stream().filter(c -> older || c.drops())
                .map(c -> c.table() + "." + c.column()).collect(Collectors.toUnmodifiableSet());
    }

    /** {@return the schema of a branch} */
    public static SiteSchema of(MoodleBranch branch) {
        return new SiteSchema(branch);
    }

    /** {@return the schema of the site whose {@code config} rows these are (its nearest known branch)} */
    public static SiteSchema of(SiteConfig site) {
        String version = site.values().get("version");
        double v;
        try {
            v = version == null ? 0 : Double.parseDouble(version.trim());
        } catch (NumberFormatException e) {
            v = 0;
        }
        return of(MoodleBranch.nearest(v));
    }

    /** {@return the branch} */
    public MoodleBranch branch() {
        return branch;
    }

    /** {@return whether the site's table has this column of the generated (4.5) table} */
    public boolean has(Field<?> column) {
        return !absent.contains(key(column));
    }

    /** {@return the generated (4.5) table's columns that the site's table has, in their order} */
    public List<Field<?>> fields(Table<?> table) {
        return Arrays.stream(table.fields()).filter(this::has).toList();
    }

    /**
     * The record with the columns the site lacks no longer marked changed, so that an insert or update of it names
     * only columns the site has (a copied 4.5 row, for example).
     *
     * @param record a record of a mirrored table
     * @return the record
     */
    public <R extends TableRecord<R>> R writable(R record) {
        for (Field<?> f : record.fields()) {
            if (!has(f)) {
                record.changed(f, false);
            }
        }
        return record;
    }

    /**
     * The most characters the site's column holds: the generated (4.5) column's length, or the length a later
     * branch gave it ({@code course.fullname} 1333 from 5.0, {@code course_sections.name} 1333 from 5.1).
     *
     * @param column a text column of a mirrored table
     * @return its length on the site's branch, or {@link Integer#MAX_VALUE} for text without a length
     */
    public int maxLength(Field<String> column) {
        int length = lengthOf(column.getDataType().length());
        for (SchemaDrift.ColumnChange c : SchemaDrift.columnChanges(branch)) {
            if (branch.compareTo(MoodleBranch.MOODLE_4_5) > 0 && !c.drops() && key(column).equals(c.key())) {
                length = lengthOf(c.length());
            }
        }
        return length;
    }

    /**
     * Refuses a value longer than the site's column holds, saying from which branch on it would fit.
     *
     * @param column     the column the value goes to
     * @param value      the value, or null
     * @param lineColumn the line's column that gave it (for the message)
     * @throws LineRejected when the value is too long for the site's branch
     */
    public void requireFits(Field<String> column, String value, String lineColumn) {
        int max = maxLength(column);
        if (value == null || value.length() <= max) {
            return;
        }
        String wider = SchemaDrift.COLUMNS.stream()
                .filter(c -> c.since().compareTo(branch) > 0 && !c.drops() && key(column).equals(c.key())
                        && lengthOf(c.length()) >= value.length())
                .findFirst().map(c -> "; Moodle " + c.since().label() + " and later hold "
                        + (c.length() == 0 ? "any length" : c.length() + " characters")).orElse("");
        throw new LineRejected(lineColumn, value.length() + " characters are more than the site's Moodle "
                + branch.label() + " holds in " + key(column) + " (" + max + ")" + wider);
    }

    private static int lengthOf(int declared) {
        return declared <= 0 ? Integer.MAX_VALUE : declared;
    }

    /**
     * Refuses an auth plugin the site's Moodle no longer has ({@code cas}, {@code mnet}: removed in 5.0).
     *
     * @param auth the plugin a line names
     * @throws LineRejected (column {@code auth}) when the site's branch has no such plugin
     */
    public void requireAuthPlugin(String auth) {
        MoodleBranch removed = SchemaDrift.REMOVED_AUTH_PLUGINS.get(auth);
        if (removed != null && branch.compareTo(removed) >= 0) {
            throw new LineRejected("auth", "the auth plugin '" + auth + "' was removed from Moodle in "
                    + removed.label() + ", and the site runs Moodle " + branch.label()
                    + ": its users cannot log in with it; give another auth plugin (manual, ldap, oauth2, …)");
        }
    }

    private static String key(Field<?> column) {
        Table<?> table = column instanceof org.jooq.TableField<?, ?> tf ? tf.getTable() : null;
        String name = table == null ? "" : table.getName();
        return (name.startsWith(TablePrefix.DEFAULT.value()) ? name.substring(TablePrefix.DEFAULT.value().length())
                : name) + "." + column.getName();
    }

    @Override
    public String toString() {
        return "SiteSchema[Moodle " + branch.label() + ", lacks " + absent + "]";
    }
}
