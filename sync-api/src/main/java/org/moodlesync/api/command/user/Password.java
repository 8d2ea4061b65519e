package org.moodlesync.api.command.user;

import java.util.Objects;

/**
 * A password instruction of a user command. Its {@code toString()} never shows a secret.
 *
 * <ul>
 *   <li>{@link Plain}: a clear-text password, hashed as Moodle does before it is stored;</li>
 *   <li>{@link Hash}: an existing bcrypt ({@code $2y$}) or SHA-512 crypt ({@code $6$}) hash, stored as it is;</li>
 *   <li>{@link NoLogin}: tool_sync's {@code *NOPASS*}, an account without a usable password;</li>
 *   <li>{@link Generate}: no password given: Moodle's cron generates and mails one ({@code create_password}).</li>
 * </ul>
 */
public sealed interface Password {

    /**
     * A clear-text password to hash.
     *
     * @param clearText the clear-text password, not empty (an empty one is {@link #generate()})
     * @return the instruction
     */
    static Password plain(String clearText) {
        return new Plain(clearText);
    }

    /**
     * An existing hash to store as it is.
     *
     * @param hash a SHA-512 crypt ({@code $6$...}) or bcrypt ({@code $2y$}, {@code $2a$}, {@code $2b$}) hash
     * @return the instruction
     */
    static Password hash(String hash) {
        return new Hash(hash);
    }

    /**
     * tool_sync's {@code *NOPASS*}.
     *
     * @return the instruction
     */
    static Password noLogin() {
        return NoLogin.INSTANCE;
    }

    /**
     * Let Moodle generate a password and mail it.
     *
     * @return the instruction
     */
    static Password generate() {
        return Generate.INSTANCE;
    }

    /**
     * A clear-text password (never logged).
     *
     * @param clearText the clear-text password, never empty
     */
    record Plain(String clearText) implements Password {
        /**
         * Checks the password.
         *
         * @param clearText the clear-text password
         * @throws NullPointerException     when it is null
         * @throws IllegalArgumentException when it is empty
         */
        public Plain {
            Objects.requireNonNull(clearText, "clearText");
            if (clearText.isEmpty()) {
                throw new IllegalArgumentException("an empty password is Password.generate()");
            }
        }

        @Override
        public String toString() {
            return "Password[plain ********]";
        }
    }

    /**
     * An existing password hash, stored unchanged.
     *
     * @param value the hash, starting with {@code $6$}, {@code $2y$}, {@code $2a$} or {@code $2b$}
     */
    record Hash(String value) implements Password {
        /**
         * Checks the hash's prefix.
         *
         * @param value the hash
         * @throws NullPointerException     when it is null
         * @throws IllegalArgumentException when it is neither SHA-512 crypt nor bcrypt
         */
        public Hash {
            Objects.requireNonNull(value, "value");
            if (!(value.startsWith("$6$") || value.startsWith("$2y$") || value.startsWith("$2b$")
                    || value.startsWith("$2a$"))) {
                throw new IllegalArgumentException(
                        "a password hash must be SHA-512 crypt ($6$...) or bcrypt ($2y$...)");
            }
        }

        @Override
        public String toString() {
            return "Password[hash ********]";
        }
    }

    /** The literal {@code *NOPASS*}: no login with a password. */
    enum NoLogin implements Password {
        /** The only instance. */
        INSTANCE;

        /** The value stored in {@code user.password}. */
        public static final String STORED = "*NOPASS*";
    }

    /** No password: Moodle generates one (preference {@code create_password}). */
    enum Generate implements Password {
        /** The only instance. */
        INSTANCE
    }
}
