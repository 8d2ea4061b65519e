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

    /** A command without course enrolments (the constructor of the users file's first version). */
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

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this command's values, to derive a changed copy. */
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

    /** The value of the identifying field, as a string (null when absent). */
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

        public Builder action(UserAction v) { this.action = v; return this; }
        public Builder id(Long v) { this.id = v; return this; }
        public Builder username(String v) { this.username = v; return this; }
        public Builder oldUsername(String v) { this.oldUsername = v; return this; }
        public Builder idnumber(String v) { this.idnumber = v; return this; }
        public Builder email(String v) { this.email = v; return this; }
        public Builder firstname(String v) { this.firstname = v; return this; }
        public Builder lastname(String v) { this.lastname = v; return this; }
        public Builder auth(String v) { this.auth = v; return this; }
        public Builder password(Password v) { this.password = v; return this; }
        public Builder suspended(Boolean v) { this.suspended = v; return this; }
        public Builder phone1(String v) { this.phone1 = v; return this; }
        public Builder phone2(String v) { this.phone2 = v; return this; }
        public Builder institution(String v) { this.institution = v; return this; }
        public Builder department(String v) { this.department = v; return this; }
        public Builder address(String v) { this.address = v; return this; }
        public Builder city(String v) { this.city = v; return this; }
        public Builder country(String v) { this.country = v; return this; }
        public Builder lang(String v) { this.lang = v; return this; }
        public Builder timezone(String v) { this.timezone = v; return this; }
        public Builder calendartype(String v) { this.calendartype = v; return this; }
        public Builder theme(String v) { this.theme = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder mailformat(Integer v) { this.mailformat = v; return this; }
        public Builder maildisplay(Integer v) { this.maildisplay = v; return this; }
        public Builder maildigest(Integer v) { this.maildigest = v; return this; }
        public Builder autosubscribe(Integer v) { this.autosubscribe = v; return this; }
        public Builder trackforums(Integer v) { this.trackforums = v; return this; }
        public Builder emailstop(Integer v) { this.emailstop = v; return this; }
        public Builder firstnamephonetic(String v) { this.firstnamephonetic = v; return this; }
        public Builder lastnamephonetic(String v) { this.lastnamephonetic = v; return this; }
        public Builder middlename(String v) { this.middlename = v; return this; }
        public Builder alternatename(String v) { this.alternatename = v; return this; }
        public Builder profileField(String shortname, String value) { profileFields.put(shortname, value); return this; }
        public Builder cohort(String v) { this.cohort = v; return this; }
        public Builder cohortIdnumber(String v) { this.cohortIdnumber = v; return this; }
        /** Adds a course enrolment. */
        public Builder enrolment(CourseEnrolment v) { enrolments.add(Objects.requireNonNull(v, "enrolment")); return this; }
        /** Replaces the course enrolments. */
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
