package org.moodlesync.jooq.internal.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Hashes passwords as Moodle 4.5 does: SHA-512 crypt, {@code $6$rounds=10000$<16-char salt>$<hash>}
 * ({@code rounds=5000}, the "fast hash" of Moodle's bulk upload, on request). PHP's {@code password_verify}
 * accepts these hashes, so users log in with them. Thread-safe.
 */
public final class MoodlePasswordHasher {

    /** Rounds Moodle uses for a normal hash. */
    public static final int ROUNDS = 10_000;
    /** Rounds of Moodle's bulk "fast hash". */
    public static final int FAST_ROUNDS = 5_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int rounds;

    private MoodlePasswordHasher(int rounds) {
        this.rounds = rounds;
    }

    /** The normal hasher ({@code rounds=10000}). */
    public static MoodlePasswordHasher standard() {
        return new MoodlePasswordHasher(ROUNDS);
    }

    /** Moodle's bulk "fast hash" ({@code rounds=5000}). */
    public static MoodlePasswordHasher fast() {
        return new MoodlePasswordHasher(FAST_ROUNDS);
    }

    /** A new hash of a clear-text password, with a random salt. */
    public String hash(String clearText) {
        return hash(clearText, newSalt());
    }

    /** The hash of a clear-text password with a given 16-character salt (for test vectors). */
    public String hash(String clearText, String salt) {
        return Sha2Crypt.sha512Crypt(clearText.getBytes(StandardCharsets.UTF_8), "$6$rounds=" + rounds + "$" + salt);
    }

    /**
     * Whether a clear-text password matches a stored SHA-512 crypt hash. Other hash kinds (bcrypt, legacy MD5)
     * answer false: the caller then stores a new hash, which Moodle accepts as well.
     */
    public static boolean matches(String clearText, String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$6$")) {
            return false;
        }
        String computed = Crypt.crypt(clearText.getBytes(StandardCharsets.UTF_8), storedHash);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Moodle's salt: the first 16 characters of base64 of 16 random bytes, {@code +} replaced by {@code .}. */
    static String newSalt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, 16).replace('+', '.');
    }
}
