package org.moodlesync.jooq.internal.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.moodlesync.api.site.MoodleConfigPhp;
import org.moodlesync.api.site.MoodleSiteFolder;

/**
 * The database settings of a Moodle site read from its {@code config.php}, so that an administrator needs no other
 * setting: {@code $CFG->dbtype}, {@code dbhost}, {@code dbname}, {@code dbuser}, {@code dbpass}, {@code prefix},
 * {@code dataroot}, {@code wwwroot} and the {@code dbport} and {@code dbsocket} of {@code $CFG->dboptions}.
 *
 * <p>The file is never executed: sync-api's {@link MoodleConfigPhp} reads its literal assignments (the reader every
 * part of moodle-sync uses). A value it cannot take literally (a double-quoted string with a {@code $variable}, a
 * computed value) is left out, and the missing setting is reported when it is needed.
 *
 * @param values the settings found ({@code dbtype → pgsql}; dboptions entries as {@code dboptions.dbport})
 */
public record MoodleConfigFile(Map<String, String> values) {

    public MoodleConfigFile {
        values = Map.copyOf(values);
    }

    /**
     * Reads a site's {@code config.php}, given as the file, the folder holding it or a Moodle 5.1+ site's
     * {@code public/} folder (see {@link MoodleSiteFolder#locate(Path)}).
     */
    public static MoodleConfigFile read(Path path) {
        return new MoodleConfigFile(MoodleSiteFolder.locate(path).read().values());
    }

    /** Reads the text of a {@code config.php} (with the one reader of the project, {@link MoodleConfigPhp}). */
    public static MoodleConfigFile parse(String php) {
        return new MoodleConfigFile(MoodleConfigPhp.parse(php).values());
    }

    /** A setting, if the file has it literally. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** {@code $CFG->dbtype}: pgsql, mariadb, mysqli, auroramysql, sqlsrv. */
    public String dbtype() {
        return required("dbtype");
    }

    /** {@code $CFG->dbhost} (default {@code localhost}). */
    public String dbhost() {
        return get("dbhost").filter(h -> !h.isBlank()).orElse("localhost");
    }

    /** {@code $CFG->dboptions['dbport']}, when set and not empty. */
    public Optional<Integer> dbport() {
        return get("dboptions.dbport").filter(p -> !p.isBlank()).map(p -> {
            try {
                return Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config.php: dboptions dbport is not a number: " + p);
            }
        });
    }

    /** {@code $CFG->dbname}. */
    public String dbname() {
        return required("dbname");
    }

    /** {@code $CFG->dbuser}. */
    public String dbuser() {
        return get("dbuser").orElse(null);
    }

    /** {@code $CFG->dbpass} (never shown by {@link #toString()}). */
    public String dbpass() {
        return get("dbpass").orElse(null);
    }

    /** {@code $CFG->prefix} (default {@code mdl_}). */
    public String prefix() {
        return get("prefix").orElse("mdl_");
    }

    /** {@code $CFG->dataroot}, the folder holding tool_sync's drop folder {@code sync/}. */
    public Optional<String> dataroot() {
        return get("dataroot");
    }

    /** {@code $CFG->wwwroot}. */
    public Optional<String> wwwroot() {
        return get("wwwroot");
    }

    /**
     * The JDBC URL of the site's database: PostgreSQL for {@code pgsql}, MariaDB's driver for {@code mariadb},
     * {@code mysqli} and {@code auroramysql}.
     *
     * @throws IllegalArgumentException for another database type or a Unix socket connection
     */
    public String jdbcUrl() {
        String type = dbtype().toLowerCase(Locale.ROOT);
        String host = dbhost();
        if (get("dboptions.dbsocket").filter(s -> !s.isBlank() && !s.equals("0") && !s.equals("false")).isPresent()
                && !host.contains("/")) {
            throw new IllegalArgumentException("config.php connects through a Unix socket (dboptions dbsocket),"
                    + " which JDBC cannot use: give --db-url instead");
        }
        String scheme = switch (type) {
            case "pgsql" -> "postgresql";
            case "mariadb", "mysqli", "auroramysql" -> "mariadb";
            default -> throw new IllegalArgumentException("config.php: database type '" + dbtype()
                    + "' is not supported (moodle-sync works with pgsql, mariadb and mysqli)");
        };
        String port = dbport().map(p -> ":" + p).orElse("");
        return "jdbc:" + scheme + "://" + host + port + "/" + dbname();
    }

    private String required(String name) {
        return get(name).filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "config.php has no literal $CFG->" + name + " = '…'; line"));
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(values);
        shown.computeIfPresent("dbpass", (k, v) -> "********");
        return "MoodleConfigFile" + shown;
    }
}
