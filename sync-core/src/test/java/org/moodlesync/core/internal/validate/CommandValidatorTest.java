package org.moodlesync.core.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.core.testkit.UncheckedCommands.with;

import java.util.Optional;
import org.moodlesync.api.command.user.UserCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandValidatorTest {

    private final CommandValidator validator = new CommandValidator();

    private static UserCommand.Builder valid() {
        return UserCommand.builder().username("jdoe").firstname("Jane").lastname("Doe").idnumber("E001")
                .email("jane@example.org").country("FR").maildisplay(2);
    }

    /** The first violation of a valid user with one field changed (made without the builder's check). */
    private Optional<CommandValidator.Violation> violationOf(String field, Object value) {
        return validator.firstViolation(with(valid().build(), field, value));
    }

    @Test
    void aValidCommandHasNoViolation() {
        assertThat(validator.firstViolation(valid().build())).isEmpty();
    }

    @Test
    void aUsernameOverOneHundredCharactersIsRefused() {
        Optional<CommandValidator.Violation> v = violationOf("username", "u".repeat(101));
        assertThat(v).isPresent();
        assertThat(v.get().property()).isEqualTo("username");
        assertThat(v.get().message()).contains("size").contains("100");
    }

    @Test
    void aUsernameOfExactlyOneHundredCharactersIsFine() {
        assertThat(violationOf("username", "u".repeat(100))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FRA", "F", "F1", "12", "é?"})
    void aCountryThatIsNotTwoLettersIsRefused(String country) {
        Optional<CommandValidator.Violation> v = violationOf("country", country);
        assertThat(v).isPresent();
        assertThat(v.get().property()).isEqualTo("country");
        assertThat(v.get().message()).contains("two-letter country code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR", "gb", ""})
    void twoLettersOrNothingIsACountry(String country) {
        assertThat(violationOf("country", country)).isEmpty();
    }

    @Test
    void maildisplayFiveIsRefused() {
        Optional<CommandValidator.Violation> v = violationOf("maildisplay", 5);
        assertThat(v).isPresent();
        assertThat(v.get().property()).isEqualTo("maildisplay");
        assertThat(v.get().message()).contains("2");
    }

    @Test
    void aNegativeMailformatIsRefused() {
        Optional<CommandValidator.Violation> v = violationOf("mailformat", -1);
        assertThat(v).map(CommandValidator.Violation::property).contains("mailformat");
    }

    @Test
    void aMalformedEmailIsRefused() {
        Optional<CommandValidator.Violation> v = violationOf("email", "not-an-email");
        assertThat(v).map(CommandValidator.Violation::property).contains("email");
    }

    @Test
    void anAuthPluginNameWithCapitalsIsRefused() {
        Optional<CommandValidator.Violation> v = violationOf("auth", "LDAP");
        assertThat(v).map(CommandValidator.Violation::property).contains("auth");
    }

    @Test
    void theFirstViolationIsTheFirstPropertyByName() {
        UserCommand c = with(with(with(valid().build(), "username", "u".repeat(101)), "country", "FRA"),
                "maildisplay", 5);
        assertThat(validator.firstViolation(c)).map(CommandValidator.Violation::property).contains("country");
    }

    @Test
    void aViolationMessageNeverHoldsTheValue() {
        String email = "secret-value-not-an-email";
        Optional<CommandValidator.Violation> v = violationOf("email", email);
        assertThat(v).isPresent();
        assertThat(v.get().message()).doesNotContain(email);
    }
}
