package org.moodlesync.api.command.user;

import org.moodlesync.api.command.CommandConstraints;
import org.moodlesync.api.command.InvalidCommandException;
import org.moodlesync.api.command.UserKey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.moodlesync.api.command.enrol.CourseEnrolment;

/**
 * One line of a users file, typed: create or update, delete or suspend one user.
 *
 * <p>A {@code null} field means "not given": an update leaves that column as it is. An empty string is a value
 * (it clears the column). Sizes are Moodle 4.5's column lengths. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * UserCommand jane = UserCommand.builder()
 *         .username("jdoe").idnumber("E001").firstname("Jane").lastname("Doe")
 *         .email("jane@example.org").password(Password.plain("S3cret!x"))
 *         .profileField("dept", "Chemistry")
 *         .build();
 * }</pre>
 *
 * @param action        what to do
 * @param id            the Moodle user id, when users are identified by id
 * @param username      login name; stored lower-cased
 * @param oldUsername   the current username of a user to rename (honoured only when renames are allowed)
 * @param idnumber      external identifier
 * @param email         e-mail address
 * @param firstname     first name
 * @param lastname      last name
 * @param auth          authentication plugin ({@code manual} when a new user has none)
 * @param password      the password instruction, or null to leave the password alone
 * @param suspended     true suspends, false reactivates
 * @param phone1        phone
 * @param phone2        mobile phone
 * @param institution   institution
 * @param department    department
 * @param address       address
 * @param city          city
 * @param country       ISO 3166 alpha-2 code (upper-cased when stored)
 * @param lang          language code ({@code _utf8} suffix removed, lower-cased)
 * @param timezone      time zone, {@code 99} for the server's
 * @param calendartype  calendar type
 * @param theme         forced theme
 * @param description   profile description (HTML)
 * @param mailformat    1 HTML, 0 plain text
 * @param maildisplay   0 hidden, 1 everyone, 2 course members
 * @param maildigest    0 none, 1 complete, 2 subjects
 * @param autosubscribe 1 subscribe to forums on posting
 * @param trackforums   1 highlight unread posts
 * @param emailstop     1 no e-mail sent to the user
 * @param firstnamephonetic phonetic first name
 * @param lastnamephonetic  phonetic last name
 * @param middlename    middle name
 * @param alternatename alternate name
 * @param profileFields custom profile field values by field shortname ({@code profile_field_<shortname>} columns)
 * @param cohort        name of a cohort to add the user to (tool_sync's {@code cohort} column)
 * @param cohortIdnumber idnumber of that cohort when it has to be created ({@code cohortid} column)
 * @param enrolments    course enrolments applied after the user is created or updated ({@code courseN},
 *                      {@code roleN}, {@code enrolN}, {@code groupN}, {@code startN}, {@code endN} columns)
 */
public record UserCommand(
        @NotNull UserAction action,
        @Min(1) Long id,
        @Size(max = 100) String username,
        @Size(max = 100) String oldUsername,
        @Size(max = 255) String idnumber,
        @Size(max = 100) @Email String email,
        @Size(max = 100) String firstname,
        @Size(max = 100) String lastname,
        @Size(max = 20) @Pattern(regexp = "[a-z0-9_]*", message = "must be an auth plugin name") String auth,
        Password password,
        Boolean suspended,
        @Size(max = 20) String phone1,
        @Size(max = 20) String phone2,
        @Size(max = 255) String institution,
        @Size(max = 255) String department,
        @Size(max = 255) String address,
        @Size(max = 120) String city,
        @Pattern(regexp = "([A-Za-z]{2})?", message = "must be a two-letter country code") String country,
        @Size(max = 30) String lang,
        @Size(max = 100) String timezone,
        @Size(max = 30) String calendartype,
        @Size(max = 50) String theme,
        String description,
        @Min(0) @Max(1) Integer mailformat,
        @Min(0) @Max(2) Integer maildisplay,
        @Min(0) @Max(2) Integer maildigest,
        @Min(0) @Max(1) Integer autosubscribe,
        @Min(0) @Max(1) Integer trackforums,
        @Min(0) @Max(1) Integer emailstop,
        @Size(max = 255) String firstnamephonetic,
        @Size(max = 255) String lastnamephonetic,
        @Size(max = 255) String middlename,
        @Size(max = 255) String alternatename,
        Map<String, String> profileFields,
        @Size(max = 254) String cohort,
        @Size(max = 100) String cohortIdnumber,
        List<@Valid CourseEnrolment> enrolments) {

    /**
     * Checks that an action and an identifying value (id, username, idnumber or e-mail) are given, and copies the
     * profile fields and enrolments into unmodifiable collections (null becomes empty).
     *
     * @param action        what to do
     * @param id            the Moodle user id, when users are identified by id
     * @param username      login name; stored lower-cased
     * @param oldUsername   the current username of a user to rename (honoured only when renames are allowed)
     * @param idnumber      external identifier
     * @param email         e-mail address
     * @param firstname     first name
     * @param lastname      last name
     * @param auth          authentication plugin ({@code manual} when a new user has none)
     * @param password      the password instruction, or null to leave the password alone
     * @param suspended     true suspends, false reactivates
     * @param phone1        phone
     * @param phone2        mobile phone
     * @param institution   institution
     * @param department    department
     * @param address       address
     * @param city          city
     * @param country       ISO 3166 alpha-2 code (upper-cased when stored)
     * @param lang          language code ({@code _utf8} suffix removed, lower-cased)
     * @param timezone      time zone, {@code 99} for the server's
     * @param calendartype  calendar type
     * @param theme         forced theme
     * @param description   profile description (HTML)
     * @param mailformat    1 HTML, 0 plain text
     * @param maildisplay   0 hidden, 1 everyone, 2 course members
     * @param maildigest    0 none, 1 complete, 2 subjects
     * @param autosubscribe 1 subscribe to forums on posting
     * @param trackforums   1 highlight unread posts
     * @param emailstop     1 no e-mail sent to the user
     * @param firstnamephonetic phonetic first name
     * @param lastnamephonetic  phonetic last name
     * @param middlename    middle name
     * @param alternatename alternate name
     * @param profileFields custom profile field values by field shortname ({@code profile_field_<shortname>} columns)
     * @param cohort        name of a cohort to add the user to (tool_sync's {@code cohort} column)
     * @param cohortIdnumber idnumber of that cohort when it has to be created ({@code cohortid} column)
     * @param enrolments    course enrolments applied after the user is created or updated ({@code courseN},
     *                      {@code roleN}, {@code enrolN}, {@code groupN}, {@code startN}, {@code endN} columns)
     * @throws InvalidCommandException when the action is null or no identifying value is given
     */
    public UserCommand {
        if (action == null) {
            throw new InvalidCommandException("UserCommand", "action", "must not be null");
        }
        if (id == null && blank(username) && blank(idnumber) && blank(email)) {
            throw new InvalidCommandException("UserCommand", "username",
                    "a user needs a username, idnumber, email or id to be found or created by");
        }
        profileFields = profileFields == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(profileFields));
        enrolments = enrolments == null ? List.of() : List.copyOf(enrolments);
    }

    /**
     * A command without course enrolments (the constructor of the users file's first version).
     *
     * @param action        what to do
     * @param id            the Moodle user id, when users are identified by id
     * @param username      login name; stored lower-cased
     * @param oldUsername   the current username of a user to rename (honoured only when renames are allowed)
     * @param idnumber      external identifier
     * @param email         e-mail address
     * @param firstname     first name
     * @param lastname      last name
     * @param auth          authentication plugin ({@code manual} when a new user has none)
     * @param password      the password instruction, or null to leave the password alone
     * @param suspended     true suspends, false reactivates
     * @param phone1        phone
     * @param phone2        mobile phone
     * @param institution   institution
     * @param department    department
     * @param address       address
     * @param city          city
     * @param country       ISO 3166 alpha-2 code (upper-cased when stored)
     * @param lang          language code ({@code _utf8} suffix removed, lower-cased)
     * @param timezone      time zone, {@code 99} for the server's
     * @param calendartype  calendar type
     * @param theme         forced theme
     * @param description   profile description (HTML)
     * @param mailformat    1 HTML, 0 plain text
     * @param maildisplay   0 hidden, 1 everyone, 2 course members
     * @param maildigest    0 none, 1 complete, 2 subjects
     * @param autosubscribe 1 subscribe to forums on posting
     * @param trackforums   1 highlight unread posts
     * @param emailstop     1 no e-mail sent to the user
     * @param firstnamephonetic phonetic first name
     * @param lastnamephonetic  phonetic last name
     * @param middlename    middle name
     * @param alternatename alternate name
     * @param profileFields custom profile field values by field shortname ({@code profile_field_<shortname>} columns)
     * @param cohort        name of a cohort to add the user to (tool_sync's {@code cohort} column)
     * @param cohortIdnumber idnumber of that cohort when it has to be created ({@code cohortid} column)
     * @throws InvalidCommandException when the action is null or no identifying value is given
     */
    public UserCommand(UserAction action, Long id, String username, String oldUsername, String idnumber, String email,
                       String firstname, String lastname, String auth, Password password, Boolean suspended,
                       String phone1, String phone2, String institution, String department, String address,
                       String city, String country, String lang, String timezone, String calendartype, String theme,
                       String description, Integer mailformat, Integer maildisplay, Integer maildigest,
                       Integer autosubscribe, Integer trackforums, Integer emailstop, String firstnamephonetic,
                       String lastnamephonetic, String middlename, String alternatename,
                       Map<String, String> profileFields, String cohort, String cohortIdnumber) {
        this(action, id, username, oldUsername, idnumber, email, firstname, lastname, auth, password, suspended,
                phone1, phone2, institution, department, address, city, country, lang, timezone, calendartype, theme,
                description, mailformat, maildisplay, maildigest, autosubscribe, trackforums, emailstop,
                firstnamephonetic, lastnamephonetic, middlename, alternatename, profileFields, cohort,
                cohortIdnumber, List.of());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * A builder for a new command (see the example in the class comment).
     *
     * @return a builder whose action is {@link UserAction#CREATE_OR_UPDATE} and whose other fields are unset (null)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this command's values, to derive a changed copy.
     *
     * @return a builder with every field of this command
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.action = action;
        b.id = id;
        b.username = username;
        b.oldUsername = oldUsername;
        b.idnumber = idnumber;
        b.email = email;
        b.firstname = firstname;
        b.lastname = lastname;
        b.auth = auth;
        b.password = password;
        b.suspended = suspended;
        b.phone1 = phone1;
        b.phone2 = phone2;
        b.institution = institution;
        b.department = department;
        b.address = address;
        b.city = city;
        b.country = country;
        b.lang = lang;
        b.timezone = timezone;
        b.calendartype = calendartype;
        b.theme = theme;
        b.description = description;
        b.mailformat = mailformat;
        b.maildisplay = maildisplay;
        b.maildigest = maildigest;
        b.autosubscribe = autosubscribe;
        b.trackforums = trackforums;
        b.emailstop = emailstop;
        b.firstnamephonetic = firstnamephonetic;
        b.lastnamephonetic = lastnamephonetic;
        b.middlename = middlename;
        b.alternatename = alternatename;
        b.profileFields.putAll(profileFields);
        b.cohort = cohort;
        b.cohortIdnumber = cohortIdnumber;
        b.enrolments.addAll(enrolments);
        return b;
    }

    /**
     * The value of the identifying field, as a string (null when absent).
     *
     * @param key the identifying field
     * @return that field's value, the id as a decimal string; null when the command has none
     */
    public String key(UserKey key) {
        return switch (key) {
            case USERNAME -> username;
            case IDNUMBER -> idnumber;
            case EMAIL -> email;
            case ID -> id == null ? null : id.toString();
        };
    }

    @Override
    public String toString() {
        return "UserCommand[" + action + " username=" + username + " idnumber=" + idnumber + "]";
    }

    /** Builds a {@link UserCommand}; {@code action} defaults to {@link UserAction#CREATE_OR_UPDATE}. */
    public static final class Builder {
        private UserAction action = UserAction.CREATE_OR_UPDATE;
        private Long id;
        private String username;
        private String oldUsername;
        private String idnumber;
        private String email;
        private String firstname;
        private String lastname;
        private String auth;
        private Password password;
        private Boolean suspended;
        private String phone1;
        private String phone2;
        private String institution;
        private String department;
        private String address;
        private String city;
        private String country;
        private String lang;
        private String timezone;
        private String calendartype;
        private String theme;
        private String description;
        private Integer mailformat;
        private Integer maildisplay;
        private Integer maildigest;
        private Integer autosubscribe;
        private Integer trackforums;
        private Integer emailstop;
        private String firstnamephonetic;
        private String lastnamephonetic;
        private String middlename;
        private String alternatename;
        private final Map<String, String> profileFields = new LinkedHashMap<>();
        private String cohort;
        private String cohortIdnumber;
        private final List<CourseEnrolment> enrolments = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets what to do; {@link UserAction#CREATE_OR_UPDATE} unless set.
         *
         * @param v the action, not null
         * @return this builder
         */
        public Builder action(UserAction v) { this.action = v; return this; }

        /**
         * Sets the Moodle user id ({@code id} column), used only to find the user when users are identified by id.
         *
         * @param v the user id (1 or more), or null
         * @return this builder
         */
        public Builder id(Long v) { this.id = v; return this; }

        /**
         * Sets the login name ({@code username} column, {@code user.username}), stored lower-cased.
         *
         * @param v the username (at most 100 characters), or null
         * @return this builder
         */
        public Builder username(String v) { this.username = v; return this; }

        /**
         * Sets the current username of a user to rename to {@link #username(String)} ({@code oldusername} column);
         * honoured only when renames are allowed.
         *
         * @param v the current username, or null for no rename
         * @return this builder
         */
        public Builder oldUsername(String v) { this.oldUsername = v; return this; }

        /**
         * Sets the external identifier ({@code idnumber} column, {@code user.idnumber}); an empty string clears it.
         *
         * @param v the idnumber (at most 255 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder idnumber(String v) { this.idnumber = v; return this; }

        /**
         * Sets the e-mail address ({@code email} column); on an existing user it is kept while e-mails are protected.
         *
         * @param v a well-formed address (at most 100 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder email(String v) { this.email = v; return this; }

        /**
         * Sets the first name ({@code firstname} column).
         *
         * @param v the first name (at most 100 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder firstname(String v) { this.firstname = v; return this; }

        /**
         * Sets the last name ({@code lastname} column).
         *
         * @param v the last name (at most 100 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder lastname(String v) { this.lastname = v; return this; }

        /**
         * Sets the authentication plugin ({@code auth} column, for example {@code manual}, {@code nologin}); a new user
         * without one gets {@code manual}.
         *
         * @param v the plugin name ({@code [a-z0-9_]}, at most 20 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder auth(String v) { this.auth = v; return this; }

        /**
         * Sets the password instruction ({@code password} or {@code passwordhash} column).
         *
         * @param v a {@link Password}, or null to leave the password alone
         * @return this builder
         */
        public Builder password(Password v) { this.password = v; return this; }

        /**
         * Sets the suspension ({@code suspended} column): true suspends the user and ends his sessions, false
         * reactivates him.
         *
         * @param v true, false, or null to leave it unchanged
         * @return this builder
         */
        public Builder suspended(Boolean v) { this.suspended = v; return this; }

        /**
         * Sets the phone number ({@code phone1} column).
         *
         * @param v the phone number (at most 20 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder phone1(String v) { this.phone1 = v; return this; }

        /**
         * Sets the mobile phone number ({@code phone2} column).
         *
         * @param v the mobile phone number (at most 20 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder phone2(String v) { this.phone2 = v; return this; }

        /**
         * Sets the institution ({@code institution} column).
         *
         * @param v the institution (at most 255 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder institution(String v) { this.institution = v; return this; }

        /**
         * Sets the department ({@code department} column).
         *
         * @param v the department (at most 255 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder department(String v) { this.department = v; return this; }

        /**
         * Sets the postal address ({@code address} column).
         *
         * @param v the address (at most 255 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder address(String v) { this.address = v; return this; }

        /**
         * Sets the city ({@code city} column).
         *
         * @param v the city (at most 120 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder city(String v) { this.city = v; return this; }

        /**
         * Sets the country ({@code country} column), stored upper-cased.
         *
         * @param v an ISO 3166 alpha-2 code such as {@code FR}, or null to leave it unchanged
         * @return this builder
         */
        public Builder country(String v) { this.country = v; return this; }

        /**
         * Sets the language ({@code lang} column); a {@code _utf8} suffix is removed and the code lower-cased.
         *
         * @param v a language code such as {@code fr} (at most 30 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder lang(String v) { this.lang = v; return this; }

        /**
         * Sets the time zone ({@code timezone} column).
         *
         * @param v a time zone such as {@code Europe/Paris}, {@code 99} for the server's, or null to leave it unchanged
         * @return this builder
         */
        public Builder timezone(String v) { this.timezone = v; return this; }

        /**
         * Sets the calendar type ({@code calendartype} column).
         *
         * @param v the calendar type such as {@code gregorian} (at most 30 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder calendartype(String v) { this.calendartype = v; return this; }

        /**
         * Sets the forced theme ({@code theme} column).
         *
         * @param v the theme name (at most 50 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder theme(String v) { this.theme = v; return this; }

        /**
         * Sets the profile description ({@code description} column, HTML).
         *
         * @param v the description, or null to leave it unchanged
         * @return this builder
         */
        public Builder description(String v) { this.description = v; return this; }

        /**
         * Sets the e-mail format ({@code mailformat} column).
         *
         * @param v 1 HTML, 0 plain text, or null to leave it unchanged
         * @return this builder
         */
        public Builder mailformat(Integer v) { this.mailformat = v; return this; }

        /**
         * Sets who may see the e-mail address ({@code maildisplay} column).
         *
         * @param v 0 hidden, 1 everyone, 2 course members only, or null to leave it unchanged
         * @return this builder
         */
        public Builder maildisplay(Integer v) { this.maildisplay = v; return this; }

        /**
         * Sets the forum digest type ({@code maildigest} column).
         *
         * @param v 0 no digest, 1 complete, 2 subjects, or null to leave it unchanged
         * @return this builder
         */
        public Builder maildigest(Integer v) { this.maildigest = v; return this; }

        /**
         * Sets forum auto-subscription ({@code autosubscribe} column).
         *
         * @param v 1 subscribe to a forum on posting in it, 0 not, or null to leave it unchanged
         * @return this builder
         */
        public Builder autosubscribe(Integer v) { this.autosubscribe = v; return this; }

        /**
         * Sets forum tracking ({@code trackforums} column).
         *
         * @param v 1 highlight unread posts, 0 not, or null to leave it unchanged
         * @return this builder
         */
        public Builder trackforums(Integer v) { this.trackforums = v; return this; }

        /**
         * Sets whether e-mail is disabled for the user ({@code emailstop} column).
         *
         * @param v 1 send no e-mail to the user, 0 send, or null to leave it unchanged
         * @return this builder
         */
        public Builder emailstop(Integer v) { this.emailstop = v; return this; }

        /**
         * Sets the phonetic first name ({@code firstnamephonetic} column).
         *
         * @param v the name (at most 255 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder firstnamephonetic(String v) { this.firstnamephonetic = v; return this; }

        /**
         * Sets the phonetic last name ({@code lastnamephonetic} column).
         *
         * @param v the name (at most 255 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder lastnamephonetic(String v) { this.lastnamephonetic = v; return this; }

        /**
         * Sets the middle name ({@code middlename} column).
         *
         * @param v the name (at most 255 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder middlename(String v) { this.middlename = v; return this; }

        /**
         * Sets the alternate name ({@code alternatename} column).
         *
         * @param v the name (at most 255 characters), or null to leave it unchanged
         * @return this builder
         */
        public Builder alternatename(String v) { this.alternatename = v; return this; }

        /**
         * Sets a custom profile field ({@code profile_field_<shortname>} column); the empty string is a value too.
         *
         * @param shortname the profile field's shortname ({@code user_info_field.shortname}); the site must have it
         * @param value     the value, in the form the field's type accepts (see docs/users.md)
         * @return this builder
         */
        public Builder profileField(String shortname, String value) { profileFields.put(shortname, value); return this; }

        /**
         * Sets the name of a cohort the user joins (tool_sync's {@code cohort} column).
         *
         * @param v the cohort name (at most 254 characters), or null for no cohort
         * @return this builder
         */
        public Builder cohort(String v) { this.cohort = v; return this; }

        /**
         * Sets the idnumber of a cohort created for {@link #cohort(String)} when it is missing ({@code cohortid}
         * column); ignored without a cohort name.
         *
         * @param v the cohort idnumber (at most 100 characters), or null
         * @return this builder
         */
        public Builder cohortIdnumber(String v) { this.cohortIdnumber = v; return this; }

        /**
         * Adds a course enrolment.
         *
         * @param v the enrolment (tool_sync's {@code courseN}, {@code roleN}, ... columns), not null
         * @return this builder
         */
        public Builder enrolment(CourseEnrolment v) { enrolments.add(Objects.requireNonNull(v, "enrolment")); return this; }

        /**
         * Replaces the course enrolments.
         *
         * @param v the enrolments, in the order they are applied
         * @return this builder
         */
        public Builder enrolments(List<CourseEnrolment> v) { enrolments.clear(); enrolments.addAll(v); return this; }

        /**
         * Builds the command and checks its constraints.
         *
         * @return the command
         * @throws org.moodlesync.api.command.InvalidCommandException naming the field, when a required
         *         field is missing or a value breaks a constraint (length, range, format)
         */
        public UserCommand build() {
            UserCommand command = new UserCommand(action, id, username, oldUsername, idnumber, email, firstname,
                    lastname, auth, password, suspended, phone1, phone2, institution, department, address, city,
                    country, lang, timezone, calendartype, theme, description, mailformat, maildisplay, maildigest,
                    autosubscribe, trackforums, emailstop, firstnamephonetic, lastnamephonetic, middlename,
                    alternatename, profileFields, cohort, cohortIdnumber, enrolments);
            return CommandConstraints.check(command);
        }
    }
}
