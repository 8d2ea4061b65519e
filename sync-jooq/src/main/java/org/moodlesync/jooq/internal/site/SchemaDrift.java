package org.moodlesync.jooq.internal.site;

import java.util.List;
import org.moodlesync.jooq.version.MoodleBranch;

/**
 * How the tables moodle-sync mirrors differ, branch by branch, from Moodle 4.5's (which {@code moodle-schema.sql}
 * mirrors column for column): the one list both the embedded installer (a schema per branch) and the writers (which
 * columns a site has) read. Each entry names the core upgrade step ({@code lib/db/upgrade.php}, in 5.1+
 * {@code public/lib/db/upgrade.php}) that made the change; docs/moodle-versions.md lists them with their sources.
 *
 * <p>Read as upgrade steps: an entry of 4.5 or earlier added a column the 4.5 table has (older branches lack it); a
 * later entry changes the 4.5 table from that branch on.
 */
public final class SchemaDrift {

    /**
     * A column added, changed or dropped by an upgrade step.
     *
     * @param since      the first branch with the change
     * @param table      the table, without prefix
     * @param column     the column
     * @param definition the column as {@code moodle-schema.sql} writes one ({@code fullname VARCHAR(1333) DEFAULT ''
     *                   NOT NULL}), or null when the step drops it
     * @param step       the upgrade step's version
     */
    public record ColumnChange(MoodleBranch since, String table, String column, String definition, String step) {

        /** {@return {@code table.column}} */
        public String key() {
            return table + "." + column;
        }

        private static final java.util.regex.Pattern VARCHAR = java.util.regex.Pattern.compile("VARCHAR\\((\\d+)\\)");

        /** {@return the VARCHAR length of the new definition, or 0 when it has none (text, numbers, a drop)} */
        public int length() {
            java.util.regex.Matcher m = definition == null ? null : VARCHAR.matcher(definition);
            return m != null && m.find() ? Integer.parseInt(m.group(1)) : 0;
        }

        /** {@return true when the step drops the column} */
        public boolean drops() {
            return definition == null;
        }
    }

    /**
     * A unique key replaced by an upgrade step.
     *
     * @param since    the first branch with the change
     * @param table    the table, without prefix
     * @param dropped  the name of the key dropped ({@code mdl_} prefixed, as in moodle-schema.sql)
     * @param added    the key added, as moodle-schema.sql writes one ({@code CONSTRAINT name UNIQUE (a, b)})
     * @param step     the upgrade step's version
     */
    public record UniqueKeyChange(MoodleBranch since, String table, String dropped, String added, String step) {
    }

    private static final MoodleBranch B42 = MoodleBranch.MOODLE_4_2;
    private static final MoodleBranch B43 = MoodleBranch.MOODLE_4_3;
    private static final MoodleBranch B44 = MoodleBranch.MOODLE_4_4;
    private static final MoodleBranch B50 = MoodleBranch.MOODLE_5_0;
    private static final MoodleBranch B51 = MoodleBranch.MOODLE_5_1;
    private static final MoodleBranch B52 = MoodleBranch.MOODLE_5_2;

    /** Every column change, oldest first. */
    public static final List<ColumnChange> COLUMNS = List.of(
            // columns of the 4.5 tables that older branches lack
            new ColumnChange(B42, "course", "pdfexportfont", "pdfexportfont VARCHAR(50)", "2023021700.01"),
            new ColumnChange(B42, "groups", "visibility", "visibility SMALLINT DEFAULT 0 NOT NULL", "2023031400.01"),
            new ColumnChange(B42, "groups", "participation", "participation SMALLINT DEFAULT 1 NOT NULL",
                    "2023031400.01"),
            new ColumnChange(B43, "external_tokens", "name", "name VARCHAR(255)", "2023062700.01"),
            new ColumnChange(B44, "course_sections", "component", "component VARCHAR(100)", "2023122100.01"),
            new ColumnChange(B44, "course_sections", "itemid", "itemid BIGINT", "2023122100.01"),
            new ColumnChange(B44, "customfield_data", "valuetrust", "valuetrust SMALLINT DEFAULT 0 NOT NULL",
                    "2024012300.00"),
            // changes after 4.5
            new ColumnChange(B50, "user_preferences", "value", "value TEXT NOT NULL", "2024110800.02"),
            new ColumnChange(B50, "course", "fullname", "fullname VARCHAR(1333) DEFAULT '' NOT NULL", "2024111500.00"),
            new ColumnChange(B50, "grade_grades", "deductedmark", "deductedmark DECIMAL(10,5) DEFAULT 0 NOT NULL",
                    "2025031800.03"),
            new ColumnChange(B51, "course_sections", "name", "name VARCHAR(1333)", "2025051600.02"),
            new ColumnChange(B51, "grade_items", "itemname", "itemname VARCHAR(1333)", "2025051600.02"),
            new ColumnChange(B51, "question_categories", "name", "name VARCHAR(1333) DEFAULT '' NOT NULL",
                    "2025082900.01"),
            new ColumnChange(B51, "course", "enableaitools", "enableaitools SMALLINT", "2025090200.01"),
            new ColumnChange(B51, "course_modules", "enableaitools", "enableaitools SMALLINT", "2025090200.01"),
            new ColumnChange(B51, "course_modules", "enabledaiactions", "enabledaiactions TEXT", "2025090200.01"),
            new ColumnChange(B51, "customfield_category", "shared", "shared SMALLINT DEFAULT 0", "2025091600.01"),
            new ColumnChange(B51, "customfield_data", "component", "component VARCHAR(100) DEFAULT '' NOT NULL",
                    "2025091600.01"),
            new ColumnChange(B51, "customfield_data", "area", "area VARCHAR(100) DEFAULT '' NOT NULL",
                    "2025091600.01"),
            new ColumnChange(B51, "customfield_data", "itemid", "itemid BIGINT DEFAULT 0 NOT NULL", "2025091600.01"),
            new ColumnChange(B51, "customfield_category", "name", "name VARCHAR(1333) DEFAULT '' NOT NULL",
                    "2025092200.00"),
            new ColumnChange(B51, "customfield_field", "name", "name VARCHAR(1333) DEFAULT '' NOT NULL",
                    "2025092200.00"),
            new ColumnChange(B52, "course", "showactivitydates", "showactivitydates SMALLINT DEFAULT 1 NOT NULL",
                    "2026010900.01"),
            new ColumnChange(B52, "customfield_data", "decvalue", "decvalue DECIMAL(15,5)", "2026021000.01"),
            new ColumnChange(B52, "user", "moodlenetprofile", null, "2026030600.03"));

    /** Every unique key change, oldest first. */
    public static final List<UniqueKeyChange> UNIQUE_KEYS = List.of(
            new UniqueKeyChange(B51, "customfield_data", "mdl_custdata_insfie_uix",
                    "CONSTRAINT mdl_custdata_insfiecomareite_uix UNIQUE (instanceid, fieldid, component, area, itemid)",
                    "2025091600.01"));

    /** Auth plugins Moodle removed from core, with the first branch without them (upgrade steps uninstall them). */
    public static final java.util.Map<String, MoodleBranch> REMOVED_AUTH_PLUGINS = java.util.Map.of(
            "cas", B50, // 2025030500.00
            "mnet", B50); // 2025030600.05

    private SchemaDrift() {
    }

    /** {@return the column changes that make the 4.5 tables into {@code branch}'s, in the order to apply them} */
    public static List<ColumnChange> columnChanges(MoodleBranch branch) {
        return COLUMNS.stream().filter(c -> applies(c.since(), branch)).toList();
    }

    /** {@return the unique key changes that make the 4.5 tables into {@code branch}'s} */
    public static List<UniqueKeyChange> uniqueKeyChanges(MoodleBranch branch) {
        return UNIQUE_KEYS.stream().filter(c -> applies(c.since(), branch)).toList();
    }

    /**
     * Whether a change of {@code since} stands between 4.5 and {@code branch}: for an older branch, a column added
     * after it (up to 4.5), which it lacks; for a newer one, a change made up to it.
     */
    private static boolean applies(MoodleBranch since, MoodleBranch branch) {
        MoodleBranch base = MoodleBranch.MOODLE_4_5;
        return branch.compareTo(base) < 0 ? since.compareTo(branch) > 0 && since.compareTo(base) <= 0
                : since.compareTo(base) > 0 && since.compareTo(branch) <= 0;
    }
}
