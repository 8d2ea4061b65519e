package org.moodlesync.core.internal.read;

/**
 * Follows the quoting of an RFC 4180 record character by character, the way Apache Commons CSV's lexer reads it
 * (quote {@code "}, doubled quote as escape, no escape character): it tells whether a line break is inside a
 * quoted value (the record goes on) and in which field a position lies.
 *
 * <p>A quote opens a quoted value only at the start of a field (after spaces when surrounding spaces are
 * ignored); elsewhere it is an ordinary character.
 */
final class QuoteScanner {

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int AFTER_QUOTED = 4;

    private static final char QUOTE = '"';

    private final char separator;
    private final boolean ignoreSurroundingSpaces;
    private int state = FIELD_START;
    private int field = 1;
    private int invalidField;

    QuoteScanner(char separator, boolean ignoreSurroundingSpaces) {
        this.separator = separator;
        this.ignoreSurroundingSpaces = ignoreSurroundingSpaces;
    }

    /** Follows the characters of one physical line (without its line ending). */
    void line(CharSequence text) {
        scan(text, 0, text.length());
    }

    /** Follows {@code text[from, to)}. */
    void scan(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            accept(text.charAt(i));
        }
    }

    /**
     * Follows a line break; returns true when it lies inside a quoted value (the record continues on the next
     * line), false when it ends the record.
     */
    boolean lineBreak() {
        if (state == QUOTED) {
            return true;
        }
        state = FIELD_START;
        return false;
    }

    /** True while a quoted value is open. */
    boolean inQuotes() {
        return state == QUOTED;
    }

    /** 1-based number of the field the scanner is in. */
    int field() {
        return field;
    }

    /** 1-based number of the first field with text between its closing quote and the separator, or 0. */
    int invalidField() {
        return invalidField;
    }

    private void accept(char c) {
        switch (state) {
            case FIELD_START -> {
                if (c == separator) {
                    field++;
                } else if (c == QUOTE) {
                    state = QUOTED;
                } else if (!(ignoreSurroundingSpaces && Character.isWhitespace(c))) {
                    state = UNQUOTED;
                }
            }
            case UNQUOTED -> {
                if (c == separator) {
                    field++;
                    state = FIELD_START;
                }
            }
            case QUOTED -> {
                if (c == QUOTE) {
                    state = QUOTE_IN_QUOTED;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == QUOTE) {
                    state = QUOTED;
                } else {
                    state = AFTER_QUOTED;
                    afterQuoted(c);
                }
            }
            case AFTER_QUOTED -> afterQuoted(c);
            default -> throw new IllegalStateException("state " + state);
        }
    }

    private void afterQuoted(char c) {
        if (c == separator) {
            field++;
            state = FIELD_START;
        } else if (!Character.isWhitespace(c) && invalidField == 0) {
            invalidField = field;
        }
    }
}
