package org.moodlesync.jooq.internal.user;

import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_DATA;
import static org.moodlesync.jooq.schema.Tables.MDL_USER_INFO_FIELD;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.moodlesync.api.result.FieldChange;
import org.moodlesync.jooq.internal.support.LineRejected;

/**
 * Custom profile fields ({@code user_info_field}) and their values ({@code user_info_data}), stored as Moodle's
 * profile field classes store them: text cut to its maximum length, menu values among the options, checkbox
 * {@code 0}/{@code 1}, datetime as Unix time, textarea with format 1.
 */
final class ProfileFields {

    private final Map<String, Definition> byShortname;

    private ProfileFields(Map<String, Definition> byShortname) {
        this.byShortname = byShortname;
    }

    /** The field definitions of the site. */
    static ProfileFields load(DSLContext dsl) {
        Map<String, Definition> map = new HashMap<>();
        dsl.selectFrom(MDL_USER_INFO_FIELD).fetch().forEach(f -> map.put(f.getShortname(),
                new Definition(f.getId(), f.getShortname(), f.getDatatype(), f.getParam1(), f.getParam2(),
                        f.getParam3())));
        return new ProfileFields(map);
    }

    /**
     * A field's definition.
     *
     * @param id        user_info_field.id
     * @param shortname the shortname ({@code profile_field_<shortname>})
     * @param datatype  text, textarea, menu, checkbox, datetime, social
     * @param param1    menu options / datetime start year
     * @param param2    text maximum length / datetime end year
     * @param param3    datetime: 1 when the time is kept
     */
    record Definition(long id, String shortname, String datatype, String param1, String param2, String param3) {
    }

    /** The stored values of users for every field, by user id then field id. */
    static Map<Long, Map<Long, String>> storedValues(DSLContext dsl, Collection<Long> userIds) {
        Map<Long, Map<Long, String>> values = new HashMap<>();
        if (userIds.isEmpty()) {
            return values;
        }
        dsl.select(MDL_USER_INFO_DATA.USERID, MDL_USER_INFO_DATA.FIELDID, MDL_USER_INFO_DATA.DATA)
                .from(MDL_USER_INFO_DATA)
                .where(MDL_USER_INFO_DATA.USERID.in(userIds))
                .forEach(r -> values.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        return values;
    }

    /** The value Moodle would store for a field, or a rejection naming the column. */
    String normalise(String shortname, String value) {
        Definition def = definition(shortname);
        String column = "profile_field_" + shortname;
        String type = def.datatype() == null ? "text" : def.datatype();
        return switch (type) {
            case "checkbox" -> switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "1", "yes", "true", "y" -> "1";
                case "0", "no", "false", "n", "" -> "0";
                default -> throw new LineRejected(column, "a checkbox takes 0 or 1, not " + value);
            };
            case "menu" -> {
                if (value.isEmpty()) {
                    yield "";
                }
                List<String> options = def.param1() == null ? List.of()
                        : Arrays.stream(def.param1().split("\\r?\\n")).map(String::trim).toList();
                if (!options.contains(value)) {
                    throw new LineRejected(column, "not one of the menu's options " + options + ": " + value);
                }
                yield value;
            }
            case "datetime" -> {
                if (value.isEmpty()) {
                    yield "0";
                }
                if (value.matches("-?\\d+")) {
                    yield value;
                }
                try {
                    yield Long.toString(LocalDate.parse(value).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                } catch (DateTimeParseException e) {
                    throw new LineRejected(column, "not a date (YYYY-MM-DD) nor a Unix time: " + value);
                }
            }
            default -> {
                int max = parseInt(def.param2(), 0);
                yield "text".equals(type) && max > 0 && value.length() > max ? value.substring(0, max) : value;
            }
        };
    }

    Definition definition(String shortname) {
        Definition def = byShortname.get(shortname);
        if (def == null) {
            throw new LineRejected("profile_field_" + shortname, "this site has no custom profile field '"
                    + shortname + "'");
        }
        return def;
    }

    /**
     * The values of a line that differ from the stored ones: the changes to report and the writes to make.
     *
     * @param normalised the line's values as Moodle stores them, by shortname
     * @param stored     the user's stored values by field id
     * @param writes     receives the writes
     * @return the changes
     */
    List<FieldChange> diff(Map<String, String> normalised, Map<Long, String> stored,
                           List<UserWrites.ProfileWrite> writes) {
        List<FieldChange> changes = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : normalised.entrySet()) {
            Definition def = definition(e.getKey());
            String old = stored.get(def.id());
            if (e.getValue().equals(old)) {
                continue;
            }
            changes.add(new FieldChange("profile_field_" + e.getKey(), old, e.getValue()));
            int format = "textarea".equals(def.datatype()) ? 1 : 0;
            writes.add(new UserWrites.ProfileWrite(def.id(), e.getValue(), format, old != null));
        }
        return changes;
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
