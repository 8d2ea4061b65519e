package org.moodlesync.core.internal.cohort;

import java.util.List;
import java.util.Map;

/** The columns of tool_sync's cohorts file (§8.1) and cohort bindings file (§8.2). */
final class CohortColumns {

    static final String CMD = "cmd";
    static final String USERID = "userid";
    static final String CID = "cid";
    static final String CIDNUMBER = "cidnumber";
    static final String CNAME = "cname";
    static final String CDESCRIPTION = "cdescription";
    static final String CCATCONTEXT = "ccatcontext";
    static final String CCATCONTEXTIDNUMBER = "ccatcontextidnumber";
    static final String CCATPATH = "ccatpath";
    static final String COMPONENT = "component";

    /** Every column a cohorts file may have. */
    static final List<String> COHORT_FILE = List.of(CMD, USERID, CID, CIDNUMBER, CNAME, CDESCRIPTION, CCATCONTEXT,
            CCATCONTEXTIDNUMBER, CCATPATH, COMPONENT);

    /** Command property → cohorts file column. */
    static final Map<String, String> COHORT_COLUMN_OF_FIELD = Map.of(
            "id", CID,
            "idnumber", CIDNUMBER,
            "name", CNAME,
            "description", CDESCRIPTION,
            "context", CCATCONTEXT,
            "member", USERID);

    static final String COURSE = "course";
    static final String COHORT = "cohort";
    static final String ROLE = "role";
    static final String ENROL = "enrol";
    static final String ENROLSTART = "enrolstart";
    static final String ENROLEND = "enrolend";
    static final String GROUP = "group";
    static final String MAKEGROUP = "makegroup";

    /** Required in a bindings file. */
    static final List<String> BINDING_REQUIRED = List.of(COHORT, COURSE);
    /** Optional in a bindings file. */
    static final List<String> BINDING_OPTIONAL = List.of(CMD, ROLE, ENROL, ENROLSTART, ENROLEND, GROUP, MAKEGROUP);

    /** Command property → bindings file column. */
    static final Map<String, String> BINDING_COLUMN_OF_FIELD = Map.of(
            "enrolStart", ENROLSTART,
            "enrolEnd", ENROLEND,
            "makeGroup", MAKEGROUP);

    private CohortColumns() {
    }
}
