package org.moodlesync.examples.cli;

import org.moodlesync.core.UserSync;
import picocli.CommandLine.Option;

/** The options of users files ({@code run}, {@code process}, {@code schedule}). */
public final class UserArgs {

    @Option(names = "--allow-rename", description = "users: honour the oldusername column")
    boolean allowRename;

    @Option(names = "--protect-emails", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "users: never change existing users' e-mails (default: on; --no-protect-emails to allow)")
    boolean protectEmails;

    @Option(names = "--create-passwords", description = "users: new users without a password get one from Moodle's cron")
    boolean createPasswords;

    @Option(names = "--fast-hash", description = "users: hash passwords with rounds=5000 like Moodle's bulk upload")
    boolean fastHash;

    /** Sets these options on a users step. */
    UserSync applyTo(UserSync users) {
        return users.allowRename(allowRename)
                .protectEmails(protectEmails)
                .createPasswords(createPasswords)
                .fastHash(fastHash);
    }
}
