package org.moodlesync.jooq.install;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.moodlesync.jooq.version.MoodleBranch;

/**
 * The {@code config} and {@code config_plugins} rows of a freshly installed Moodle 4.5 that moodle-sync's writers
 * (or a host's tests) read. A real site has several hundred more; these are the ones that matter for users,
 * courses, categories, enrolments, roles and logs. Values are Moodle's defaults.
 */
final class FreshSiteSettings {

    /** {@code config.version} written for 4.5: Moodle 4.5.10, the release checked with a real site. */
    static final String VERSION = "2024100710.00";
    /** {@code config.release} written for 4.5. */
    static final String RELEASE = "4.5.10 (Build: 20260216)";

    /**
     * {@code config.version}, {@code release} and {@code branch} of a branch: 4.5.10 for 4.5, the branch's first
     * release for the others ({@code 2026100500.00}, {@code "5.3 (Build: 20261005)"}, {@code "503"}).
     */
    static String[] versionOf(MoodleBranch branch) {
        if (branch == MoodleBranch.MOODLE_4_5) {
            return new String[] {VERSION, RELEASE, "405"};
        }
        String date = Long.toString(branch.firstVersion() / 100);
        return new String[] {branch.firstVersion() + ".00", branch.label() + " (Build: " + date + ")",
                branch.label().replace(".", "0")};
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private FreshSiteSettings() {
    }

    /** The {@code config} rows of a branch's fresh site, given the ids the install produced. */
    static Map<String, String> config(FreshSite.Ids ids, MoodleBranch branch) {
        Map<String, String> c = new LinkedHashMap<>();
        String[] version = versionOf(branch);
        c.put("version", version[0]);
        c.put("release", version[1]);
        c.put("branch", version[2]);
        c.put("rolesactive", "1");
        c.put("siteidentifier", randomString(32) + "localhost");
        c.put("mnet_localhost_id", "1");
        c.put("siteguest", Long.toString(ids.guest()));
        c.put("siteadmins", Long.toString(ids.admin()));
        c.put("sessiontimeout", "28800");
        c.put("theme", "boost");
        c.put("lang", "en");
        c.put("calendartype", "gregorian");
        c.put("country", "");
        c.put("defaultcity", "");
        c.put("timezone", "Europe/London");
        c.put("forcetimezone", "99");
        // authentication and accounts
        c.put("auth", "email");
        c.put("registerauth", "");
        c.put("allowaccountssameemail", "0");
        c.put("extendedusernamechars", "0");
        c.put("passwordpolicy", "1");
        c.put("minpasswordlength", "8");
        c.put("minpassworddigits", "1");
        c.put("minpasswordlower", "1");
        c.put("minpasswordupper", "1");
        c.put("minpasswordnonalphanum", "1");
        c.put("maxconsecutiveidentchars", "0");
        c.put("passwordreuselimit", "0");
        c.put("passwordchangetokendeletion", "0");
        c.put("defaultpreference_maildisplay", "2");
        c.put("defaultpreference_mailformat", "1");
        c.put("defaultpreference_maildigest", "0");
        c.put("defaultpreference_autosubscribe", "1");
        c.put("defaultpreference_trackforums", "0");
        // roles
        c.put("notloggedinroleid", role(ids, "guest"));
        c.put("guestroleid", role(ids, "guest"));
        c.put("defaultuserroleid", role(ids, "user"));
        c.put("defaultfrontpageroleid", role(ids, "frontpage"));
        c.put("creatornewroleid", role(ids, "editingteacher"));
        c.put("restorernewroleid", role(ids, "editingteacher"));
        c.put("coursecontact", role(ids, "editingteacher"));
        c.put("gradebookroles", role(ids, "student"));
        // courses and enrolments
        c.put("enrol_plugins_enabled", "manual,guest,self,cohort");
        c.put("defaultrequestcategory", Long.toString(ids.category()));
        c.put("enablecompletion", "1");
        c.put("enablecourserelativedates", "0");
        c.put("recovergradesdefault", "0");
        c.put("contextlocking", "0");
        c.put("usetags", "1");
        c.put("enablenotes", "1");
        return c;
    }

    /** The {@code config_plugins} rows: plugin → name → value. */
    static Map<String, Map<String, String>> pluginConfig(FreshSite.Ids ids) {
        String student = role(ids, "student");
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        p.put("moodlecourse", ordered(
                "format", "topics",
                "maxsections", "52",
                "numsections", "4",
                "hiddensections", "1",
                "coursedisplay", "0",
                "newsitems", "5",
                "showgrades", "1",
                "showreports", "0",
                "showactivitydates", "1",
                "enablecompletion", "1",
                "showcompletionconditions", "1",
                "groupmode", "0",
                "groupmodeforce", "0",
                "visible", "1",
                "lang", "",
                "maxbytes", "0",
                "courseenddateenabled", "1",
                "courseduration", "31536000"));
        p.put("enrol_manual", ordered(
                "defaultenrol", "1",
                "status", "0",
                "roleid", student,
                "enrolperiod", "0",
                "expirynotify", "0",
                "expirythreshold", "86400",
                "sendcoursewelcomemessage", "1"));
        p.put("enrol_guest", ordered(
                "defaultenrol", "1",
                "status", "1",
                "requirepassword", "0",
                "usepasswordpolicy", "0",
                "showhint", "0"));
        p.put("enrol_self", ordered(
                "defaultenrol", "1",
                "status", "1",
                "roleid", student,
                "enrolperiod", "0",
                "expirynotify", "0",
                "expirythreshold", "86400",
                "groupkey", "0",
                "longtimenosee", "0",
                "maxenrolled", "0",
                "sendcoursewelcomemessage", "1",
                "newenrols", "1",
                "requirepassword", "0",
                "usepasswordpolicy", "0",
                "showhint", "0"));
        p.put("enrol_cohort", ordered(
                "roleid", student,
                "unenrolaction", "0"));
        p.put("tool_log", ordered(
                "enabled_stores", "logstore_standard"));
        p.put("logstore_standard", ordered(
                "logguests", "1",
                "jsonformat", "1",
                "loglifetime", "0"));
        return p;
    }

    private static String role(FreshSite.Ids ids, String shortname) {
        return Long.toString(ids.roles().get(shortname));
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    static String randomString(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }
}
