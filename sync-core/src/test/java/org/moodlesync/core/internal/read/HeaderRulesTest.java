package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.InputFormatException;
import org.moodlesync.api.source.InputRow;
import org.moodlesync.api.source.RowSource;

class HeaderRulesTest {

    /** tool_sync's users file (§5.1), with anchored patterns. */
    private static final HeaderRules USERS = HeaderRules.create()
            .required("username", "firstname", "lastname")
            .allowed("idnumber", "email", "auth", "password", "cohort", "cohortid")
            .allowedPatterns("(course|group|role|enrol|start|end|wwwroot)\\d+", "profile_field_.+");

    private static InputFormatException headerError(String text, HeaderRules rules) {
        try (CsvRowSource source = Reads.open(text, CsvFormat.toolSync())) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> rules.check(source));
            assertThat(thrown).isInstanceOf(InputFormatException.class);
            return (InputFormatException) thrown;
        }
    }

    @Test
    void aValidHeaderPasses() {
        try (CsvRowSource source = Reads.open(
                "username;firstname;lastname;email;course1;role1;course12;profile_field_dept\n", CsvFormat.toolSync())) {
            assertThat(USERS.check(source)).isEmpty();
        }
        assertThat(USERS.problems("f", 1, List.of("lastname", "firstname", "username"))).isEmpty();
    }

    @Test
    void anUnknownColumnIsReportedAtItsLineAndColumn() {
        InputFormatException e = headerError("# users\n\nusername;firstname;foo;lastname\njdoe;J;x;D\n", USERS);
        assertThat(e.source()).isEqualTo("test.csv");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("test.csv:3:3: unknown column \"foo\"");
    }

    @Test
    void patternsMustMatchTheWholeName() {
        assertThat(USERS.isKnown("course1")).isTrue();
        assertThat(USERS.isKnown("wwwroot3")).isTrue();
        assertThat(USERS.isKnown("profile_field_x")).isTrue();
        assertThat(USERS.isKnown("course")).isFalse();
        assertThat(USERS.isKnown("mycourse1")).isFalse();
        assertThat(USERS.isKnown("course1x")).isFalse();
        assertThat(USERS.isKnown("profile_field_")).isFalse();
        assertThat(USERS.isKnown("username")).isTrue();
    }

    @Test
    void aDuplicatedColumnNamesBothPlaces() {
        InputFormatException e = headerError("username;email;firstname;email;lastname\n", USERS);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("test.csv:1:4: column \"email\" is duplicated (first at column 2)");
    }

    @Test
    void aDuplicatedColumnIsAnErrorEvenWhenUnknownColumnsAreAllowed() {
        InputFormatException e = headerError("username;firstname;lastname;x;x\n", USERS.allowUnknown(true));
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.getMessage()).contains("duplicated");
    }

    @Test
    void aMissingRequiredColumnHasNoColumnNumber() {
        InputFormatException e = headerError("# c\nusername;firstname;email\n", USERS);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isZero();
        assertThat(e.getMessage()).isEqualTo("test.csv:2: missing required column \"lastname\"");
    }

    @Test
    void anEmptyColumnName() {
        InputFormatException inner = headerError("username;;firstname;lastname\n", USERS);
        assertThat(inner.column()).isEqualTo(2);
        assertThat(inner.getMessage()).contains("empty column name");
        InputFormatException trailing = headerError("username;firstname;lastname;\n", USERS);
        assertThat(trailing.column()).isEqualTo(4);
        assertThat(trailing.getMessage()).contains("empty column name");
    }

    @Test
    void aNameHoldingAnotherSeparatorPointsAtTheSeparator() {
        InputFormatException e = headerError("username,firstname,lastname\n", USERS);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("test.csv:1:1: column name \"username,firstname,lastname\" contains ','")
                .contains("another separator than ';'")
                .contains("missing required column \"username\"");
        InputFormatException unchecked = headerError("a:b;username;firstname;lastname\n",
                USERS.separatorCheck(false));
        assertThat(unchecked.getMessage()).isEqualTo("test.csv:1:1: unknown column \"a:b\"");
    }

    @Test
    void everyProblemIsListedAndAttached() {
        InputFormatException e = headerError("Username;firstname;foo;;foo\n", USERS);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo("test.csv:1:1: unknown column \"Username\" (column names are "
                + "case-sensitive: \"username\"?) (and 5 more header problems: column 3: unknown column \"foo\"; "
                + "column 4: empty column name (is there a separator too many, for example at the end of the header "
                + "line?); column 5: column \"foo\" is duplicated (first at column 3); missing required column "
                + "\"username\"; missing required column \"lastname\")");
        assertThat(e.getSuppressed()).hasSize(5);
        assertThat(e.getSuppressed()[0]).isInstanceOfSatisfying(InputFormatException.class,
                p -> assertThat(p.column()).isEqualTo(3));
    }

    @Test
    void allowUnknownReturnsTheToleratedColumns() {
        try (CsvRowSource source = Reads.open("username;legacy;firstname;lastname;other\n", CsvFormat.toolSync())) {
            assertThat(USERS.allowUnknown(true).check(source)).containsExactly("legacy", "other");
        }
        InputFormatException stillRequired = headerError("username;legacy\n", USERS.allowUnknown(true));
        assertThat(stillRequired.getMessage()).contains("missing required column \"firstname\"");
    }

    @Test
    void rulesAreImmutableAndAddUp() {
        HeaderRules base = HeaderRules.create().required("a");
        HeaderRules more = base.allowed("b").required("c");
        assertThat(base.isKnown("b")).isFalse();
        assertThat(base.requiredColumns()).containsExactly("a");
        assertThat(more.requiredColumns()).containsExactly("a", "c");
        assertThat(more.isKnown("b")).isTrue();
        assertThat(HeaderRules.create().isKnown("anything")).isFalse();
    }

    @Test
    void aHeaderReadElsewhereOrFromAnotherSource() {
        assertThatThrownBy(() -> USERS.check("users.csv", 7, List.of("username", "firstname", "nope")))
                .isInstanceOfSatisfying(InputFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.column()).isEqualTo(3);
                });
        RowSource other = new RowSource() {
            @Override
            public String name() {
                return "other";
            }

            @Override
            public List<String> header() {
                return List.of("username", "firstname", "lastname", "x");
            }

            @Override
            public char separator() {
                return ';';
            }

            @Override
            public void close() {
            }

            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public InputRow next() {
                throw new NoSuchElementException();
            }
        };
        assertThatThrownBy(() -> USERS.check(other)).hasMessage("other:1:4: unknown column \"x\"");
    }

    @Test
    void theSourcesOwnFileErrorComesThrough() {
        try (CsvRowSource source = Reads.open("", CsvFormat.toolSync())) {
            assertThatThrownBy(() -> USERS.check(source)).hasMessageContaining("file is empty (no header line)");
        }
    }
}
