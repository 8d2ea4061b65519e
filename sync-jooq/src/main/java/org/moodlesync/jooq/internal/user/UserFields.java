package org.moodlesync.jooq.internal.user;

import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.moodlesync.api.command.user.UserCommand;

/**
 * The plain user fields a command may set, each with its column. Identity fields (username, e-mail), the password
 * and the status flags have rules of their own in {@link UserLineWriter}.
 */
final class UserFields {

    /**
     * A command field and its column.
     *
     * @param name   the field's name in files and results
     * @param column the user table column
     * @param value  the command's value (null: not given)
     */
    record Mapping(String name, Field<?> column, Function<UserCommand, Object> value) {
    }

    static final List<Mapping> PLAIN = List.of(
            new Mapping("idnumber", MDL_USER.IDNUMBER, UserCommand::idnumber),
            new Mapping("firstname", MDL_USER.FIRSTNAME, UserCommand::firstname),
            new Mapping("lastname", MDL_USER.LASTNAME, UserCommand::lastname),
            new Mapping("auth", MDL_USER.AUTH, UserCommand::auth),
            new Mapping("phone1", MDL_USER.PHONE1, UserCommand::phone1),
            new Mapping("phone2", MDL_USER.PHONE2, UserCommand::phone2),
            new Mapping("institution", MDL_USER.INSTITUTION, UserCommand::institution),
            new Mapping("department", MDL_USER.DEPARTMENT, UserCommand::department),
            new Mapping("address", MDL_USER.ADDRESS, UserCommand::address),
            new Mapping("city", MDL_USER.CITY, UserCommand::city),
            new Mapping("country", MDL_USER.COUNTRY, UserCommand::country),
            new Mapping("lang", MDL_USER.LANG, UserCommand::lang),
            new Mapping("timezone", MDL_USER.TIMEZONE, UserCommand::timezone),
            new Mapping("calendartype", MDL_USER.CALENDARTYPE, UserCommand::calendartype),
            new Mapping("theme", MDL_USER.THEME, UserCommand::theme),
            new Mapping("description", MDL_USER.DESCRIPTION, UserCommand::description),
            new Mapping("mailformat", MDL_USER.MAILFORMAT, UserCommand::mailformat),
            new Mapping("maildisplay", MDL_USER.MAILDISPLAY, UserCommand::maildisplay),
            new Mapping("maildigest", MDL_USER.MAILDIGEST, UserCommand::maildigest),
            new Mapping("autosubscribe", MDL_USER.AUTOSUBSCRIBE, UserCommand::autosubscribe),
            new Mapping("trackforums", MDL_USER.TRACKFORUMS, UserCommand::trackforums),
            new Mapping("emailstop", MDL_USER.EMAILSTOP, UserCommand::emailstop),
            new Mapping("firstnamephonetic", MDL_USER.FIRSTNAMEPHONETIC, UserCommand::firstnamephonetic),
            new Mapping("lastnamephonetic", MDL_USER.LASTNAMEPHONETIC, UserCommand::lastnamephonetic),
            new Mapping("middlename", MDL_USER.MIDDLENAME, UserCommand::middlename),
            new Mapping("alternatename", MDL_USER.ALTERNATENAME, UserCommand::alternatename));

    private UserFields() {
    }
}
