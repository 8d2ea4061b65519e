package org.moodlesync.jooq.database;

import java.util.regex.Pattern;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;

/**
 * The table prefix of a Moodle database ({@code $CFG->prefix} in Moodle's {@code config.php}; {@code mdl_} on
 * nearly every site). moodle-sync's generated table classes are named with {@code mdl_}; {@link #renderMapping()}
 * renames them to this prefix when SQL is rendered.
 *
 * <p>A prefix is 1 to 10 characters: a lower-case ASCII letter, then lower-case letters, digits or {@code _}
 * (Moodle refuses an empty prefix).
 *
 * @param value the prefix, e.g. {@code mdl_}
 */
public record TablePrefix(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,9}");

    /** Moodle's default prefix, the one the generated classes carry: {@code mdl_}. */
    public static final TablePrefix DEFAULT = new TablePrefix("mdl_");

    private static final Pattern GENERATED_NAME = Pattern.compile(DEFAULT.value + "(.*)");

    /**
     * Checks the prefix.
     *
     * @throws IllegalArgumentException when the prefix is not 1 to 10 of {@code [a-z0-9_]} starting with a letter
     */
    public TablePrefix {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid Moodle table prefix '" + value
                    + "': expected 1 to 10 characters of [a-z0-9_], starting with a letter, e.g. 'mdl_'");
        }
    }

    /** The prefix for a string, validated. */
    public static TablePrefix of(String value) {
        return new TablePrefix(value);
    }

    /** The full name of a Moodle table: {@code tableName("user")} is {@code mdl_user} for the default prefix. */
    public String tableName(String moodleTable) {
        return value + moodleTable;
    }

    /** Whether this is Moodle's default {@code mdl_}, for which no renaming is needed. */
    public boolean isDefault() {
        return DEFAULT.value.equals(value);
    }

    /**
     * The jOOQ render mapping that renames the generated {@code mdl_*} tables to this prefix (no mapping for
     * {@code mdl_} itself). Only table names are mapped: SQL that names a key or index must apply the prefix itself.
     */
    public RenderMapping renderMapping() {
        RenderMapping mapping = new RenderMapping();
        if (!isDefault()) {
            mapping.withSchemata(new MappedSchema()
                    .withInput("")
                    .withTables(new MappedTable()
                            .withInputExpression(GENERATED_NAME)
                            .withOutput(value + "$1")));
        }
        return mapping;
    }

    @Override
    public String toString() {
        return value;
    }
}
