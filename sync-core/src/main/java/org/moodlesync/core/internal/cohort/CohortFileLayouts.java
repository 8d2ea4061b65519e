package org.moodlesync.core.internal.cohort;

import java.util.ArrayList;
import java.util.List;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.command.cohort.CohortBindingCommand;
import org.moodlesync.api.command.cohort.CohortCommand;
import org.moodlesync.api.command.cohort.CohortSyncOptions;
import org.moodlesync.core.internal.pipeline.FileLayout;
import org.moodlesync.core.internal.read.HeaderRules;

/** The layouts of tool_sync's cohorts file (§8.1) and cohort to course bindings file (§8.2). */
public final class CohortFileLayouts {

    private CohortFileLayouts() {
    }

    /**
     * The cohorts file: the key column of the cohort identifier ({@code cidnumber} by default) is required; the
     * others are optional. tool_sync accepted any column here; moodle-sync refuses unknown ones unless asked.
     */
    public static FileLayout<CohortCommand> cohortsFile(CohortSyncOptions options, boolean allowUnknown) {
        HeaderRules rules = HeaderRules.create()
                .required(options.identifyBy().column())
                .allowed(CohortColumns.COHORT_FILE)
                .allowUnknown(allowUnknown);
        return new FileLayout<>(SyncKind.COHORTS, source -> {
            List<String> notices = new ArrayList<>();
            rules.check(source).forEach(c -> notices.add("column " + c + " is unknown and was ignored"));
            return notices;
        }, new CohortRowMapper(options.identifyBy()),
                property -> CohortColumns.COHORT_COLUMN_OF_FIELD.getOrDefault(property, property));
    }

    /** The bindings file: {@code cohort} and {@code course} required. */
    public static FileLayout<CohortBindingCommand> bindingsFile(boolean allowUnknown) {
        HeaderRules rules = HeaderRules.create()
                .required(CohortColumns.BINDING_REQUIRED)
                .allowed(CohortColumns.BINDING_OPTIONAL)
                .allowUnknown(allowUnknown);
        return new FileLayout<>(SyncKind.COHORT_BINDINGS, source -> {
            List<String> notices = new ArrayList<>();
            rules.check(source).forEach(c -> notices.add("column " + c + " is unknown and was ignored"));
            return notices;
        }, new BindingRowMapper(),
                property -> CohortColumns.BINDING_COLUMN_OF_FIELD.getOrDefault(property, property));
    }
}
