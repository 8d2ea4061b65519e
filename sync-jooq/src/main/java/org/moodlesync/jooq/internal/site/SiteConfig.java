package org.moodlesync.jooq.internal.site;

import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_CONTEXT;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.moodlesync.api.RunFailure;
import org.moodlesync.api.SyncException;

/**
 * The settings of the target Moodle that writers read, taken from its own {@code config} table (so a writer works
 * on a real Moodle database, not only on the embedded one), and the system context.
 *
 * @param values          every {@code config} row
 * @param systemContextId id of the system context
 * @param systemPath      path of the system context ({@code /1})
 */
public record SiteConfig(Map<String, String> values, long systemContextId, String systemPath) {

    /** Moodle 4.5 LTS: {@code config.version} from 2024100700 on. */
    public static final double MIN_VERSION = 2024100700.00;

    /** Reads the settings of a Moodle database. */
    public static SiteConfig load(DSLContext dsl) {
        Map<String, String> values = new HashMap<>();
        dsl.select(MDL_CONFIG.NAME, MDL_CONFIG.VALUE).from(MDL_CONFIG)
                .forEach(r -> values.put(r.value1(), r.value2()));
        var system = dsl.select(MDL_CONTEXT.ID, MDL_CONTEXT.PATH).from(MDL_CONTEXT)
                .where(MDL_CONTEXT.CONTEXTLEVEL.eq(ContextLevel.SYSTEM.valueIn(MDL_CONTEXT.CONTEXTLEVEL)))
                .fetchOne();
        if (system == null) {
            throw new SyncException(RunFailure.Kind.NOT_A_MOODLE_SITE,
                    "not a Moodle database: no system context (contextlevel 10) in "
                    + MDL_CONTEXT.getName());
        }
        if (!values.containsKey("mnet_localhost_id")) {
            throw new SyncException(RunFailure.Kind.NOT_A_MOODLE_SITE,
                    "not a Moodle database: config has no mnet_localhost_id");
        }
        long id = system.value1();
        String path = system.value2() == null ? "/" + id : system.value2();
        return new SiteConfig(Map.copyOf(values), id, path);
    }

    /** A setting, or the default when absent or empty. */
    public String get(String name, String defaultValue) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? defaultValue : v;
    }

    /** A numeric setting. */
    public long getLong(String name, long defaultValue) {
        String v = values.get(name);
        try {
            return v == null || v.isBlank() ? defaultValue : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** {@code mnet_localhost_id}: the mnethostid of the site's own users. */
    public long localMnetHostId() {
        return getLong("mnet_localhost_id", 1);
    }

    /** Ids of the site administrators ({@code siteadmins}). */
    public Set<Long> siteAdmins() {
        String v = get("siteadmins", "");
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Id of the guest user ({@code siteguest}). */
    public long guestId() {
        return getLong("siteguest", 1);
    }

    /** Session timeout in seconds, the life of cache flags. */
    public long sessionTimeout() {
        return getLong("sessiontimeout", 28800);
    }

    /** Whether several accounts may share an e-mail address. */
    public boolean allowAccountsSameEmail() {
        return getLong("allowaccountssameemail", 0) == 1;
    }

    /** Whether usernames may hold any characters ({@code extendedusernamechars}). */
    public boolean extendedUsernameChars() {
        return getLong("extendedusernamechars", 0) == 1;
    }

    /** A user default preference ({@code defaultpreference_<name>}). */
    public int defaultPreference(String name, int fallback) {
        return (int) getLong("defaultpreference_" + name, fallback);
    }

    /**
     * The site's time zone ({@code config.timezone}; the server's, here the JVM's, when it is 99 or unknown): the zone
     * Moodle reads dates typed without one in.
     */
    public ZoneId timeZone() {
        String tz = get("timezone", "99");
        if (tz.equals("99")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    /** The version number of the site ({@code config.version}), 0 when unknown. */
    public double version() {
        try {
            return Double.parseDouble(get("version", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
