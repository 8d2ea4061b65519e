package org.moodlesync.core.internal.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.moodlesync.api.command.user.Password;
import org.moodlesync.api.command.user.UserAction;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.core.internal.pipeline.LineFailure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserRowMapperTest {

    private static final String BASE = "username;firstname;lastname";

    /** A row of a users file: the header and the values, both {@code ;}-separated (empty values kept). */
    private static InputRow row(String header, String values) {
        List<String> names = Arrays.asList(header.split(";", -1));
        List<String> vals = Arrays.asList(values.split(";", -1));
        return new InputRow("users.csv", 2, values, names, vals);
    }

    /** A row with the three required columns filled, plus one more column. */
    private static InputRow with(String column, String value) {
        return row(BASE + ";" + column, "jdoe;Jane;Doe;" + value);
    }

    private static UserCommand map(InputRow row) {
        return UserRowMapper.usersFile().map(row);
    }

    private static LineFailure failure(InputRow row) {
        LineFailure f = catchThrowableOfType(LineFailure.class, () -> map(row));
        assertThat(f).as("the line should fail").isNotNull();
        return f;
    }

    @Nested
    class Columns {

        @Test
        void usernameIsLowerCased() {
            assertThat(map(row(BASE, "JDoe;Jane;Doe")).username()).isEqualTo("jdoe");
        }

        @Test
        void oldUsernameIsLowerCasedAndEmptyMeansNone() {
            assertThat(map(with("oldusername", "J.Smith")).oldUsername()).isEqualTo("j.smith");
            assertThat(map(with("oldusername", "")).oldUsername()).isNull();
        }

        @Test
        void countryIsUpperCased() {
            assertThat(map(with("country", "fr")).country()).isEqualTo("FR");
            assertThat(map(with("country", "Gb")).country()).isEqualTo("GB");
        }

        @ParameterizedTest
        @CsvSource({"fr_utf8,fr", "en_utf8,en", "fr,fr", "EN,en", "pt_br_utf8,pt_br"})
        void langLosesUtf8SuffixAndIsLowerCased(String given, String expected) {
            assertThat(map(with("lang", given)).lang()).isEqualTo(expected);
        }

        @Test
        void plainTextColumnsAreCopiedAndAnEmptyValueClearsTheField() {
            InputRow r = row(BASE + ";idnumber;email;phone1;phone2;institution;department;address;city;theme;"
                            + "description;firstnamephonetic;lastnamephonetic;middlename;alternatename",
                    "jdoe;Jane;Doe;E001;jane@example.org;0102;0607;Uni;Chem;1 rue X;Lyon;boost;<p>Hi</p>;"
                            + "Jeanne;Do;Marie;JD");
            UserCommand c = map(r);
            assertThat(c.firstname()).isEqualTo("Jane");
            assertThat(c.lastname()).isEqualTo("Doe");
            assertThat(c.idnumber()).isEqualTo("E001");
            assertThat(c.email()).isEqualTo("jane@example.org");
            assertThat(c.phone1()).isEqualTo("0102");
            assertThat(c.phone2()).isEqualTo("0607");
            assertThat(c.institution()).isEqualTo("Uni");
            assertThat(c.department()).isEqualTo("Chem");
            assertThat(c.address()).isEqualTo("1 rue X");
            assertThat(c.city()).isEqualTo("Lyon");
            assertThat(c.theme()).isEqualTo("boost");
            assertThat(c.description()).isEqualTo("<p>Hi</p>");
            assertThat(c.firstnamephonetic()).isEqualTo("Jeanne");
            assertThat(c.lastnamephonetic()).isEqualTo("Do");
            assertThat(c.middlename()).isEqualTo("Marie");
            assertThat(c.alternatename()).isEqualTo("JD");

            assertThat(map(with("city", "")).city()).as("an empty value is a value").isEmpty();
            assertThat(map(with("idnumber", "")).idnumber()).isEmpty();
        }

        @Test
        void absentColumnsAreNotGiven() {
            UserCommand c = map(row(BASE, "jdoe;Jane;Doe"));
            assertThat(c.email()).isNull();
            assertThat(c.idnumber()).isNull();
            assertThat(c.city()).isNull();
            assertThat(c.password()).as("no password column: leave the password alone").isNull();
            assertThat(c.suspended()).isNull();
            assertThat(c.mailformat()).isNull();
            assertThat(c.profileFields()).isEmpty();
            assertThat(c.action()).isEqualTo(UserAction.CREATE_OR_UPDATE);
        }

        @Test
        void aShortLineLeavesItsMissingTrailingColumnsNotGiven() {
            UserCommand c = map(row(BASE + ";email;city", "jdoe;Jane;Doe;jane@example.org"));
            assertThat(c.email()).isEqualTo("jane@example.org");
            assertThat(c.city()).isNull();
        }

        @Test
        void authTimezoneCalendarCohortAreNotGivenWhenEmpty() {
            InputRow r = row(BASE + ";auth;timezone;calendartype;cohort;cohortid", "jdoe;Jane;Doe;;;;;");
            UserCommand c = map(r);
            assertThat(c.auth()).isNull();
            assertThat(c.timezone()).isNull();
            assertThat(c.calendartype()).isNull();
            assertThat(c.cohort()).isNull();
            assertThat(c.cohortIdnumber()).isNull();

            UserCommand given = map(row(BASE + ";auth;timezone;calendartype;cohort;cohortid",
                    "jdoe;Jane;Doe;ldap;Europe/Paris;gregorian;Year 1;Y1"));
            assertThat(given.auth()).isEqualTo("ldap");
            assertThat(given.timezone()).isEqualTo("Europe/Paris");
            assertThat(given.calendartype()).isEqualTo("gregorian");
            assertThat(given.cohort()).isEqualTo("Year 1");
            assertThat(given.cohortIdnumber()).isEqualTo("Y1");
        }

        @Test
        void idIsANumber() {
            assertThat(map(with("id", "42")).id()).isEqualTo(42L);
            assertThat(map(with("id", "")).id()).isNull();
            LineFailure f = failure(with("id", "forty-two"));
            assertThat(f.column()).isEqualTo("id");
            // values of number columns are not quoted: a shifted line could put a password there
            assertThat(f.reason()).contains("not a user id").doesNotContain("forty-two");
        }

        @Test
        void profileFieldsAreKeyedByTheirShortname() {
            InputRow r = row(BASE + ";profile_field_dept;profile_field_room", "jdoe;Jane;Doe;Chemistry;");
            assertThat(map(r).profileFields())
                    .containsExactly(Map.entry("dept", "Chemistry"), Map.entry("room", ""));
        }
    }

    @Nested
    class Integers {

        @ParameterizedTest
        @CsvSource({"mailformat,0,1", "maildisplay,0,2", "maildigest,0,2", "autosubscribe,0,1",
                "trackforums,0,1", "emailstop,0,1"})
        void inRangeValuesAreRead(String column, int min, int max) {
            assertThat(valueOf(column, map(with(column, String.valueOf(min))))).isEqualTo(min);
            assertThat(valueOf(column, map(with(column, " " + max + " ")))).isEqualTo(max);
            assertThat(valueOf(column, map(with(column, "")))).isNull();
        }

        @ParameterizedTest
        @CsvSource({"mailformat,2", "maildisplay,3", "maildigest,-1", "autosubscribe,5", "trackforums,2",
                "emailstop,9", "suspended,2", "deleted,2"})
        void outOfRangeValuesFailNamingTheColumn(String column, String value) {
            LineFailure f = failure(with(column, value));
            assertThat(f.column()).isEqualTo(column);
            assertThat(f.reason()).contains("must be between");
        }

        @ParameterizedTest
        @ValueSource(strings = {"mailformat", "maildisplay", "suspended", "deleted"})
        void nonNumbersFailNamingTheColumn(String column) {
            LineFailure f = failure(with(column, "yes"));
            assertThat(f.column()).isEqualTo(column);
            assertThat(f.reason()).contains("not a whole number");
        }

        @Test
        void suspendedIsABoolean() {
            assertThat(map(with("suspended", "1")).suspended()).isTrue();
            assertThat(map(with("suspended", "0")).suspended()).isFalse();
            assertThat(map(with("suspended", "")).suspended()).isNull();
        }

        private Integer valueOf(String column, UserCommand c) {
            return switch (column) {
                case "mailformat" -> c.mailformat();
                case "maildisplay" -> c.maildisplay();
                case "maildigest" -> c.maildigest();
                case "autosubscribe" -> c.autosubscribe();
                case "trackforums" -> c.trackforums();
                case "emailstop" -> c.emailstop();
                default -> throw new IllegalArgumentException(column);
            };
        }
    }

    @Nested
    class Deleted {

        @Test
        void deletedOneDeletes() {
            assertThat(map(with("deleted", "1")).action()).isEqualTo(UserAction.DELETE);
        }

        @Test
        void deletedZeroCreatesOrUpdates() {
            assertThat(map(with("deleted", "0")).action()).isEqualTo(UserAction.CREATE_OR_UPDATE);
        }

        @Test
        void deletedEmptyCreatesOrUpdates() {
            assertThat(map(with("deleted", "")).action()).isEqualTo(UserAction.CREATE_OR_UPDATE);
        }
    }

    @Nested
    class Passwords {

        @Test
        void emptyPasswordMeansGenerate() {
            assertThat(map(with("password", "")).password()).isSameAs(Password.generate());
        }

        @Test
        void nopassMeansNoLogin() {
            assertThat(map(with("password", "*NOPASS*")).password()).isSameAs(Password.noLogin());
        }

        @Test
        void anythingElseIsAClearTextPassword() {
            assertThat(map(with("password", "S3cret!x")).password()).isEqualTo(Password.plain("S3cret!x"));
        }

        @Test
        void passwordHashIsStoredAsGiven() {
            String hash = "$6$rounds=10000$abcdefgh$" + "x".repeat(86);
            assertThat(map(with("passwordhash", hash)).password()).isEqualTo(Password.hash(hash));
            String bcrypt = "$2y$10$" + "y".repeat(53);
            assertThat(map(with("passwordhash", bcrypt)).password()).isEqualTo(Password.hash(bcrypt));
        }

        @Test
        void anEmptyPasswordHashFallsBackToThePasswordColumn() {
            InputRow r = row(BASE + ";password;passwordhash", "jdoe;Jane;Doe;S3cret!x;");
            assertThat(map(r).password()).isEqualTo(Password.plain("S3cret!x"));
        }

        @Test
        void bothPasswordAndHashFail() {
            InputRow r = row(BASE + ";password;passwordhash", "jdoe;Jane;Doe;S3cret!x;$6$rounds=10000$abc$def");
            LineFailure f = failure(r);
            assertThat(f.column()).isEqualTo("passwordhash");
            assertThat(f.reason()).contains("not both").doesNotContain("S3cret!x");
        }

        @Test
        void aHashThatIsNoKnownHashFailsWithoutShowingIt() {
            LineFailure f = failure(with("passwordhash", "md5:0123456789abcdef"));
            assertThat(f.column()).isEqualTo("passwordhash");
            assertThat(f.reason()).doesNotContain("0123456789abcdef");
        }

        @Test
        void aPasswordOverMoodlesLengthFailsWithoutShowingIt() {
            String longPassword = "Ab1!".repeat(33);
            LineFailure f = failure(with("password", longPassword));
            assertThat(f.column()).isEqualTo("password");
            assertThat(f.reason()).doesNotContain(longPassword);
            assertThat(map(with("password", "a".repeat(128))).password()).isInstanceOf(Password.Plain.class);
        }
    }

    @Nested
    class Failures {

        @ParameterizedTest
        @ValueSource(strings = {"role1", "group2", "enrol1", "start1", "end1"})
        void anEnrolmentColumnWithoutItsCourseFailsTheLine(String column) {
            LineFailure f = failure(with(column, "manual"));
            assertThat(f.column()).isEqualTo(column);
            assertThat(f.reason()).contains("without course" + column.replaceAll("\\D", ""));
        }

        @Test
        void mnetPropagationIsNotSupported() {
            LineFailure f = failure(with("wwwroot1", "https://other.example.org"));
            assertThat(f.column()).isEqualTo("wwwroot1");
            assertThat(f.reason()).contains("not supported");
        }

        @Test
        void anEmptyCourseColumnIsFine() {
            assertThat(map(with("course1", "")).username()).isEqualTo("jdoe");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "username | ;Jane;Doe",
                "firstname | jdoe;;Doe",
                "lastname | jdoe;Jane;"})
        void anEmptyRequiredValueFailsNamingTheColumn(String column, String values) {
            LineFailure f = failure(row(BASE, values.trim()));
            assertThat(f.column()).isEqualTo(column);
            assertThat(f.reason()).contains("required");
        }

        @Test
        void aMissingRequiredValueOnAShortLineFailsNamingTheColumn() {
            LineFailure f = failure(row(BASE, "jdoe;Jane"));
            assertThat(f.column()).isEqualTo("lastname");
        }
    }

    @Nested
    class ActionFiles {

        @Test
        void everyLineOfADeleteFileDeletes() {
            UserCommand c = UserRowMapper.actionFile(UserAction.DELETE).map(row("idnumber", "E001"));
            assertThat(c.action()).isEqualTo(UserAction.DELETE);
            assertThat(c.idnumber()).isEqualTo("E001");
        }

        @Test
        void aSuspendFileNeedsNoNames() {
            UserCommand c = UserRowMapper.actionFile(UserAction.SUSPEND).map(row("username", "JDoe"));
            assertThat(c.action()).isEqualTo(UserAction.SUSPEND);
            assertThat(c.username()).isEqualTo("jdoe");
            assertThat(c.firstname()).isNull();
        }
    }
}
